import type { ChosenFont } from './fonts.js';
import { breakLines } from './line-break.js';
import { BODY, registerFaces, SANS, SANS_BOLD } from './pdf-fonts.js';
import { drawTable, type TableOptions } from './pdf-table.js';

/**
 * Layout primitives on pdfkit: A4 pages, our own line breaking (Chinese 禁则), headings, paragraphs, lists,
 * tables whose cells wrap, images scaled to fit (tall screenshots split across pages), a vector drawing
 * area, and a footer with a label and 第 N 页 共 M 页 drawn once the page count is known.
 *
 * The writer keeps its own cursor and margins (pdfkit's are zero), so pdfkit never breaks a page on its own.
 */

export const A4 = { width: 595.28, height: 841.89 } as const;

export type DocumentMeta = {
  title: string;
  author: string;
  subject: string;
  keywords?: string;
  creationDate: Date;
  lang: 'zh' | 'en';
};

export type FooterOptions = { label: string; lang: 'zh' | 'en' };

export type Align = 'left' | 'center' | 'right';

export type TextStyle = { size?: number; bold?: boolean; sans?: boolean; align?: Align; color?: string; indentFirstLine?: number; indent?: number; lineGap?: number };

export type TableColumn = { header: string; width: number; align?: Align };

/** A place on a page that is filled in later (e.g. an evidence list's page numbers). */
export type Slot = { page: number; x: number; y: number; width: number; size: number; align: Align };



const MARGIN = { top: 62, bottom: 70, left: 64, right: 64 } as const;
const BODY_SIZE = 11;
const LINE_FACTOR = 1.62;

type PdfDocument = PDFKit.PDFDocument;

export class PdfWriter {
  readonly contentWidth = A4.width - MARGIN.left - MARGIN.right;
  readonly left = MARGIN.left;
  readonly top = MARGIN.top;
  readonly bottom = A4.height - MARGIN.bottom;
  y: number = MARGIN.top;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;
  private hasBold: boolean;

  /** Without a sink the document is collected in memory; with one (a file) it streams there as it is written. */
  private constructor(
    readonly doc: PdfDocument,
    private readonly footer: FooterOptions,
    hasBold: boolean,
    sink?: NodeJS.WritableStream,
  ) {
    this.hasBold = hasBold;
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
    const { default: PDFDocument } = await import('pdfkit');
    const doc = new PDFDocument({
      size: 'A4',
      margin: 0,
      bufferPages: true,
      autoFirstPage: true,
      pdfVersion: '1.7',
      lang: meta.lang === 'zh' ? 'zh-CN' : 'en',
      displayTitle: true,
      info: {
        Title: meta.title,
        Author: meta.author,
        Subject: meta.subject,
        Keywords: meta.keywords ?? '',
        Creator: 'weiquan',
        Producer: 'weiquan (pdfkit)',
        CreationDate: meta.creationDate,
        ModDate: meta.creationDate,
      },
    });
    const { hasBold } = registerFaces(doc, font);
    doc.font(BODY);
    doc.fontSize(BODY_SIZE).fillColor('#000000');
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

  private drawLine(line: string, x: number, y: number, width: number, align: Align, size: number): void {
    const lineWidth = this.doc.widthOfString(line);
    const offset = align === 'center' ? (width - lineWidth) / 2 : align === 'right' ? width - lineWidth : 0;
    // pdfkit places text by its top; nudge so the line box is centred in its leading
    this.doc.text(line, x + offset, y + (size * (LINE_FACTOR - 1.2)) / 2, { lineBreak: false });
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

  /** A list whose markers hang in the margin of the items' text. */
  list(items: readonly string[], options: { numbered?: boolean; start?: number; style?: TextStyle } = {}): void {
    const style = options.style ?? {};
    const size = this.setFont(style);
    const markers = items.map((_, i) => (options.numbered === false ? '•' : `${(options.start ?? 1) + i}.`));
    const markerWidth = Math.max(...markers.map((m) => this.doc.widthOfString(m))) + size * 0.6;
    const indent = (style.indent ?? 0) + markerWidth;
    items.forEach((item, i) => {
      const height = this.lineHeight(size, style.lineGap);
      if (this.y + height > this.bottom) this.newPage();
      this.setFont(style);
      this.drawLine(markers[i]!, this.left + (style.indent ?? 0), this.y, markerWidth, 'left', size);
      this.paragraph(item, { ...style, indent, indentFirstLine: 0 });
      this.space(2);
    });
  }

  /** A quotation: indented, smaller, grey rule on the left. */
  quote(text: string): void {
    const startPage = this.page();
    const startY = this.y;
    this.paragraph(text, { size: 10, indent: 14, color: '#333333' });
    if (this.page() === startPage) {
      this.doc.save().moveTo(this.left + 4, startY + 2).lineTo(this.left + 4, this.y - 2).lineWidth(2).strokeColor('#bbbbbb').stroke().restore();
    }
    this.space(3);
  }

  /** Draw a horizontal rule. */
  rule(color = '#999999'): void {
    this.ensureSpace(8);
    this.doc.save().moveTo(this.left, this.y + 3).lineTo(this.left + this.contentWidth, this.y + 3).lineWidth(0.6).strokeColor(color).stroke().restore();
    this.space(8);
  }

  /**
   * A table whose cells wrap. Column widths are fractions of the content width. The header repeats on each
   * page the table runs onto; a header is never left alone at the foot of a page.
   */
  table(columns: readonly TableColumn[], rows: readonly (readonly string[])[], options: TableOptions = {}): void {
    drawTable(this, columns, rows, options);
  }

  drawCellLine(line: string, x: number, y: number, width: number, align: Align, size: number, lineHeight: number): void {
    const lineWidth = this.doc.widthOfString(line);
    const offset = align === 'center' ? (width - lineWidth) / 2 : align === 'right' ? width - lineWidth : 0;
    this.doc.text(line, x + offset, y + (lineHeight - size * 1.2) / 2, { lineBreak: false });
  }

  /** Write text into a slot reserved earlier (switches page and back). */
  fillSlot(slot: Slot, text: string): void {
    const current = this.page() - 1;
    this.doc.switchToPage(slot.page - 1);
    this.setFont({ size: slot.size });
    this.drawCellLine(text, slot.x, slot.y, slot.width, slot.align, slot.size, slot.size * 1.45);
    this.doc.switchToPage(current);
  }

  /** Key–value rows (a two-column table without a header). */
  keyValues(rows: readonly (readonly [string, string])[], options: { size?: number; keyWidth?: number } = {}): void {
    const size = options.size ?? 10.5;
    const keyWidth = options.keyWidth ?? 0.28;
    const padding = 4;
    const widths = [keyWidth * this.contentWidth, (1 - keyWidth) * this.contentWidth];
    const lineHeight = size * 1.5;
    for (const [key, value] of rows) {
      const keyLines = this.wrap(key, widths[0]! - padding * 2, { size, bold: true });
      const valueLines = this.wrap(value, widths[1]! - padding * 2, { size });
      const height = Math.max(keyLines.length, valueLines.length) * lineHeight + padding * 2;
      if (this.y + height > this.bottom) this.newPage();
      this.doc.save().rect(this.left, this.y, widths[0]!, height).fill('#f3f3f3').restore();
      this.doc.save().rect(this.left, this.y, this.contentWidth, height).lineWidth(0.5).strokeColor('#aaaaaa').stroke().restore();
      this.setFont({ size, bold: true });
      keyLines.forEach((line, n) => this.drawCellLine(line, this.left + padding, this.y + padding + n * lineHeight, widths[0]! - padding * 2, 'left', size, lineHeight));
      this.setFont({ size });
      valueLines.forEach((line, n) => this.drawCellLine(line, this.left + widths[0]! + padding, this.y + padding + n * lineHeight, widths[1]! - padding * 2, 'left', size, lineHeight));
      this.y += height;
    }
    this.space(6);
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

  /** Draw every page's footer, close the document and return its bytes. */
  async finish(): Promise<Buffer> {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i += 1) {
      this.doc.switchToPage(i);
      const pageText =
        this.footer.lang === 'zh' ? `第 ${i + 1} 页 共 ${range.count} 页` : `Page ${i + 1} of ${range.count}`;
      this.setFont({ size: 8.5, color: '#555555', sans: true });
      const y = A4.height - MARGIN.bottom + 28;
      this.doc.save().moveTo(this.left, y - 8).lineTo(this.left + this.contentWidth, y - 8).lineWidth(0.4).strokeColor('#bbbbbb').stroke().restore();
      this.drawCellLine(this.footer.label, this.left, y, this.contentWidth, 'left', 8.5, 12);
      this.drawCellLine(pageText, this.left, y, this.contentWidth, 'right', 8.5, 12);
    }
    this.doc.end();
    return this.done;
  }
}
