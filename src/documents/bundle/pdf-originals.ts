/**
 * Pages of a PDF original are drawn into complaint.pdf as embedded (vector) pages: pdfkit reserves the pages,
 * pdf-lib draws the originals onto them afterwards, so their text stays text.
 */

export type PdfPlacement = { file: string; data: Buffer; index: number; page: number; top: number };

/** Pages of a PDF that pdf-lib can read (an encrypted or broken one counts as none: it is described instead). */
export async function pdfPageCount(data: Buffer): Promise<number> {
  try {
    const { PDFDocument } = await import('@pdfme/pdf-lib');
    const source = await PDFDocument.load(data, { updateMetadata: false });
    return source.isEncrypted ? 0 : source.getPageCount();
  } catch {
    return 0;
  }
}

/** Draw each reserved page's original, scaled to the content area, as an embedded (vector) page. */
export async function placePdfPages(pdf: Buffer, placements: readonly PdfPlacement[], area: { left: number; width: number; bottom: number }): Promise<Buffer> {
  const { PDFDocument, rgb } = await import('@pdfme/pdf-lib');
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  const byFile = new Map<string, PdfPlacement[]>();
  for (const placement of placements) byFile.set(placement.file, [...(byFile.get(placement.file) ?? []), placement]);
  for (const group of byFile.values()) {
    const embedded = await document.embedPdf(group[0]!.data, group.map((p) => p.index));
    group.forEach((placement, i) => {
      const original = embedded[i]!;
      const page = document.getPage(placement.page - 1);
      const pageHeight = page.getHeight();
      const height = area.bottom - placement.top;
      const scale = Math.min(area.width / original.width, height / original.height, 1);
      const drawnWidth = original.width * scale;
      const drawnHeight = original.height * scale;
      const x = area.left + (area.width - drawnWidth) / 2;
      const y = pageHeight - placement.top - drawnHeight;
      page.drawRectangle({ x: x - 0.5, y: y - 0.5, width: drawnWidth + 1, height: drawnHeight + 1, borderWidth: 0.5, borderColor: rgb(0.7, 0.7, 0.7) });
      page.drawPage(original, { x, y, xScale: scale, yScale: scale });
    });
  }
  return Buffer.from(await document.save({ useObjectStreams: false }));
}

