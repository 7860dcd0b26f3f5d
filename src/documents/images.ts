/**
 * Embedding screenshots in pdfkit without decoding them: an opaque 8-bit PNG (what browsers write) goes in as
 * its compressed pixel data, so a bundle of full-page screenshots costs no PNG decoding or re-encoding.
 */

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
