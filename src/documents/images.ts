import type { ImageInput } from './pdf-writer.js';
import { loadOptional, requireOptional } from '../optional.js';

/**
 * Preparing evidence images for the PDF with sharp. pdfkit embeds JPEG and opaque, non-interlaced PNG as
 * they are (no decoding), so those pass through untouched; anything else (alpha, WebP, GIF, rotated phone
 * photos) is re-encoded once. A tall screenshot is embedded once and shown a page-high band at a time
 * through a clipping path, so nothing is cut or encoded per page. The original files are never changed.
 */
export async function prepareImage(data: Buffer): Promise<ImageInput | undefined> {
  const sharp = await loadOptional('sharp');
  if (!sharp) {
    // without the optional image library an opaque PNG (a browser screenshot) still goes in as it is
    const png = readOpaquePng(data);
    if (png) return { data, widthPx: png.width, heightPx: png.height };
    await requireOptional('sharp');
    return undefined;
  }
  let meta: import('sharp').Metadata;
  try {
    meta = await sharp(data, { limitInputPixels: 400_000_000 }).metadata();
  } catch {
    return undefined;
  }
  if (!meta.width || !meta.height) return undefined;
  const orientation = meta.orientation ?? 1;
  const rotated = orientation >= 5;
  const widthPx = rotated ? meta.height : meta.width;
  const heightPx = rotated ? meta.width : meta.height;
  const passThrough = (meta.format === 'jpeg' && orientation === 1) || (meta.format === 'png' && !meta.hasAlpha && meta.isProgressive !== true);
  if (passThrough) return { data, widthPx, heightPx };
  const base = sharp(data, { limitInputPixels: 400_000_000 }).rotate().flatten({ background: '#ffffff' });
  const large = widthPx * heightPx > 2_000_000;
  const encoded = large ? await base.jpeg({ quality: 90, chromaSubsampling: '4:4:4' }).toBuffer() : await base.png({ compressionLevel: 6 }).toBuffer();
  return { data: encoded, widthPx, heightPx };
}

type PngHeader = { width: number; height: number; colors: 1 | 3; idat: Buffer };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The header and compressed pixel data of an opaque 8-bit grey or RGB, non-interlaced PNG (what browsers
 * write for screenshots); undefined for anything else. Chunks are sliced, never decoded.
 */
export function readOpaquePng(data: Buffer): PngHeader | undefined {
  if (data.length < 33 || !data.subarray(0, 8).equals(PNG_SIGNATURE)) return undefined;
  let offset = 8;
  let header: Omit<PngHeader, 'idat'> | undefined;
  const idat: Buffer[] = [];
  while (offset + 8 <= data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('latin1', offset + 4, offset + 8);
    const body = data.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      const bitDepth = body[8];
      const colorType = body[9];
      const interlace = body[12];
      if (bitDepth !== 8 || interlace !== 0 || (colorType !== 0 && colorType !== 2)) return undefined;
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), colors: colorType === 0 ? 1 : 3 };
    } else if (type === 'tRNS') return undefined;
    else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  return header && idat.length > 0 ? { ...header, idat: Buffer.concat(idat) } : undefined;
}

type PdfKitDoc = PDFKit.PDFDocument & { _imageCount: number; openImage(data: Buffer): unknown; ref(data: object): { end(data?: Buffer): void; data: Record<string, unknown> } };

/**
 * Open an image for pdfkit. An opaque PNG is embedded straight from its compressed data (pdfkit's own PNG
 * reader copies it byte by byte in JavaScript, which dominates a bundle of full-page screenshots); anything
 * else goes through pdfkit.
 */
export function openImageForPdf(doc: PDFKit.PDFDocument, data: Buffer): unknown {
  const png = readOpaquePng(data);
  const kit = doc as PdfKitDoc;
  if (!png || typeof kit._imageCount !== 'number') return kit.openImage(data);
  kit._imageCount += 1;
  return new PassthroughPng(png, `I${kit._imageCount}`);

}

/** What pdfkit's image() needs of an image: its size, a label, and embed() creating the XObject once. */
class PassthroughPng {
  readonly width: number;
  readonly height: number;
  readonly orientation = 1;
  obj: unknown;
  constructor(
    private readonly png: PngHeader,
    readonly label: string,
  ) {
    this.width = png.width;
    this.height = png.height;
  }

  embed(target: PdfKitDoc): void {
    const { png } = this;
    const params = target.ref({ Predictor: 15, Colors: png.colors, BitsPerComponent: 8, Columns: png.width });
    params.end();
    const obj = target.ref({ Type: 'XObject', Subtype: 'Image', BitsPerComponent: 8, Width: png.width, Height: png.height, Filter: 'FlateDecode', ColorSpace: png.colors === 1 ? 'DeviceGray' : 'DeviceRGB', DecodeParms: params });
    obj.end(png.idat);
    this.obj = obj;
  }
}
