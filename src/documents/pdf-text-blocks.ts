import type { PdfWriter } from './pdf-writer.js';
import type { TextStyle } from './pdf-layout.js';

/** Text blocks built on the writer's paragraphs: lists with hanging markers, quotations, rules. */

/** A list whose markers hang in the margin of the items' text. */
export function drawList(writer: PdfWriter, items: readonly string[], options: { numbered?: boolean; start?: number; style?: TextStyle } = {}): void {
  const style = options.style ?? {};
  const size = writer.setFont(style);
  const markers = items.map((_, i) => (options.numbered === false ? '•' : `${(options.start ?? 1) + i}.`));
  const markerWidth = Math.max(...markers.map((m) => writer.doc.widthOfString(m))) + size * 0.6;
  const indent = (style.indent ?? 0) + markerWidth;
  items.forEach((item, i) => {
    const height = writer.lineHeight(size, style.lineGap);
    if (writer.y + height > writer.bottom) writer.newPage();
    writer.setFont(style);
    writer.drawLine(markers[i]!, writer.left + (style.indent ?? 0), writer.y, markerWidth, 'left', size);
    writer.paragraph(item, { ...style, indent, indentFirstLine: 0 });
    writer.space(2);
  });
}

/** A quotation: indented, smaller, grey rule on the left. */
export function drawQuote(writer: PdfWriter, text: string): void {
  const startPage = writer.page();
  const startY = writer.y;
  writer.paragraph(text, { size: 10, indent: 14, color: '#333333' });
  if (writer.page() === startPage) {
    writer.doc.save().moveTo(writer.left + 4, startY + 2).lineTo(writer.left + 4, writer.y - 2).lineWidth(2).strokeColor('#bbbbbb').stroke().restore();
  }
  writer.space(3);
}

/** A horizontal rule across the text width. */
export function drawRule(writer: PdfWriter, color = '#999999'): void {
  writer.ensureSpace(8);
  writer.doc.save().moveTo(writer.left, writer.y + 3).lineTo(writer.left + writer.contentWidth, writer.y + 3).lineWidth(0.6).strokeColor(color).stroke().restore();
  writer.space(8);
}
