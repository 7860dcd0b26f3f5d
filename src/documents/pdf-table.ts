import type { TableColumn } from './pdf-layout.js';
import type { PdfWriter } from './pdf-writer.js';

export type CellPlace = { page: number; x: number; y: number; width: number; height: number };
export type TableOptions = { size?: number; onRow?: (index: number, cells: CellPlace[]) => void; fill?: (index: number) => string | undefined };

/**
 * A table whose cells wrap, drawn on the writer's pages. Column widths are fractions of the content width.
 * The header row repeats on every page the table runs onto, and is never left alone at the foot of a page:
 * it moves to the next page together with the first row.
 */
export function drawTable(writer: PdfWriter, columns: readonly TableColumn[], rows: readonly (readonly string[])[], options: TableOptions = {}): void {
  const { doc } = writer;
  const size = options.size ?? 9.5;
  const padding = 4;
  const total = columns.reduce((sum, c) => sum + c.width, 0);
  const widths = columns.map((c) => (c.width / total) * writer.contentWidth);
  const lineHeight = size * 1.45;
  const layoutRow = (cells: readonly string[], bold: boolean) => {
    const wrapped = cells.map((cell, i) => writer.wrap(cell, widths[i]! - padding * 2, { size, bold }));
    const height = Math.max(...wrapped.map((lines) => lines.length)) * lineHeight + padding * 2;
    return { wrapped, height };
  };
  const header = columns.map((c) => c.header);
  const drawRow = (cells: readonly string[], bold: boolean, fill?: string): CellPlace[] => {
    const { wrapped, height } = layoutRow(cells, bold);
    if (writer.y + height > writer.bottom) {
      writer.newPage();
      if (!bold) drawRow(header, true, '#eeeeee');
    }
    let x = writer.left;
    const places: CellPlace[] = [];
    wrapped.forEach((lines, i) => {
      const width = widths[i]!;
      if (fill) doc.save().rect(x, writer.y, width, height).fill(fill).restore();
      doc.save().rect(x, writer.y, width, height).lineWidth(0.5).strokeColor('#888888').stroke().restore();
      writer.setFont({ size, bold });
      lines.forEach((line, n) => writer.drawCellLine(line, x + padding, writer.y + padding + n * lineHeight, width - padding * 2, columns[i]!.align ?? 'left', size, lineHeight));
      places.push({ page: writer.page(), x, y: writer.y, width, height });
      x += width;
    });
    writer.y += height;
    return places;
  };
  writer.ensureSpace(layoutRow(header, true).height + (rows[0] ? layoutRow(rows[0], false).height : 0));
  drawRow(header, true, '#eeeeee');
  rows.forEach((row, index) => {
    // drawn first, whether or not anyone listens (`onRow?.(…, drawRow())` would skip the drawing without a listener)
    const cells = drawRow(row, false, options.fill?.(index));
    options.onRow?.(index, cells);
  });
  writer.space(6);
}

type KeyValueOptions = { size?: number; keyWidth?: number };

/** Each key–value row's wrapped lines and height. */
function layoutKeyValues(writer: PdfWriter, rows: readonly (readonly [string, string])[], options: KeyValueOptions) {
  const size = options.size ?? 10.5;
  const keyWidth = options.keyWidth ?? 0.28;
  const padding = 4;
  const widths = [keyWidth * writer.contentWidth, (1 - keyWidth) * writer.contentWidth] as const;
  const lineHeight = size * 1.5;
  const laid = rows.map(([key, value]) => {
    const keyLines = writer.wrap(key, widths[0] - padding * 2, { size, bold: true });
    const valueLines = writer.wrap(value, widths[1] - padding * 2, { size });
    return { keyLines, valueLines, height: Math.max(keyLines.length, valueLines.length) * lineHeight + padding * 2 };
  });
  return { size, padding, widths, lineHeight, laid };
}

const AFTER_KEY_VALUES = 6;

/** Where the cursor will be after drawing these rows (on the table's last page), without drawing them. */
export function keyValuesEnd(writer: PdfWriter, rows: readonly (readonly [string, string])[], options: KeyValueOptions = {}): number {
  let y = writer.y;
  for (const row of layoutKeyValues(writer, rows, options).laid) {
    if (y + row.height > writer.bottom) y = writer.top;
    y += row.height;
  }
  return Math.min(y + AFTER_KEY_VALUES, writer.bottom);
}

/** Key–value rows (a two-column table without a header, the keys shaded). */
export function drawKeyValues(writer: PdfWriter, rows: readonly (readonly [string, string])[], options: KeyValueOptions = {}): void {
  const { doc } = writer;
  const { size, padding, widths, lineHeight, laid } = layoutKeyValues(writer, rows, options);
  for (const { keyLines, valueLines, height } of laid) {
    if (writer.y + height > writer.bottom) writer.newPage();
    doc.save().rect(writer.left, writer.y, widths[0], height).fill('#f3f3f3').restore();
    doc.save().rect(writer.left, writer.y, writer.contentWidth, height).lineWidth(0.5).strokeColor('#aaaaaa').stroke().restore();
    writer.setFont({ size, bold: true });
    keyLines.forEach((line, n) => writer.drawCellLine(line, writer.left + padding, writer.y + padding + n * lineHeight, widths[0] - padding * 2, 'left', size, lineHeight));
    writer.setFont({ size });
    valueLines.forEach((line, n) => writer.drawCellLine(line, writer.left + widths[0] + padding, writer.y + padding + n * lineHeight, widths[1] - padding * 2, 'left', size, lineHeight));
    writer.y += height;
  }
  writer.space(AFTER_KEY_VALUES);
}
