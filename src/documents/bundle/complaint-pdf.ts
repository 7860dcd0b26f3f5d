import { createHash, type Hash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { finished, Writable } from 'node:stream';
import { PdfWriter, type Slot } from '../pdf-writer.js';
import { drawExhibit } from './exhibits.js';
import type { ExhibitPlace, PackageContext } from './model.js';
import { type PdfPlacement, placePdfPages } from './pdf-originals.js';
import { cover, evidenceList, fillPageNumbers, formFields, integrity, type SectionKey, timeline } from './sections.js';

/**
 * complaint.pdf: cover, the complaint in the 12315 form's fields, the timeline, the evidence list, one exhibit
 * per item, the integrity appendix. The upload version leaves the exhibits out (each item is uploaded as its
 * own files) and its evidence list names those files instead of pages.
 */

export type ComplaintPdfOptions = {
  /** stream the document into this file instead of returning its bytes (when no PDF original needs drawing in) */
  file?: string;
  /** the upload version: item id → its upload files */
  uploadFiles?: ReadonlyMap<string, string[]>;
};

/** `sha256`: the file's, hashed as it was written (when streamed to `file`), so it is not read back for it. */
export type ComplaintPdf = { pdf?: Buffer; sha256?: string; pages: number; exhibits: ExhibitPlace[] };

/** A file the document streams into, hashing each piece on its way; finished once the file has it all. */
function hashingFile(file: string, hash: Hash): Writable {
  const out = createWriteStream(file, { mode: 0o600 });
  const sink: Writable = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      if (out.write(chunk)) callback();
      else out.once('drain', () => callback());
    },
    final(callback) {
      out.end();
      finished(out, (error) => callback(error ?? null));
    },
  });
  out.on('error', (error) => sink.destroy(error));
  return sink;
}

async function createWriter(ctx: PackageContext, options: ComplaintPdfOptions, hash: Hash): Promise<PdfWriter> {
  const { record, content } = ctx.input;
  const { t } = ctx;
  const names = { order: record.order.number, respondent: content.respondent.name, case: record.id };
  const hasPdfOriginal = ctx.exhibits.some((item) => item.original.mime === 'application/pdf' || /\.pdf$/i.test(item.original.path));
  const sink = options.file && (options.uploadFiles || !hasPdfOriginal) ? hashingFile(options.file, hash) : undefined;
  return PdfWriter.create(
    ctx.input.font,
    {
      title: t('package.meta.title', names),
      author: content.complainant.name,
      subject: t('package.meta.subject', names),
      keywords: [record.order.number, record.platform.name, ...content.tickets].join(', '),
      creationDate: ctx.input.now,
      lang: ctx.lang,
    },
    { label: t(options.uploadFiles ? 'package.uploadFooter' : 'package.footer', names), lang: ctx.lang },
    sink,
  );
}

export async function renderComplaintPdf(ctx: PackageContext, options: ComplaintPdfOptions = {}): Promise<ComplaintPdf> {
  const hash = createHash('sha256');
  const writer = await createWriter(ctx, options, hash);
  const withExhibits = options.uploadFiles === undefined && ctx.exhibits.length > 0;
  const sections: SectionKey[] = ['fields', 'timeline', 'evidence', ...(withExhibits ? (['exhibits'] as const) : []), 'integrity'];
  const contentsSlots = await cover(writer, ctx, sections);
  const sectionPages: number[] = [await formFields(writer, ctx), await timeline(writer, ctx)];
  const list = await evidenceList(writer, ctx, options.uploadFiles);
  sectionPages.push(list.page);
  const places: ExhibitPlace[] = [];
  const pdfPlacements: PdfPlacement[] = [];
  if (withExhibits) {
    for (const [index, item] of ctx.exhibits.entries()) {
      ctx.input.onExhibit?.(item.id, index + 1, ctx.exhibits.length);
      places.push(await drawExhibit(writer, ctx, item, pdfPlacements, index === 0 ? ctx.t('package.section.exhibits') : undefined));
    }
    sectionPages.push(places[0]!.firstPage);
  }
  sectionPages.push(await integrity(writer, ctx));
  fillPageNumbers(writer, withExhibits ? list.slots : ([] as Slot[]), places, contentsSlots, sectionPages);
  const pages = writer.pageCount();
  const pdf = await writer.finish();
  if (pdfPlacements.length === 0) return { ...(pdf.length > 0 ? { pdf } : { sha256: hash.digest('hex') }), pages, exhibits: places };
  const placed = await placePdfPages(pdf, pdfPlacements, { left: writer.left, width: writer.contentWidth, bottom: writer.bottom });
  return { pdf: placed, pages, exhibits: places };
}
