import { loadOptional, type OptionalPackageName } from '../optional.js';
import { readOpaquePng } from './images.js';

/**
 * Turning any image a phone or a browser produces into something a PDF can embed, without touching the
 * original file: JPEG and opaque PNG pass through as they are; WebP, AVIF, GIF (first frame), TIFF, and
 * rotated photos (EXIF orientation) go through sharp; BMP through fast-bmp; HEIC/HEIF (what iPhones save)
 * through the WebAssembly decoder heic-decode when sharp's prebuilt libvips cannot decode HEVC. A file none
 * of them can read comes back as a failure with its reason, never as an exception.
 */

export type PrintableImage = {
  /** PNG or JPEG bytes pdfkit can embed */
  data: Buffer;
  widthPx: number;
  heightPx: number;
  /** the original's format (jpeg, png, webp, heif, gif, bmp, tiff …) */
  format: string;
  /** the bytes differ from the original's (converted, rotated or flattened) */
  converted: boolean;
};

/** `needs`: the optional package that would have read it (not installed). */
export type ImageFailure = { failure: string; needs?: OptionalPackageName };

/** An image this machine could read with an optional package it does not have. */
class MissingPackage extends Error {
  constructor(readonly packageName: OptionalPackageName) {
    super(`${packageName} is not installed`);
  }
}

type Sharp = typeof import('sharp');
type RawImage = { data: Buffer; width: number; height: number; channels: 1 | 2 | 3 | 4 };

const PIXEL_LIMIT = 400_000_000;
/** Converted images wider than this are scaled down: about 300 ppi across the text width of an A4 page. */
const MAX_CONVERTED_WIDTH = 2000;

/** sharp, loaded on first use (an optional native dependency: a missing one is reported, not thrown). */
async function loadSharp(): Promise<Sharp | undefined> {
  return loadOptional('sharp');
}

function isBmp(data: Buffer): boolean {
  return data.length > 54 && data[0] === 0x42 && data[1] === 0x4d;
}

/** An ISO-BMFF file whose brand says HEIC/HEIF (iPhone photos and screenshots). */
export function isHeif(data: Buffer): boolean {
  if (data.length < 16 || data.toString('latin1', 4, 8) !== 'ftyp') return false;
  const brands = data.toString('latin1', 8, Math.min(data.length, 8 + data.readUInt32BE(0)));
  return /heic|heix|hevc|hevx|heim|heis|mif1|msf1/.test(brands) && !/avif/.test(data.toString('latin1', 8, 12));
}

async function decodeBmp(data: Buffer): Promise<RawImage> {
  const { decode } = await import('fast-bmp');
  const image = decode(data);
  const channels = image.channels as RawImage['channels'];
  if (image.bitsPerPixel !== 8 * channels && !(image.bitsPerPixel === 1 && channels === 1)) throw new Error(`BMP with ${image.bitsPerPixel} bits per pixel`);
  const pixels = image.data as Uint8Array;
  return { data: Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength), width: image.width, height: image.height, channels };
}

async function decodeHeif(data: Buffer): Promise<RawImage> {
  const decode = await loadOptional('heic-decode');
  if (!decode) throw new MissingPackage('heic-decode');
  const image = await decode({ buffer: data });
  return { data: Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), width: image.width, height: image.height, channels: 4 };
}

/** The original as a sharp pipeline, decoding the formats sharp cannot read itself. */
async function openWithSharp(sharp: Sharp, data: Buffer): Promise<{ pipeline: import('sharp').Sharp; meta: import('sharp').Metadata; format: string }> {
  if (isBmp(data)) {
    const raw = await decodeBmp(data);
    const pipeline = sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: raw.channels } });
    return { pipeline, meta: await pipeline.metadata(), format: 'bmp' };
  }
  let meta: import('sharp').Metadata | undefined;
  try {
    meta = await sharp(data, { limitInputPixels: PIXEL_LIMIT }).metadata();
  } catch {
    meta = undefined;
  }
  const hevc = meta?.format === 'heif' && meta.compression !== 'av1';
  if ((meta === undefined || hevc) && isHeif(data)) {
    const raw = await decodeHeif(data);
    const pipeline = sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: raw.channels } });
    return { pipeline, meta: await pipeline.metadata(), format: 'heic' };
  }
  if (!meta?.width || !meta.height) throw new Error('not an image this program can read');
  const format = meta.format === 'heif' ? 'avif' : String(meta.format);
  return { pipeline: sharp(data, { limitInputPixels: PIXEL_LIMIT, pages: 1 }), meta, format };
}

/** An embeddable image for the original's bytes, or why there is none. */
export async function printableImage(data: Buffer): Promise<PrintableImage | ImageFailure> {
  const png = readOpaquePng(data);
  if (png) return { data, widthPx: png.width, heightPx: png.height, format: 'png', converted: false };
  const sharp = await loadSharp();
  if (!sharp) return (await uprightJpeg(data)) ?? { failure: 'sharp is not installed', needs: 'sharp' };
  try {
    const { pipeline, meta, format } = await openWithSharp(sharp, data);
    const orientation = meta.orientation ?? 1;
    if (format === 'jpeg' && orientation === 1 && meta.width && meta.height) return { data, widthPx: meta.width, heightPx: meta.height, format, converted: false };
    const rotated = orientation >= 5;
    let widthPx = rotated ? meta.height! : meta.width!;
    let heightPx = rotated ? meta.width! : meta.height!;
    let output = pipeline.rotate().flatten({ background: '#ffffff' });
    if (widthPx > MAX_CONVERTED_WIDTH) {
      heightPx = Math.round((heightPx * MAX_CONVERTED_WIDTH) / widthPx);
      widthPx = MAX_CONVERTED_WIDTH;
      output = output.resize({ width: widthPx });
    }
    const photo = format === 'jpeg' || format === 'heic' || widthPx * heightPx > 4_000_000;
    const encoded = photo ? await output.jpeg({ quality: 90, chromaSubsampling: '4:4:4' }).toBuffer() : await output.png({ compressionLevel: 6 }).toBuffer();
    return { data: encoded, widthPx, heightPx, format, converted: true };
  } catch (error) {
    return { failure: (error as Error).message.split('\n')[0] ?? 'unreadable', ...(error instanceof MissingPackage ? { needs: error.packageName } : {}) };
  }
}

/**
 * Without sharp, a JPEG that needs no turning is still printable as it is (a PDF embeds JPEG unchanged):
 * pdfkit, which embeds it, reads its size and EXIF orientation. A rotated photo needs sharp to stand upright.
 */
async function uprightJpeg(data: Buffer): Promise<PrintableImage | undefined> {
  if (data[0] !== 0xff || data[1] !== 0xd8) return undefined;
  const { default: PDFDocument } = await import('pdfkit');
  try {
    const reader = new PDFDocument({ autoFirstPage: false }) as unknown as { openImage(data: Buffer): { width: number; height: number; orientation?: number } };
    const image = reader.openImage(data);
    if ((image.orientation ?? 1) !== 1 || !image.width || !image.height) return undefined;
    return { data, widthPx: image.width, heightPx: image.height, format: 'jpeg', converted: false };
  } catch {
    return undefined;
  }
}

/**
 * One byte per row and per column of the image: 1 where the row (column) is blank — every sampled pixel within
 * a few levels of the row's first — else 0. Rows are where a tall screenshot is cut; columns show its content
 * width. Read from one channel, so a 1280×6000 screenshot costs one decode and a 7.7 MB buffer at most.
 */
export async function blankLines(image: Pick<PrintableImage, 'data' | 'widthPx' | 'heightPx'>, withColumns: boolean): Promise<{ rows: Uint8Array; columns?: Uint8Array }> {
  const sharp = await loadSharp();
  if (!sharp) return { rows: new Uint8Array(image.heightPx) };
  const { data, info } = await sharp(image.data, { limitInputPixels: PIXEL_LIMIT }).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  return scanBlankLines(data, info.width, info.height, 1, withColumns);
}

/**
 * The same from pixels already decoded, reading the first of every `stride` bytes (3 for RGB). Pure: rows
 * are sampled every other pixel, columns every third row.
 */
export function scanBlankLines(data: Uint8Array, width: number, height: number, stride: number, withColumns: boolean): { rows: Uint8Array; columns?: Uint8Array } {
  const rows = new Uint8Array(height);
  const rowBytes = width * stride;
  for (let y = 0; y < height; y += 1) {
    const offset = y * rowBytes;
    const first = data[offset]!;
    let blank = 1;
    for (let x = stride; x < rowBytes; x += 2 * stride) {
      const difference = data[offset + x]! - first;
      if (difference > 10 || difference < -10) {
        blank = 0;
        break;
      }
    }
    rows[y] = blank;
  }
  if (!withColumns) return { rows };
  const columns = new Uint8Array(width);
  for (let x = 0; x < width; x += 1) {
    const first = data[x * stride]!;
    let blank = 1;
    for (let y = 1; y < height; y += 3) {
      const difference = data[y * rowBytes + x * stride]! - first;
      if (difference > 10 || difference < -10) {
        blank = 0;
        break;
      }
    }
    columns[x] = blank;
  }
  return { rows, columns };
}
