import type { Context } from '../../context.js';
import { assembleLetter, type Complainant, type LetterContent, type LetterSource } from '../../core/letter-facts.js';
import { durationFlag } from './document-output.js';

export type LetterContentOptions = { replyWithin?: string; deliverWithin?: string; fraud?: boolean };

/** The letter's content for a source (a case, or one-off facts); shared by `letter`, `bundle` and `authorize`. */
export async function buildLetterContent(context: Context, source: LetterSource, complainant: Complainant, options: LetterContentOptions): Promise<LetterContent> {
  const { createTranslator } = await import('../../ui/i18n.js');
  return assembleLetter(
    source,
    {
      now: context.now(),
      lang: context.documentLang,
      complainant,
      replyWithinMinutes: durationFlag(options.replyWithin, '3d', '--reply-within'),
      deliverWithinHours: Math.max(1, Math.round(durationFlag(options.deliverWithin, '24h', '--deliver-within') / 60)),
      fraudAsserted: options.fraud === true,
    },
    createTranslator(context.documentLang),
  );
}
