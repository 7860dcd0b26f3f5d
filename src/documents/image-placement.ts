import { type Band, columnTiles, contentCrop, type Crop, MAX_SINGLE_COLUMN_PX, planBands, printScale } from './image-bands.js';
import type { PrintableImage } from './image-source.js';
import { openImageForPdf } from './images.js';
import type { PdfWriter } from './pdf-writer.js';

/**
 * An image on the writer's pages at a legible size: at the text width (never smaller: a 1280-px screenshot
 * prints at about 200 ppi; a little smaller, down to MIN_PPI, only to keep a nearly fitting image on one page),
 * never enlarged beyond 0.75 pt a pixel. A taller one continues over as many pages as it needs in full-width
 * bands, each with its caption ("证据 E1（第 2/4 段）"). The image is embedded once and each band shows its part
 * through a clipping path, so nothing is re-encoded per page. `ratio` is the capture's device scale factor
 * (image pixels a page pixel; 1 for anything else): the limits are in the page's own pixels.
 */

export type BlankLines = { rows: Uint8Array; columns?: Uint8Array };
export type Placement = { scale: number; crop: Crop; bands: (Band & { page: number })[] };

const MIN_PPI = 220;
const CAPTION_SIZE = 9.5;

/** Whether placing this image may need its blank rows (it will not fit one page) or its columns (very wide). */
export function needsBlankLines(image: Pick<PrintableImage, 'widthPx' | 'heightPx'>, writer: PdfWriter, ratio = 1): { rows: boolean; columns: boolean } {
  const columns = image.widthPx > MAX_SINGLE_COLUMN_PX * ratio;
  const scale = printScale(Math.min(image.widthPx, MAX_SINGLE_COLUMN_PX * ratio), writer.contentWidth, ratio);
  return { rows: image.heightPx * scale > (writer.bottom - writer.top) * 0.8, columns };
}

/** The scale and crop an image prints at, and whether it continues over pages (it does not fit one). */
export function imageLayout(image: Pick<PrintableImage, 'widthPx' | 'heightPx'>, lines: BlankLines | undefined, writer: PdfWriter, ratio = 1): { scale: number; crop: Crop; continued: boolean } {
  const crop = contentCrop(lines?.columns, image.widthPx);
  const tiles = columnTiles(crop, ratio);
  const scale = printScale(Math.max(...tiles.map((t) => t.width)), writer.contentWidth, ratio);
  const fullRoom = writer.bottom - writer.top - writer.lineHeight(CAPTION_SIZE) - 9;
  return { scale, crop, continued: tiles.length > 1 || image.heightPx * Math.min(scale, 72 / (MIN_PPI * ratio)) > fullRoom };
}

function drawBand(writer: PdfWriter, opened: unknown, image: PrintableImage, band: Band, scale: number): void {
  const width = band.width * scale;
  const height = band.height * scale;
  const x = writer.left + (writer.contentWidth - width) / 2;
  const { doc } = writer;
  doc.save();
  doc.rect(x, writer.y, width, height).clip();
  doc.image(opened as Buffer, x - band.left * scale, writer.y - band.top * scale, { width: image.widthPx * scale, height: image.heightPx * scale });
  doc.restore();
  doc.save().rect(x - 0.25, writer.y - 0.25, width + 0.5, height + 0.5).lineWidth(0.5).strokeColor('#bbbbbb').stroke().restore();
  writer.y += height + 6;
}

function caption(writer: PdfWriter, text: string): void {
  writer.paragraph(text, { size: CAPTION_SIZE, color: '#333333', sans: true });
  writer.space(3);
}

/** The points a one-piece image needs above it for its caption, and below it. */
function captionRoom(writer: PdfWriter): number {
  return writer.lineHeight(CAPTION_SIZE) + 3 + 6;
}

/**
 * Where a one-column image goes in one piece: at `scale` when it fits the room left on the page, else a little
 * smaller (down to MIN_PPI) to stay there, else on a fresh page the same way; undefined when it does not fit
 * even a fresh page (it continues over pages in bands).
 */
function onePiece(heightPx: number, scale: number, ratio: number, room: number, fullRoom: number): { scale: number; newPage: boolean } | undefined {
  const smallest = Math.min(scale, 72 / (MIN_PPI * ratio));
  const fit = (space: number) => (heightPx * scale <= space ? scale : heightPx * smallest <= space ? space / heightPx : undefined);
  const here = fit(room);
  if (here !== undefined) return { scale: here, newPage: false };
  const fresh = fit(fullRoom);
  return fresh === undefined ? undefined : { scale: fresh, newPage: true };
}

/**
 * The scale (points a pixel) the image will print at when placeImage starts with the cursor at `startY`: what
 * an exhibit states as its resolution, worked out before the table above the image is drawn.
 */
export function printedScale(image: Pick<PrintableImage, 'widthPx' | 'heightPx'>, lines: BlankLines | undefined, writer: PdfWriter, startY: number, ratio = 1): number {
  const crop = contentCrop(lines?.columns, image.widthPx);
  const tiles = columnTiles(crop, ratio);
  const scale = printScale(Math.max(...tiles.map((t) => t.width)), writer.contentWidth, ratio);
  if (tiles.length > 1) return scale;
  const fullRoom = writer.bottom - writer.top - captionRoom(writer);
  return onePiece(image.heightPx, scale, ratio, writer.bottom - startY - captionRoom(writer), fullRoom)?.scale ?? scale;
}

export function placeImage(writer: PdfWriter, image: PrintableImage, lines: BlankLines | undefined, captionFor: (part: number, parts: number) => string, ratio = 1): Placement {
  const crop = contentCrop(lines?.columns, image.widthPx);
  const tiles = columnTiles(crop, ratio);
  const scale = printScale(Math.max(...tiles.map((t) => t.width)), writer.contentWidth, ratio);
  const fullRoom = writer.bottom - writer.top - captionRoom(writer);
  const room = () => writer.remaining() - captionRoom(writer);
  const opened = openImageForPdf(writer.doc, image.data);
  if (tiles.length === 1) {
    const whole: Band = { left: crop.left, top: 0, width: crop.right - crop.left, height: image.heightPx };
    const piece = onePiece(image.heightPx, scale, ratio, room(), fullRoom);
    if (piece?.newPage) writer.newPage();
    const fitted = piece?.scale;
    if (fitted !== undefined) {
      caption(writer, captionFor(1, 1));
      const page = writer.page();
      drawBand(writer, opened, image, whole, fitted);
      return { scale: fitted, crop, bands: [{ ...whole, page }] };
    }
  }
  if (room() < fullRoom / 3) writer.newPage();
  const plan = planBands(lines?.rows ?? new Uint8Array(image.heightPx), image.heightPx, crop, writer.contentWidth, room(), fullRoom, ratio);
  const placed: Placement['bands'] = [];
  plan.bands.forEach((band, index) => {
    if (index > 0 || band.height * plan.scale > room() + 0.5) writer.newPage();
    caption(writer, captionFor(index + 1, plan.bands.length));
    placed.push({ ...band, page: writer.page() });
    drawBand(writer, opened, image, band, plan.scale);
  });
  return { scale: plan.scale, crop, bands: placed };
}
