import { readFile } from 'node:fs/promises';
import { formatLocalTime } from '../../core/time.js';
import { writeBillExhibit } from '../bill-exhibit.js';
import { blankLines, type ImageFailure, type PrintableImage, printableImage } from '../image-source.js';
import { pixelRatioOf } from '../image-bands.js';
import { type BlankLines, imageLayout, needsBlankLines, placeImage, printedScale } from '../image-placement.js';
import { isMedia, mediaInfo } from '../media-info.js';
import type { PdfWriter } from '../pdf-writer.js';
import { isTextEvidence, readTextEvidence } from '../text-evidence.js';
import { MAX_TEXT_LINES, mediaNote, mediaRows, pdfPages, textLines } from './exhibit-bodies.js';
import type { Exhibit, ExhibitPlace, PackageContext } from './model.js';
import type { PdfPlacement } from './pdf-originals.js';

/**
 * One exhibit per evidence item, on its own pages: a table saying what it is (source, time, what it proves,
 * the original's file and hash, how it is printed, any warning), then the evidence itself as its kind allows —
 * an image at a legible size, the pages of a PDF, the text of a chat export, or, for a recording or a video,
 * a description. Each file is read when its exhibit is drawn and let go after, so a package of a hundred
 * screenshots never holds more than one. A file that cannot be shown is described, never a failed package.
 */

type Row = [string, string];

const TABLE = { size: 9.5, keyWidth: 0.2 };

/** What an item's original turned out to be, read just before its exhibit is drawn. */
type Prepared =
  | { kind: 'image'; image: PrintableImage; lines?: BlankLines; ratio: number }
  | { kind: 'pdf'; data: Buffer }
  | { kind: 'text'; lines: string[]; encoding: string }
  | { kind: 'media'; rows: Row[]; note: string }
  | { kind: 'none'; note: string };

function isImage(mime: string, name: string): boolean {
  return mime.startsWith('image/') || /\.(png|jpe?g|webp|gif|heic|heif|avif|bmp|tiff?)$/i.test(name);
}

/** Read and prepare the original for printing; every failure becomes a note on the exhibit. */
export async function prepareExhibit(item: Exhibit, ctx: PackageContext, writer: PdfWriter): Promise<Prepared> {
  const { t } = ctx;
  const file = item.original;
  const mime = file.mime ?? '';
  const status = ctx.checks.find((c) => c.item === item.id && c.path === file.path)?.status;
  if (status === 'missing') return { kind: 'none', note: t('exhibit.problem.missing', { path: file.path }) };
  try {
    if (isImage(mime, file.path)) {
      const image = await printableImage(await readFile(file.absolutePath));
      if ('failure' in image) {
        const { failure, needs } = image as ImageFailure;
        if (needs) ctx.unprinted.set(item.id, needs);
        return { kind: 'none', note: t('exhibit.unreadable', { reason: failure }) };
      }
      // a capture made at a device scale factor (a phone's 3) has that many image pixels to a page pixel
      const ratio = pixelRatioOf(item.capture?.scale);
      const need = needsBlankLines(image, writer, ratio);
      let pending = ctx.blankLines.get(item.id);
      if (!pending && (need.rows || need.columns)) {
        pending = blankLines(image, need.columns);
        ctx.blankLines.set(item.id, pending);
      }
      const lines = await pending;
      return { kind: 'image', image, ratio, ...(lines ? { lines } : {}) };
    }
    if (mime === 'application/pdf' || /\.pdf$/i.test(file.path)) return { kind: 'pdf', data: await readFile(file.absolutePath) };
    if (isTextEvidence(mime, file.path)) return { kind: 'text', ...(await readTextEvidence(await readFile(file.absolutePath), mime, file.path)) };
    if (isMedia(mime, file.path)) {
      const info = await mediaInfo(file.absolutePath, mime, file.path);
      return { kind: 'media', rows: mediaRows(info, item, t), note: mediaNote(info, t) };
    }
  } catch (error) {
    return { kind: 'none', note: t('exhibit.unreadable', { reason: (error as Error).message.split('\n')[0] ?? '' }) };
  }
  return { kind: 'none', note: t('exhibit.other') };
}

/** The rows of the exhibit's table. */
function headerRows(item: Exhibit, ctx: PackageContext, prepared: Prepared): Row[] {
  const { t } = ctx;
  const rows: Row[] = [
    [t('exhibit.key.source'), item.sourceText],
    [t('exhibit.key.obtained'), formatLocalTime(item.capture?.capturedAt ?? item.addedAt, ctx.input.record.timeZone)],
    [t('exhibit.key.proves'), item.proves],
  ];
  if (item.note) rows.push([t('exhibit.key.note'), item.note]);
  rows.push([t('exhibit.key.file'), t('exhibit.fileSize', { path: item.original.path, bytes: item.original.size })], ['SHA-256', item.original.sha256]);
  if (prepared.kind === 'media') rows.push(...prepared.rows);
  if (prepared.kind === 'text') rows.push([t('exhibit.key.encoding'), prepared.encoding]);
  if (prepared.kind === 'pdf') rows.push([t('exhibit.key.printed'), t('exhibit.printed.pdf')]);
  const problem = ctx.checks.find((c) => c.item === item.id && c.status === 'changed');
  if (problem) rows.push([t('exhibit.key.warning'), t('exhibit.problem.changed', { path: problem.path })]);
  if (item.loginWall) rows.push([t('exhibit.key.attention'), t('exhibit.loginWall')]);
  const status = item.capture?.httpStatus;
  if (typeof status === 'number' && (status < 200 || status > 299)) rows.push([t('exhibit.key.attention'), t('exhibit.badStatus', { status })]);
  return rows;
}

/**
 * How an image is printed: its resolution on paper (at `scale`, the one it will print at), whether it continues
 * over pages, whether it was converted or cropped.
 */
function printedNote(ctx: PackageContext, writer: PdfWriter, image: PrintableImage, lines: BlankLines | undefined, ratio: number, scale?: number): string {
  const { t } = ctx;
  const layout = imageLayout(image, lines, writer, ratio);
  const printed = scale ?? layout.scale;
  // a nearly fitting image is printed a little smaller to stay on one page: its resolution is then higher
  const notes = [t(printed < layout.scale - 1e-9 ? 'exhibit.printed.scaleReduced' : 'exhibit.printed.scale', { ppi: Math.round(72 / printed) })];
  if (layout.continued) notes.push(t('exhibit.printed.continued'));
  if (image.converted) notes.push(t('exhibit.printed.converted', { format: image.format.toUpperCase() }));
  if (layout.crop.left > 0 || layout.crop.right < image.widthPx) notes.push(t('exhibit.printed.cropped', { left: layout.crop.left + 1, right: layout.crop.right }));
  return notes.join(t('doc.listSeparator'));
}

/** Draw one exhibit from a fresh page (the first under the section's heading); returns where it landed. */
export async function drawExhibit(writer: PdfWriter, ctx: PackageContext, item: Exhibit, pdfPlacements: PdfPlacement[], sectionHeading?: string): Promise<ExhibitPlace> {
  const { t } = ctx;
  const prepared = await prepareExhibit(item, ctx, writer);
  writer.freshPage();
  const firstPage = writer.page();
  if (sectionHeading) writer.heading(sectionHeading);
  writer.heading(t('exhibit.heading', { id: item.id, title: item.name }));
  const rows = headerRows(item, ctx, prepared);
  const missing = ctx.checks.some((c) => c.item === item.id && c.path === item.original.path && c.status === 'missing');
  if (item.meta.bill && !missing) {
    // a payment bill: its rows around the order's transaction, that row highlighted
    writer.keyValues(rows, { size: 9.5, keyWidth: 0.2 });
    if (await writeBillExhibit(writer, item, ctx.input.record, t)) return { id: item.id, firstPage, lastPage: writer.page() };
  }
  const title = (key: string) => (part: number, parts: number) => t(parts > 1 ? key : 'exhibit.heading', { id: item.id, title: item.name, part, parts, page: part, pages: parts });
  switch (prepared.kind) {
    case 'image': {
      const { image, lines, ratio } = prepared;
      // the resolution stated is the one printed, which depends on the room the table leaves: the note is
      // worked out from where the table would end, then once more in case its new wording changed that
      const withNote = (scale?: number): Row[] => [...rows, [t('exhibit.key.printed'), printedNote(ctx, writer, image, lines, ratio, scale)]];
      let table = withNote();
      for (let pass = 0; pass < 2; pass += 1) table = withNote(printedScale(image, lines, writer, writer.keyValuesEnd(table, TABLE), ratio));
      writer.keyValues(table, TABLE);
      const placed = placeImage(writer, prepared.image, prepared.lines, title('exhibit.band'), prepared.ratio);
      return { id: item.id, firstPage, lastPage: writer.page(), parts: placed.bands.length };
    }
    case 'pdf':
      writer.keyValues(rows, { size: 9.5, keyWidth: 0.2 });
      await pdfPages(writer, item, prepared.data, pdfPlacements, title('exhibit.pdfPage'));
      break;
    case 'text':
      const printed = prepared.lines.length > MAX_TEXT_LINES ? t('exhibit.printed.textCut', { lines: MAX_TEXT_LINES, total: prepared.lines.length }) : t('exhibit.printed.text', { encoding: prepared.encoding });
      writer.keyValues([...rows, [t('exhibit.key.printed'), printed]], { size: 9.5, keyWidth: 0.2 });
      textLines(writer, prepared.lines);
      break;
    case 'media':
    case 'none':
      writer.keyValues(rows, { size: 9.5, keyWidth: 0.2 });
      writer.paragraph(prepared.note, { size: 10 });
      break;
  }
  return { id: item.id, firstPage, lastPage: writer.page() };
}
