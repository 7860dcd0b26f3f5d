import type { ChosenFont } from './fonts.js';
import { breakLines } from './line-break.js';
import { BODY, SANS, SANS_BOLD } from './pdf-fonts.js';
import { drawFooters, openDocument } from './pdf-furniture.js';
import { A4, type Align, BODY_SIZE, type DocumentMeta, type FooterOptions, LINE_FACTOR, MARGIN, type Slot, type TableColumn, type TextStyle } from './pdf-layout.js';
import { drawKeyValues, drawTable, keyValuesEnd, type TableOptions } from './pdf-table.js';
import { drawList, drawQuote, drawRule } from './pdf-text-blocks.js';

export { A4, type Align, type DocumentMeta, type FooterOptions, type Slot, type TableColumn, type TextStyle } from './pdf-layout.js';

/**
 * Layout primitives on pdfkit: A4 pages, our own line breaking (Chinese 禁则), headings, paragraphs, lists,
 * tables whose cells wrap, images scaled to fit (tall screenshots split across pages), a vector drawing
 * area, and a footer with a label and 第 N 页 共 M 页 drawn once the page count is known.
 *
 * The writer keeps its own cursor and margins (pdfkit's are zero), so pdfkit never breaks a page on its own.
 * Tables (pdf-table.ts), lists and quotations (pdf-text-blocks.ts) and the page furniture (pdf-furniture.ts)
 * are drawn by helpers on this cursor.
 */

type PdfDocument = PDFKit.PDFDocument;

export class PdfWriter {
  readonly contentWidth = A4.width - MARGIN.left - MARGIN.right;
  readonly left = MARGIN.left;
  readonly top = MARGIN.top;
  readonly bottom = A4.height - MARGIN.bottom;
  y: number = MARGIN.top;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;

  /** Without a sink the document is collected in memory; with one (a file) it streams there as it is written. */
  private constructor(
    readonly doc: PdfDocument,
    private readonly footer: FooterOptions,
    private readonly hasBold: boolean,
    sink?: NodeJS.WritableStream,
  ) {
    this.done = new Promise((resolve, reject) => {
      doc.on('error', reject);
      if (sink) {
        sink.on('error', reject);
        sink.on('finish', () => resolve(Buffer.alloc(0)));
        doc.pipe(sink);
        return;
      }
      doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(this.chunks)));
    });
  }

  /**
   * A new A4 document with the CJK faces registered (the font buffers are read once by the caller). Given a
   * sink, the document streams into it (images are written once, when first shown, and not kept).
   */
  static async create(font: ChosenFont, meta: DocumentMeta, footer: FooterOptions, sink?: NodeJS.WritableStream): Promise<PdfWriter> {
    const { doc, hasBold } = await openDocument(font, meta);
    return new PdfWriter(doc, footer, hasBold, sink);
  }

  /** 1-based number of the page the cursor is on. */
  page(): number {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count;
  }

  pageCount(): number {
    return this.doc.bufferedPageRange().count;
  }

  newPage(): void {
    this.doc.addPage({ size: 'A4', margin: 0 });
    this.y = this.top;
  }

  /** Start a new page unless the cursor is already at the top of one. */
  freshPage(): void {
    if (this.y > this.top + 0.5) this.newPage();
  }

  /** Make room for `height` points, moving to a new page when they do not fit. */
  ensureSpace(height: number): void {
    if (this.y + height > this.bottom && this.y > this.top + 0.5) this.newPage();
  }

  remaining(): number {
    return this.bottom - this.y;
  }

  space(points: number): void {
    this.y = Math.min(this.y + points, this.bottom);
  }

  /** Body text in the body face (serif when found); headings, labels and bold text in the sans. */
  setFont(style: TextStyle): number {
    const size = style.size ?? BODY_SIZE;
    this.doc.font(style.bold ? (this.hasBold ? SANS_BOLD : SANS) : style.sans ? SANS : BODY).fontSize(size);
    this.doc.fillColor(style.color ?? '#000000');
    return size;
  }

  measure(text: string, style: TextStyle = {}): number {
    this.setFont(style);
    return this.doc.widthOfString(text);
  }

  lineHeight(size = BODY_SIZE, gap?: number): number {
    return gap !== undefined ? size + gap : size * LINE_FACTOR;
  }

  /** Lines of `text` for a width, by the Chinese line-breaking rules. */
  wrap(text: string, width: number, style: TextStyle = {}): string[] {
    this.setFont(style);
    const measure = (s: string) => this.doc.widthOfString(s);
    const first = width - (style.indentFirstLine ?? 0);
    return breakLines(text, width, measure, first);
  }

  /** One line of body text in its leading, aligned within `width` (the font is set by the caller). */
  drawLine(line: string, x: number, y: number, width: number, align: Align, size: number): void {
    const lineWidth = this.doc.widthOfString(line);
    const offset = align === 'center' ? (width - lineWidth) / 2 : align === 'right' ? width - lineWidth : 0;
    // pdfkit places text by its top; nudge so the line box is centred in its leading
    this.doc.text(line, x + offset, y + (size * (LINE_FACTOR - 1.2)) / 2, { lineBreak: false });
  }

  /** One line of a table cell (or a footer, or a label) in a row of `lineHeight`. */
  drawCellLine(line: string, x: number, y: number, width: number, align: Align, size: number, lineHeight: number): void {
    const lineWidth = this.doc.widthOfString(line);
    const offset = align === 'center' ? (width - lineWidth) / 2 : align === 'right' ? width - lineWidth : 0;
    this.doc.text(line, x + offset, y + (lineHeight - size * 1.2) / 2, { lineBreak: false });
  }

  /** A paragraph; lines flow onto new pages as needed. */
  paragraph(text: string, style: TextStyle = {}): void {
    const indent = style.indent ?? 0;
    const width = this.contentWidth - indent;
    const lines = this.wrap(text, width, style);
    const size = this.setFont(style);
    const height = this.lineHeight(size, style.lineGap);
    lines.forEach((line, index) => {
      if (this.y + height > this.bottom) this.newPage();
      this.setFont(style);
      const firstIndent = index === 0 ? (style.indentFirstLine ?? 0) : 0;
      this.drawLine(line, this.left + indent + firstIndent, this.y, width - firstIndent, style.align ?? 'left', size);
      this.y += height;
    });
  }

  title(text: string): void {
    this.ensureSpace(60);
    this.paragraph(text, { size: 20, bold: true, align: 'center' });
    this.space(10);
  }

  heading(text: string, level: 1 | 2 = 1): void {
    const size = level === 1 ? 14 : 12;
    this.ensureSpace(size * LINE_FACTOR * 3); // keep a heading with the lines that follow it
    this.space(level === 1 ? 8 : 4);
    this.paragraph(text, { size, bold: true });
    this.space(2);
  }

  list(items: readonly string[], options: { numbered?: boolean; start?: number; style?: TextStyle } = {}): void {
    drawList(this, items, options);
  }

  quote(text: string): void {
    drawQuote(this, text);
  }

  rule(color = '#999999'): void {
    drawRule(this, color);
  }

  /**
   * A table whose cells wrap. Column widths are fractions of the content width. The header repeats on each
   * page the table runs onto; a header is never left alone at the foot of a page.
   */
  table(columns: readonly TableColumn[], rows: readonly (readonly string[])[], options: TableOptions = {}): void {
    drawTable(this, columns, rows, options);
  }

  /** Key–value rows (a two-column table without a header). */
  keyValues(rows: readonly (readonly [string, string])[], options: { size?: number; keyWidth?: number } = {}): void {
    drawKeyValues(this, rows, options);
  }

  /** Where the cursor would be after keyValues(rows, options), without drawing anything. */
  keyValuesEnd(rows: readonly (readonly [string, string])[], options: { size?: number; keyWidth?: number } = {}): number {
    return keyValuesEnd(this, rows, options);
  }

  /** Write text into a slot reserved earlier (switches page and back). */
  fillSlot(slot: Slot, text: string): void {
    const current = this.page() - 1;
    this.doc.switchToPage(slot.page - 1);
    this.setFont({ size: slot.size });
    this.drawCellLine(text, slot.x, slot.y, slot.width, slot.align, slot.size, slot.size * 1.45);
    this.doc.switchToPage(current);
  }

  /** Reserve a drawing area of `height` points; `draw` gets its origin and size. */
  drawing(height: number, draw: (doc: PdfDocument, area: { x: number; y: number; width: number; height: number }) => void): void {
    this.ensureSpace(height);
    draw(this.doc, { x: this.left, y: this.y, width: this.contentWidth, height });
    this.doc.font(BODY).fontSize(BODY_SIZE).fillColor('#000000').strokeColor('#000000').lineWidth(1);
    this.y += height;
  }

  /** Set text at an absolute place with the document font (for drawings). */
  textAt(text: string, x: number, y: number, style: TextStyle & { width?: number } = {}): void {
    const size = this.setFont(style);
    if (style.width !== undefined) this.drawCellLine(text, x, y, style.width, style.align ?? 'left', size, size * 1.2);
    else this.doc.text(text, x, y, { lineBreak: false });
  }

  /** Draw every page's footer, close the document and return its bytes (empty when streamed to a sink). */
  async finish(): Promise<Buffer> {
    drawFooters(this, this.footer);
    this.doc.end();
    return this.done;
  }
}
