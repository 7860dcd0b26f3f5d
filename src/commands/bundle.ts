import path from 'node:path';
import type { Context } from '../context.js';
import { installCommand } from '../optional.js';
import { openResult } from '../ui/desktop.js';
import { isInsideFolder } from '../store/file-system.js';
import { complaintFields } from '../core/letter-facts.js';
import { computeDeadlines } from '../core/deadlines.js';
import { fontForCommand, recordGeneratedDocument } from './shared/document-output.js';
import { commandCalendar } from './shared/calendar.js';
import { caseComplainant } from './shared/client.js';
import { buildLetterContent } from './shared/letter-content.js';

export type BundleOptions = { output?: string; replyWithin?: string; font?: string; claimCosts?: boolean; open?: boolean };


export async function run(context: Context, reference: string, options: BundleOptions): Promise<void> {
  const store = await context.store();
  const record = await store.loadForDocuments(await store.resolve(reference));
  const complainant = await caseComplainant(context, record);
  const deadlines = computeDeadlines(record, context.now(), await commandCalendar(context));
  const content = await buildLetterContent(context, record, complainant, options, deadlines);
  // The form's respondent: say before writing when the company or its address is missing, and how to find them.
  if (!context.json && (!record.platform.company || !record.platform.companyAddress)) {
    if (!record.platform.company) context.out.warn(context.t('bundle.missingCompany', { platform: record.platform.name }));
    if (!record.platform.companyAddress) context.out.warn(context.t('bundle.missingAddress'));
    context.out.info(context.t('bundle.howToFind', { id: record.id }));
  }
  const font = await fontForCommand(context);
  const limit = context.config.uploadLimitMB.value;
  const caseDir = store.caseDir(record.id);
  const outDir = options.output ?? path.join(caseDir, 'out', `bundle-${content.date}`);
  const { writeBundle } = await import('../documents/bundle/index.js');
  const progress = context.out.progress(context.t('bundle.progress.start'));
  const result = await writeBundle({
    record,
    caseDir,
    content,
    fields: complaintFields(content, { factsLimit: context.config.complaintFactsMax.value }),
    deadlines,
    font,
    now: context.now(),
    t: context.documentT,
    outDir,
    shared: !isInsideFolder(context.locations.home, outDir),
    uploadLimitMB: limit,
    onExhibit: (id, index, total) => progress?.update(context.t('bundle.progress.exhibit', { id, index, total })),
  }).finally(() => progress?.stop());
  await recordGeneratedDocument(context, store, record.id, { document: 'bundle', file: result.complaintPdf, sha256: result.complaintSha256 });
  context.out.result({ caseId: record.id, ...result }, () => result.dir);
  context.out.success(context.t('bundle.written', { dir: result.dir }));
  if (options.open) await openResult(context, result.complaintPdf);
  if (context.json) return;
  context.out.info(context.t('bundle.zip', { zip: result.zip }));
  context.out.info(context.t('bundle.upload', { limit, dir: path.join(result.dir, 'upload') }));
  if (record.evidence.length === 0) context.out.warn(context.t('bundle.noEvidence'));
  for (const problem of result.files.filter((f) => f.status !== 'ok')) context.out.warn(context.t('bundle.missingEvidence', { id: problem.item, file: problem.path, case: record.id }));
  for (const copy of result.upload.filter((u) => u.how === 'too-large')) context.out.warn(context.t('bundle.tooLarge', { file: copy.path, limit }));
  for (const { item, package: name } of result.unprinted) context.out.warn(context.t('bundle.unprinted', { id: item, package: name, command: installCommand(name) }));
}
