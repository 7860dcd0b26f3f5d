import path from 'node:path';
import type { Context } from '../context.js';
import { DRAFT_ROUTES, type DraftRoute } from '../core/enums.js';
import { draftRefusal } from '../core/ladder/rungs.js';
import { formatLocalTime } from '../core/time.js';
import { fontForCommand, recordGeneratedDocument, sha256Hex, writeDocument } from './shared/document-output.js';
import { commandCalendar } from './shared/calendar.js';
import { InputError, UsageError } from '../errors.js';
import { openResult } from '../ui/desktop.js';
import { requireProfile } from './shared/profile.js';

type Options = { for?: string; output?: string; font?: string; open?: boolean };

/** The document for a rung after the platform: a PDF, and beside it the same text ready to paste (.txt). */
export async function run(context: Context, reference: string, options: Options): Promise<void> {
  if (options.for === undefined) throw new InputError('input.missingFlags', { flags: '--for' });
  if (!(DRAFT_ROUTES as readonly string[]).includes(options.for)) throw new InputError('input.route.invalid', { value: options.for, allowed: DRAFT_ROUTES.join('|') });
  const route = options.for as DraftRoute;
  const store = await context.store();
  const record = await store.loadForDocuments(await store.resolve(reference));
  const refusal = draftRefusal(record, route);
  if (refusal) throw new UsageError(`draft.refused.${refusal}`, { case: record.id, category: context.t(`category.${record.order.category}`), platform: record.platform.name }, `draft.refusedHint.${refusal}`, { case: record.id });
  const complainant = await requireProfile(context);
  const [{ assembleDraft }, { DRAFTS }, { renderDraft }, { createTranslator }] = await Promise.all([
    import('../core/ladder/draft-content.js'),
    import('../documents/drafts/index.js'),
    import('../documents/drafts/render.js'),
    import('../ui/i18n.js'),
  ]);
  const lang = context.documentLang;
  const content = assembleDraft(record, route, { now: context.now(), lang, complainant, calendar: await commandCalendar(context, undefined, { lenient: true }) }, createTranslator(lang));
  const definition = DRAFTS[route];
  const font = await fontForCommand(context);
  const { pdf, text } = await renderDraft(definition, content, { font, creationDate: context.now() });
  const caseDir = store.caseDir(record.id);
  const file = options.output ?? path.join(caseDir, 'out', `${definition.fileStem}-${content.date}${lang === 'en' ? '-en' : ''}.pdf`);
  const written = await writeDocument(file, pdf, context.locations.home);
  const textFile = await writeDocument(written.replace(/\.pdf$/i, '') + '.txt', Buffer.from(text, 'utf8'), context.locations.home);
  const sha256 = sha256Hex(pdf);
  await recordGeneratedDocument(context, store, record.id, { document: `draft-${route}`, file: written, sha256 });
  const now = formatLocalTime(context.now().toISOString(), record.timeZone);
  context.out.result({ case: record.id, route, path: written, text: textFile, sha256, evidence: content.evidenceIds }, () => written);
  context.out.success(context.t('draft.written', { route: context.t(`route.${route}`), path: written }));
  if (context.json) {
    if (options.open) await openResult(context, written);
    return;
  }
  context.out.info(context.t('draft.textWritten', { path: textFile }));
  context.out.info(content.evidenceIds.length > 0 ? context.t('draft.attach', { ids: content.evidenceIds.join(', ') }) : context.t('draft.noEvidence', { case: record.id }));
  context.out.info(context.t(`draft.where.${route}`));
  context.out.info(context.t('draft.thenRecord', { command: `weiquan filed ${record.id} --route ${route} --at "${now}" --reference NO` }));
  if (options.open) await openResult(context, written);
}
