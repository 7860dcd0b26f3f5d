import type { Context } from '../../context.js';
import type { Deadline } from '../../core/deadlines.js';
import { assembleLetter, type Complainant, type LetterContent, type LetterSource } from '../../core/letter-facts.js';
import { commandCalendar } from './calendar.js';
import { durationFlag } from './document-output.js';

export type LetterContentOptions = { replyWithin?: string; deliverWithin?: string; claimCosts?: boolean };

/**
 * The letter's content for a source (a case, or one-off facts); shared by `letter`, `bundle` and `authorize`.
 * Pass the deadlines the engine computed when the command has them: the letter takes the platform deadline
 * from them instead of computing it again.
 */
export async function buildLetterContent(
  context: Context,
  source: LetterSource,
  complainant: Complainant,
  options: LetterContentOptions,
  deadlines?: readonly Deadline[],
): Promise<LetterContent> {
  return assembleLetter(
    source,
    {
      now: context.now(),
      lang: context.documentLang,
      complainant,
      replyWithinMinutes: durationFlag(options.replyWithin, '3d', '--reply-within'),
      deliverWithinHours: Math.max(1, Math.round(durationFlag(options.deliverWithin, '24h', '--deliver-within') / 60)),
      claimCosts: options.claimCosts === true,
      // without the engine's deadlines the platform's is computed here, on the same calendar `due` uses
      ...(deadlines ? { deadlines } : { calendar: await commandCalendar(context, undefined, { lenient: true }) }),
    },
    context.documentT,
  );
}
