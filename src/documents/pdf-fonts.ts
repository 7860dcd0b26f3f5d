import type { ChosenFont } from './fonts.js';

/**
 * Registering the CJK faces on a pdfkit document: the body face (a serif 宋体-style face when one was found,
 * else the sans), the sans face for headings, labels and footers, and the sans bold when there is one.
 */

type PdfDocument = PDFKit.PDFDocument;

export const BODY = 'cjk-body';
export const SANS = 'cjk-sans';
export const SANS_BOLD = 'cjk-sans-bold';

type FontkitGlyph = { advanceWidth: number; codePoints: number[]; id: number };
type EmbeddedFontInternals = { font: { glyphsForString(text: string): FontkitGlyph[] }; scale: number; layoutRun?: unknown };
type PdfInternals = { _font?: EmbeddedFontInternals & { constructor: new (doc: PdfDocument, font: unknown, id: string) => EmbeddedFontInternals }; _fontFamilies?: Record<string, unknown>; _fontCount?: number };

/**
 * Chinese and Latin body text needs no OpenType shaping (no ligatures, no contextual forms), so map
 * characters straight to glyphs through the cmap instead of running the font's large GSUB/GPOS tables for
 * every line: several times faster with a CJK font, and the glyphs, widths and ToUnicode map are the same.
 */
function skipShaping(doc: PdfDocument): void {
  const embedded = (doc as unknown as { _font?: EmbeddedFontInternals })._font;
  if (!embedded || typeof embedded.font?.glyphsForString !== 'function') return;
  const { font, scale } = embedded;
  embedded.layoutRun = (text: string) => {
    const glyphs = font.glyphsForString(text);
    let advanceWidth = 0;
    const positions = glyphs.map((glyph) => {
      const advance = glyph.advanceWidth * scale;
      advanceWidth += advance;
      return { xAdvance: advance, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: advance };
    });
    return { glyphs, positions, advanceWidth };
  };
}

/** Parsed fonts kept for the life of the process, per font file buffer and face. */
const parsedFonts = new WeakMap<Buffer, Map<string, { font: unknown; EmbeddedFont: new (doc: PdfDocument, font: unknown, id: string) => EmbeddedFontInternals }>>();

/**
 * Register a font on a document. pdfkit parses the font file again for every document, and a CJK font's
 * CFF table takes tens of milliseconds to parse; the first document's parsed font is kept and handed to the
 * next ones (each still gets its own subset), so a batch of letters loads the font once.
 */
function useFont(doc: PdfDocument, name: string, buffer: Buffer, postscriptName: string | undefined): void {
  doc.registerFont(name, buffer, postscriptName);
  const internals = doc as unknown as PdfInternals;
  const key = postscriptName ?? '';
  const cached = parsedFonts.get(buffer)?.get(key);
  if (cached && internals._fontFamilies && typeof internals._fontCount === 'number') {
    internals._fontCount += 1;
    internals._fontFamilies[name] = new cached.EmbeddedFont(doc, cached.font, `F${internals._fontCount}`);
  }
  doc.font(name);
  const embedded = internals._font;
  if (!cached && embedded?.font) {
    const faces = parsedFonts.get(buffer) ?? new Map();
    faces.set(key, { font: embedded.font, EmbeddedFont: embedded.constructor });
    parsedFonts.set(buffer, faces);
  }
  skipShaping(doc);
}

/** Register the faces; returns whether a distinct bold face exists. */
export function registerFaces(doc: PdfDocument, font: ChosenFont): { hasBold: boolean } {
  useFont(doc, SANS, font.buffers.regular, font.regular.postscriptName);
  if (font.serif && font.buffers.serif) useFont(doc, BODY, font.buffers.serif, font.serif.postscriptName);
  else useFont(doc, BODY, font.buffers.regular, font.regular.postscriptName);
  const hasBold = font.bold !== undefined && font.buffers.bold !== undefined;
  if (hasBold) useFont(doc, SANS_BOLD, font.buffers.bold!, font.bold!.postscriptName);
  return { hasBold };
}
