import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { canCaption, captionedParts } from '../../evidence/capture/caption.js';
import { safeFileName } from '../../evidence/import-file.js';
import { cutRows, contentCrop } from '../image-bands.js';
import { blankLines, printableImage } from '../image-source.js';
import { PdfWriter } from '../pdf-writer.js';
import { isTextEvidence, readTextEvidence } from '../text-evidence.js';
import { copyPrivately, type UploadCopy, writeImageCopy, writePdfCopies } from '../upload-copies.js';
import { textLines } from './exhibit-bodies.js';
import { drawExhibit } from './exhibits.js';
import type { Exhibit, PackageContext } from './model.js';

/**
 * Each item's upload copies, readable on the regulator's screen: a long screenshot as page-shaped parts, each
 * with a caption strip (evidence id, part, case, name, the original's hash); an image in a format the form
 * may not take (HEIC, WebP, BMP …) as PNG/JPEG; a text original as a PDF of its text; a PDF split to the
 * limit; anything else copied as it is.
 */

/** A screenshot taller than this many widths is uploaded in parts (about an A4 page each). */
const PART_RATIO = Math.SQRT2;

function stemOf(item: Exhibit): string {
  const name = safeFileName(item.original.path.split('/').at(-1) ?? item.id);
  return `${item.id}-${name.replace(/\.[^.]+$/, '')}`;
}

async function imageCopies(ctx: PackageContext, dir: string, item: Exhibit, limit: number): Promise<UploadCopy[]> {
  const data = await readFile(item.original.absolutePath);
  const image = await printableImage(data);
  if ('failure' in image) return [await copyAsIs(dir, item, limit)];
  const partHeight = Math.round(image.widthPx * PART_RATIO);
  if (image.heightPx > partHeight * 1.15) {
    // without sharp (an optional package) the parts cannot be cut as images: the upload copy is the exhibit's
    // own pages as a PDF, the same full-width bands each under its caption, never the image shrunk whole
    if (!(await canCaption())) return writePdfCopies(dir, stemOf(item), await exhibitDocument(ctx, item), item.id, limit, 'converted');
    let pending = ctx.blankLines.get(item.id);
    if (!pending) {
      pending = blankLines(image, image.widthPx > 1440);
      ctx.blankLines.set(item.id, pending);
    }
    const lines = await pending;
    const crop = contentCrop(lines.columns, image.widthPx);
    const width = crop.right - crop.left;
    const cuts = cutRows(lines.rows, image.heightPx, Math.round(width * PART_RATIO), Math.round(width * PART_RATIO));
    const parts = cuts.length;
    const regions = cuts.map((cut) => ({ left: crop.left, top: cut.top, width, height: cut.height }));
    const caption = (index: number) => [ctx.t('caption.band', { id: item.id, part: index + 1, parts, case: ctx.input.record.id, title: item.name }), ctx.t('caption.hash', { sha256: item.original.sha256 })];
    const copies: UploadCopy[] = [];
    for await (const part of captionedParts(image.data, regions, caption)) {
      const index = copies.length;
      copies.push(await writeImageCopy(dir, `${item.id}-part${String(index + 1).padStart(String(parts).length, '0')}of${parts}`, part, 'png', item.id, limit, 'banded'));
    }
    return copies;
  }
  if (!image.converted && data.length <= limit) return [await copyAsIs(dir, item, limit)];
  const extension = image.data[0] === 0xff ? 'jpg' : 'png';
  return [await writeImageCopy(dir, stemOf(item), image.data, extension, item.id, limit, image.converted ? 'converted' : 'copied')];
}

/** A PDF of one item's own, titled with its exhibit heading, under the package's footer. */
async function itemWriter(ctx: PackageContext, item: Exhibit): Promise<{ writer: PdfWriter; heading: string }> {
  const heading = ctx.t('exhibit.heading', { id: item.id, title: item.name });
  const names = { case: ctx.input.record.id, order: ctx.input.record.order.number };
  const writer = await PdfWriter.create(ctx.input.font, { title: heading, author: ctx.input.content.complainant.name, subject: heading, creationDate: ctx.input.now, lang: ctx.lang }, { label: ctx.t('package.footer', names), lang: ctx.lang });
  return { writer, heading };
}

/** One exhibit alone as a PDF, drawn as in complaint.pdf (for an image that cannot be cut into image parts here). */
async function exhibitDocument(ctx: PackageContext, item: Exhibit): Promise<Buffer> {
  const { writer } = await itemWriter(ctx, item);
  await drawExhibit(writer, ctx, item, []);
  return writer.finish();
}

/** A text original as a PDF: its exhibit heading, what it is, and every line. */
export async function textDocument(ctx: PackageContext, item: Exhibit): Promise<Buffer> {
  const { t } = ctx;
  const text = await readTextEvidence(await readFile(item.original.absolutePath), item.original.mime ?? '', item.original.path);
  const { writer, heading } = await itemWriter(ctx, item);
  writer.heading(heading);
  writer.keyValues(
    [
      [t('exhibit.key.source'), item.sourceText],
      [t('exhibit.key.proves'), item.proves],
      [t('exhibit.key.file'), t('exhibit.fileSize', { path: item.original.path, bytes: item.original.size })],
      ['SHA-256', item.original.sha256],
      [t('exhibit.key.printed'), t('exhibit.printed.text', { encoding: text.encoding })],
    ],
    { size: 9.5, keyWidth: 0.2 },
  );
  textLines(writer, text.lines, 50_000);
  return writer.finish();
}

async function copyAsIs(dir: string, item: Exhibit, limit: number): Promise<UploadCopy> {
  const name = `${item.id}-${safeFileName(item.original.path.split('/').at(-1) ?? item.id)}`;
  await copyPrivately(item.original.absolutePath, path.join(dir, name));
  return { path: `upload/${name}`, size: item.original.size, from: item.id, how: item.original.size <= limit ? 'copied' : 'too-large' };
}

function isImage(mime: string, name: string): boolean {
  return mime.startsWith('image/') || /\.(png|jpe?g|webp|gif|heic|heif|avif|bmp|tiff?)$/i.test(name);
}

/** One item's upload copies; a file that cannot be converted is copied as it is, never a failed package. */
async function itemCopies(ctx: PackageContext, dir: string, item: Exhibit, limit: number): Promise<UploadCopy[]> {
  const mime = item.original.mime ?? '';
  const name = item.original.path;
  try {
    if (isImage(mime, name)) return await imageCopies(ctx, dir, item, limit);
    if (mime === 'application/pdf' || /\.pdf$/i.test(name)) return await writePdfCopies(dir, stemOf(item), await readFile(item.original.absolutePath), item.id, limit);
    if (isTextEvidence(mime, name)) return await writePdfCopies(dir, stemOf(item), await textDocument(ctx, item), item.id, limit, 'converted');
    return [await copyAsIs(dir, item, limit)];
  } catch {
    return [await copyAsIs(dir, item, limit)];
  }
}

/**
 * Items worked on at once: their image work runs in sharp's threads while complaint.pdf is laid out on the
 * main one, which waits on them for much of a package of screenshots.
 */
const AT_ONCE = 2;

/** Every item's upload copies, in the items' order. */
export async function evidenceUploadCopies(ctx: PackageContext, dir: string, limit: number): Promise<UploadCopy[]> {
  const items = ctx.exhibits.filter((item) => !ctx.checks.some((c) => c.item === item.id && c.path === item.original.path && c.status === 'missing'));
  const results: UploadCopy[][] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await itemCopies(ctx, dir, items[index]!, limit);
    }
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, items.length) }, worker));
  return results.flat();
}
