import type { MediaInfo } from '../media-info.js';
import type { PdfWriter } from '../pdf-writer.js';
import type { Exhibit, Translate } from './model.js';
import { pdfPageCount, type PdfPlacement } from './pdf-originals.js';

/** The bodies of exhibits that are not images: recordings and videos described, PDF pages, text. */

/** Most lines of a text original printed in complaint.pdf (its upload copy carries the full text). */
export const MAX_TEXT_LINES = 1500;

export function durationText(seconds: number, t: Translate): string {
  const whole = Math.round(seconds);
  return t('exhibit.duration', { minutes: Math.floor(whole / 60), seconds: whole % 60 });
}

/** Type, duration and size of a recording or a video, for its exhibit table. */
export function mediaRows(info: MediaInfo, item: Exhibit, t: Translate): [string, string][] {
  return [
    [t('exhibit.key.type'), `${info.format} ${t(`exhibit.media.${info.kind}`)}`.trim()],
    [t('exhibit.key.duration'), info.durationSeconds !== undefined ? durationText(info.durationSeconds, t) : t('exhibit.media.unknownDuration')],
    [t('exhibit.key.size'), `${(item.original.size / 1024 / 1024).toFixed(2)} MB`],
  ];
}

export function mediaNote(info: MediaInfo, t: Translate): string {
  return t('exhibit.media.note', { type: t(`exhibit.media.${info.kind}`) });
}

/** Reserve a page for each page of a PDF original; pdf-lib draws them in afterwards. */
export async function pdfPages(writer: PdfWriter, item: Exhibit, data: Buffer, placements: PdfPlacement[], caption: (part: number, parts: number) => string): Promise<void> {
  const count = await pdfPageCount(data);
  for (let index = 0; index < count; index += 1) {
    if (index > 0 || writer.remaining() < (writer.bottom - writer.top) * 0.6) writer.newPage();
    writer.paragraph(caption(index + 1, count), { size: 9.5, color: '#333333', sans: true });
    writer.space(4);
    placements.push({ file: item.original.absolutePath, data, index, page: writer.page(), top: writer.y });
    writer.y = writer.bottom;
  }
}

/** The lines of a text original, one paragraph a line (long lines wrap), in a smaller size. */
export function textLines(writer: PdfWriter, lines: readonly string[], limit = MAX_TEXT_LINES): void {
  const shown = lines.slice(0, limit);
  const startPage = writer.page();
  const startY = writer.y;
  for (const line of shown) writer.paragraph(line === '' ? ' ' : line, { size: 9.5, sans: true, lineGap: 4 });
  if (writer.page() === startPage) {
    writer.doc.save().moveTo(writer.left - 6, startY + 2).lineTo(writer.left - 6, writer.y - 2).lineWidth(1).strokeColor('#cccccc').stroke().restore();
  }
}
