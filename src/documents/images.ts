import type { ImageInput, ImageSlicer } from './pdf-writer.js';

/**
 * Preparing evidence images for the PDF with sharp: pdfkit embeds JPEG and opaque PNG as they are, so those
 * pass through untouched; anything else (alpha, WebP, GIF, rotated phone photos) is re-encoded. Tall
 * screenshots are cut into bands on demand. The original files are never changed.
 */
export type PreparedImage = ImageInput & { slice: ImageSlicer };

export async function prepareImage(data: Buffer): Promise<PreparedImage | undefined> {
  const { default: sharp } = await import('sharp');
  let meta: import('sharp').Metadata;
  try {
    meta = await sharp(data, { limitInputPixels: 400_000_000 }).metadata();
  } catch {
    return undefined;
  }
  if (!meta.width || !meta.height) return undefined;
  const rotated = (meta.orientation ?? 1) >= 5;
  const widthPx = rotated ? meta.height : meta.width;
  const heightPx = rotated ? meta.width : meta.height;
  const passThrough = (meta.format === 'jpeg' && (meta.orientation ?? 1) === 1) || (meta.format === 'png' && !meta.hasAlpha && meta.isProgressive !== true && meta.isPalette !== true);
  const base = () => sharp(data, { limitInputPixels: 400_000_000 }).rotate().flatten({ background: '#ffffff' });
  const encoded = passThrough ? data : await base().png({ compressionLevel: 3 }).toBuffer();
  const slice: ImageSlicer = (top, height) =>
    base().extract({ left: 0, top, width: widthPx, height }).jpeg({ quality: 88, chromaSubsampling: '4:4:4' }).toBuffer();
  return { data: encoded, widthPx, heightPx, slice };
}
