import { createTranslator } from '../ui/i18n.js';
import type { ChosenFont } from './fonts.js';
import { A4, BODY_SIZE, type DocumentMeta, type FooterOptions, MARGIN } from './pdf-layout.js';
import { BODY, registerFaces } from './pdf-fonts.js';
import type { PdfWriter } from './pdf-writer.js';

/**
 * Page furniture: the pdfkit document itself (A4, its metadata, the CJK faces registered) and, once the page
 * count is known, every page's footer with its label and 第 N 页 共 M 页.
 */

type PdfDocument = PDFKit.PDFDocument;

/** A new A4 pdfkit document with its metadata and the CJK faces registered; pdfkit's own margins are zero. */
export async function openDocument(font: ChosenFont, meta: DocumentMeta): Promise<{ doc: PdfDocument; hasBold: boolean }> {
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
  return { doc, hasBold };
}

/** Every page's footer: a rule, the label on the left, the page number of the total on the right. */
export function drawFooters(writer: PdfWriter, footer: FooterOptions): void {
  const { doc } = writer;
  const range = doc.bufferedPageRange();
  const t = createTranslator(footer.lang);
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const pageText = t('doc.footer.page', { page: i + 1, pages: range.count });
    writer.setFont({ size: 8.5, color: '#555555', sans: true });
    const y = A4.height - MARGIN.bottom + 28;
    doc.save().moveTo(writer.left, y - 8).lineTo(writer.left + writer.contentWidth, y - 8).lineWidth(0.4).strokeColor('#bbbbbb').stroke().restore();
    writer.drawCellLine(footer.label, writer.left, y, writer.contentWidth, 'left', 8.5, 12);
    writer.drawCellLine(pageText, writer.left, y, writer.contentWidth, 'right', 8.5, 12);
  }
}
