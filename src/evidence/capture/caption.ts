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

/** A strip's drawing (background, rule, text) at the origin, in explicit sizes so strips can be stacked. */
function stripMarkup(lines: CaptionLines, width: number): { markup: string; height: number } {
  const height = STRIP_PADDING * 2 + lines.length * LINE_HEIGHT;
  const texts = lines
    .map((line, index) => `<text x="${STRIP_PADDING}" y="${STRIP_PADDING + (index + 1) * LINE_HEIGHT - 6}">${escapeXml(fitLine(line, width))}</text>`)
    .join('');
  const markup = `<rect width="${width}" height="${height}" fill="#fff8dc"/><rect y="${height - 2}" width="${width}" height="2" fill="#b8860b"/><g font-family="${CJK_FONTS}" font-size="${FONT_SIZE}" fill="#222">${texts}</g>`;
  return { markup, height };
}

function stripSvg(lines: CaptionLines, width: number): { svg: Buffer; height: number } {
  const { markup, height } = stripMarkup(lines, width);
  return { svg: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${markup}</svg>`), height };
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

/**
 * Caption strips, one for each entry of `captions`, as RGB pixels `width` wide: drawn stacked in one SVG (text
 * rendering starts up once, not once a strip) and cut apart.
 */
async function stripsPixels(captions: readonly CaptionLines[], width: number): Promise<{ data: Buffer; height: number }[]> {
  const sharp = await requireOptional('sharp');
  let offset = 0;
  const placed = captions.map((lines) => {
    const { markup, height } = stripMarkup(lines, width);
    const at = offset;
    offset += height;
    return { markup: `<g transform="translate(0 ${at})">${markup}</g>`, at, height };
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${offset}">${placed.map((p) => p.markup).join('')}</svg>`;
  const data = await sharp(Buffer.from(svg)).flatten({ background: '#ffffff' }).removeAlpha().raw().toBuffer();
  const rowBytes = width * 3;
  return placed.map(({ at, height }) => ({ data: data.subarray(at * rowBytes, (at + height) * rowBytes), height }));
}

export type Region = { left: number; top: number; width: number; height: number };

/**
 * Parts of an image (the bands of a tall screenshot), each with a caption strip on top, as PNGs in order, all
 * as wide as the widest: the upload copies of a long page are readable images, each saying which evidence and
 * which part it is. Each part is cut, given its strip and encoded in one pipeline. Decoding the whole image
 * once for all its parts was measured too: no faster over a package, and its 23 MB buffers left glibc keeping
 * smaller ones in its per-thread arenas (about 50 MB more peak memory for 20 captures). The strips are drawn in
 * one go; the parts are written at zlib level 2: encoding is most of the cost, and level 2 takes about half
 * the time of 6 (a quarter less than 4) for 4–10 per cent more bytes than 4; every pixel is kept either way.
 */
export async function* captionedParts(image: Buffer, regions: readonly Region[], captionOf: (index: number) => CaptionLines): AsyncGenerator<Buffer> {
  const sharp = await requireOptional('sharp');
  const width = Math.max(...regions.map((region) => region.width), 480);
  const strips = await stripsPixels(regions.map((_, index) => captionOf(index)), width);
  for (const [index, region] of regions.entries()) {
    const strip = strips[index]!;
    yield await sharp(image, { limitInputPixels: false })
      .extract(region)
      .extend({ top: strip.height, right: width - region.width, background: '#ffffff' })
      .composite([{ input: strip.data, raw: { width, height: strip.height, channels: 3 }, top: 0, left: 0 }])
      .removeAlpha()
      .png({ compressionLevel: 2 })
      .toBuffer();
  }
}
