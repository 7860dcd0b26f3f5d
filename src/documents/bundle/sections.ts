import { hashAuthenticityNote, regulatorHandlingNote } from '../../core/legal/notes.js';
import { formatLocalTime } from '../../core/time.js';
import { parseMarkup } from '../markup.js';
import type { PdfWriter, Slot } from '../pdf-writer.js';
import { renderBlocks } from '../render-blocks.js';
import { renderTemplate } from '../templates.js';
import { writeStampsSection } from '../integrity-stamps.js';
import { drawTimeline, timelinePoints } from '../timeline.js';
import { drawCaptureSeries } from './capture-series.js';
import type { ExhibitPlace, PackageContext } from './model.js';

/**
 * The sections of complaint.pdf, one small function each. Their words come from the template
 * (templates/complaint-pdf.<lang>.njk, one `section` at a time) and the message catalogue; tables, the
 * timeline and the exhibits are drawn here and in exhibits.ts.
 */

export type SectionKey = 'fields' | 'timeline' | 'evidence' | 'exhibits' | 'integrity';

/** Render one section of the template through the letter's path: template → markup → blocks. */
export async function templateSection(writer: PdfWriter, ctx: PackageContext, section: string, extra: Record<string, unknown> = {}): Promise<void> {
  const { content } = ctx.input;
  const markup = await renderTemplate(`complaint-pdf.${ctx.lang}.njk`, {
    section,
    caseId: ctx.input.record.id,
    content: ctx.input.content,
    fields: ctx.input.fields,
    evidenceCount: ctx.exhibits.length,
    handlingNote: regulatorHandlingNote(ctx.lang, { title: content.complaintRules.title, newMeasures: content.newMeasures }),
    hashNote: hashAuthenticityNote(ctx.lang),
    ...extra,
  });
  renderBlocks(writer, parseMarkup(markup), ctx.lang);
}

/** Cover: the case at a glance and a contents table whose page numbers are filled in at the end. */
export async function cover(writer: PdfWriter, ctx: PackageContext, sections: readonly SectionKey[]): Promise<Slot[]> {
  const { t } = ctx;
  writer.space(40);
  await templateSection(writer, ctx, 'cover');
  writer.heading(t('package.contents'), 2);
  const slots: Slot[] = [];
  writer.table(
    [{ header: t('package.contents.section'), width: 5 }, { header: t('package.contents.page'), width: 1, align: 'center' }],
    sections.map((key) => [t(`package.section.${key}`), '']),
    { size: 10, onRow: (_, cells) => slots.push({ page: cells[1]!.page, x: cells[1]!.x + 4, y: cells[1]!.y + 4, width: cells[1]!.width - 8, size: 10, align: 'center' }) },
  );
  return slots;
}

/** The complaint in the 12315 form's fields, with its legal basis. */
export async function formFields(writer: PdfWriter, ctx: PackageContext): Promise<number> {
  writer.newPage();
  const page = writer.page();
  await templateSection(writer, ctx, 'fields', { heading: ctx.t('package.section.fields') });
  return page;
}

/** The vector timeline of facts and deadlines; under it, repeated captures of one page as dated thumbnails. */
export async function timeline(writer: PdfWriter, ctx: PackageContext): Promise<number> {
  const { input } = ctx;
  writer.space(6);
  if (writer.remaining() < 200) writer.newPage();
  const page = writer.page();
  await templateSection(writer, ctx, 'timeline', { heading: ctx.t('package.section.timeline') });
  drawTimeline(writer, timelinePoints(input.record, input.deadlines, input.now, ctx.t), input.record.timeZone);
  await templateSection(writer, ctx, 'timelineKey');
  await drawCaptureSeries(writer, ctx);
  return page;
}

/**
 * The 证据清单: name, source, what it proves, where it is (pages of complaint.pdf, or the upload files), and
 * the original's hash; closed by the submitter's signature.
 */
export async function evidenceList(writer: PdfWriter, ctx: PackageContext, uploadFiles?: ReadonlyMap<string, string[]>): Promise<{ page: number; slots: Slot[] }> {
  const { t } = ctx;
  writer.newPage();
  const page = writer.page();
  await templateSection(writer, ctx, 'evidence', { heading: t('package.section.evidence') });
  const slots: Slot[] = [];
  if (ctx.exhibits.length > 0) {
    const zone = ctx.input.record.timeZone;
    writer.table(
      [
        { header: t('package.list.number'), width: 0.8, align: 'center' },
        { header: t('package.list.title'), width: 2.6 },
        { header: t('package.list.source'), width: 2.8 },
        { header: t('package.list.proves'), width: 2.6 },
        uploadFiles ? { header: t('package.list.uploadFile'), width: 2 } : { header: t('package.list.pages'), width: 1, align: 'center' },
        { header: 'SHA-256', width: 2.2 },
      ],
      ctx.exhibits.map((item) => [item.id, item.name, `${item.sourceText}\n${formatLocalTime(item.capture?.capturedAt ?? item.addedAt, zone)}`, item.proves, uploadFiles ? (uploadFiles.get(item.id) ?? []).join('\n') : '', `${item.original.sha256.slice(0, 16)}…`]),
      { size: 8.5, onRow: (_, cells) => slots.push({ page: cells[4]!.page, x: cells[4]!.x + 3, y: cells[4]!.y + 4, width: cells[4]!.width - 6, size: 8.5, align: 'center' }) },
    );
  }
  await templateSection(writer, ctx, 'evidenceNote', { upload: uploadFiles !== undefined });
  return { page, slots };
}

/** The integrity appendix: every file's SHA-256, and what a self-computed hash does and does not prove. */
export async function integrity(writer: PdfWriter, ctx: PackageContext): Promise<number> {
  const { t } = ctx;
  writer.newPage();
  const page = writer.page();
  await templateSection(writer, ctx, 'integrity', { heading: t('package.section.integrity') });
  if (ctx.checks.length > 0) {
    writer.table(
      [{ header: t('package.integrity.item'), width: 0.8, align: 'center' }, { header: t('package.integrity.file'), width: 3.2 }, { header: t('package.integrity.bytes'), width: 1.2, align: 'right' }, { header: 'SHA-256', width: 5.2 }],
      ctx.checks.map((c) => [c.item, `${c.path}${c.status === 'ok' ? '' : t(`package.integrity.${c.status}`)}`, String(c.size), c.sha256]),
      { size: 8 },
    );
  }
  await templateSection(writer, ctx, 'integrityNote');
  writeStampsSection(writer, ctx.input.record, t);
  return page;
}

/** Fill the evidence list's page column and the contents' page numbers once everything is placed. */
export function fillPageNumbers(writer: PdfWriter, listSlots: readonly Slot[], places: readonly ExhibitPlace[], contentsSlots: readonly Slot[], sectionPages: readonly number[]): void {
  places.forEach((place, i) => {
    const slot = listSlots[i];
    if (slot) writer.fillSlot(slot, place.firstPage === place.lastPage ? String(place.firstPage) : `${place.firstPage}–${place.lastPage}`);
  });
  sectionPages.forEach((page, i) => {
    const slot = contentsSlots[i];
    if (slot) writer.fillSlot(slot, String(page));
  });
}
