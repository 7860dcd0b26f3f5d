import { loadOptional, requireOptional } from '../../optional.js';
/** The lines printed on the strip above a captioned copy. */
export type CaptionLines = string[];

const STRIP_PADDING = 14;
const LINE_HEIGHT = 22;
const FONT_SIZE = 15;
const CJK_FONTS = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif";

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

/** Cut a line that would run off the strip; CJK characters count double. */
export function fitLine(text: string, width: number): string {
  const maxUnits = Math.max(20, Math.floor((width - 2 * STRIP_PADDING) / (FONT_SIZE * 0.55)));
  let units = 0;
  let out = '';
  for (const char of text) {
    const cost = /[\u1100-\uffff]/.test(char) ? 2 : 1;
    if (units + cost > maxUnits - 1) return `${out}…`;
    units += cost;
    out += char;
  }
  return out;
}

function stripSvg(lines: CaptionLines, width: number): { svg: Buffer; height: number } {
  const height = STRIP_PADDING * 2 + lines.length * LINE_HEIGHT;
  const texts = lines
    .map((line, index) => `<text x="${STRIP_PADDING}" y="${STRIP_PADDING + (index + 1) * LINE_HEIGHT - 6}">${escapeXml(fitLine(line, width))}</text>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#fff8dc"/><rect y="${height - 2}" width="100%" height="2" fill="#b8860b"/><g font-family="${CJK_FONTS}" font-size="${FONT_SIZE}" fill="#222">${texts}</g></svg>`;
  return { svg: Buffer.from(svg), height };
}

/** Start loading the image library early (while the browser starts), so the caption does not wait for it. */
export function warmUpCaptions(): void {
  void loadOptional('sharp');
}

/** Whether captioned copies can be made here: they need sharp, an optional package. */
export async function canCaption(): Promise<boolean> {
  return (await loadOptional('sharp')) !== undefined;
}

/**
 * A copy of the screenshot with a caption strip on top (URL, capture time, case and evidence id). The
 * original is only read; the copy is what documents print. Undefined without sharp: the capture is kept
 * without it, and documents print the screenshot itself under their own caption.
 */
export async function makeCaptionedCopy(original: Buffer, lines: CaptionLines): Promise<Buffer | undefined> {
  const sharp = await loadOptional('sharp');
  if (!sharp) return undefined;
  const source = sharp(original, { limitInputPixels: false });
  const { width = 0, height = 0 } = await source.metadata();
  const stripWidth = Math.max(width, 480);
  const strip = stripSvg(lines, stripWidth);
  return sharp({
    create: { width: stripWidth, height: height + strip.height, channels: 3, background: '#ffffff' },
    limitInputPixels: false,
  })
    .composite([
      { input: strip.svg, top: 0, left: 0 },
      { input: original, top: strip.height, left: 0, limitInputPixels: false },
    ])
    // opaque RGB: documents can then embed the PNG's compressed data as is, without re-encoding it
    .removeAlpha()
    .png({ compressionLevel: 6 })
    .toBuffer();
}

/** The caption strip alone as RGB pixels, `width` wide. */
async function stripPixels(lines: CaptionLines, width: number): Promise<{ data: Buffer; height: number }> {
  const sharp = await requireOptional('sharp');
  const strip = stripSvg(lines, width);
  const data = await sharp(strip.svg).flatten({ background: '#ffffff' }).removeAlpha().raw().toBuffer();
  return { data, height: strip.height };
}

export type Region = { left: number; top: number; width: number; height: number };

/**
 * Parts of an image (the bands of a tall screenshot), each with a caption strip on top, as PNGs in order: the
 * upload copies of a long page are readable images, each saying which evidence and which part it is. Each part
 * is decoded on its own (a whole 1280×6000 screenshot decoded at once is a 23 MB buffer, and freeing buffers
 * that size leaves glibc keeping the smaller ones in its per-thread arenas: about 50 MB more peak memory for a
 * package of 20, and no faster). The strip's pixels are written over the white room left above the part
 * (compositing in the image library costs more), and the part is written at zlib level 4: encoding is most of
 * the cost, and level 4 is about a third faster than 6 for 2–3 per cent more bytes; every pixel is kept.
 */
export async function* captionedParts(image: Buffer, regions: readonly Region[], captionOf: (index: number) => CaptionLines): AsyncGenerator<Buffer> {
  const sharp = await requireOptional('sharp');
  for (const [index, region] of regions.entries()) {
    const width = Math.max(region.width, 480);
    const strip = await stripPixels(captionOf(index), width);
    // the part with white room above it for the strip (and on the right, under a narrow part's wider strip)
    const pixels = await sharp(image, { limitInputPixels: false })
      .extract(region)
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .removeAlpha()
      .extend({ top: strip.height, right: width - region.width, background: '#ffffff' })
      .raw()
      .toBuffer();
    strip.data.copy(pixels, 0, 0, width * 3 * strip.height);
    yield await sharp(pixels, { raw: { width, height: strip.height + region.height, channels: 3 } }).png({ compressionLevel: 4 }).toBuffer();
  }
}
