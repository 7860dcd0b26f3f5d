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

/**
 * A copy of the screenshot with a caption strip on top (URL, capture time, case and evidence id). The
 * original is only read; the copy is what documents print.
 */
export async function makeCaptionedCopy(original: Buffer, lines: CaptionLines): Promise<Buffer> {
  const sharp = await requireOptional('sharp');
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
 * A part of an image (a band of a tall screenshot) with a caption strip on top, in one sharp pipeline: the
 * upload copies of a long page are readable images, each saying which evidence and which part it is.
 */
export async function captionedPart(image: Buffer, region: { left: number; top: number; width: number; height: number }, lines: CaptionLines): Promise<Buffer> {
  const sharp = await requireOptional('sharp');
  const width = Math.max(region.width, 480);
  const strip = stripSvg(lines, width);
  return sharp(image, { limitInputPixels: false })
    .extract(region)
    .extend({ top: strip.height, right: width - region.width, background: '#ffffff' })
    .composite([{ input: strip.svg, top: 0, left: 0 }])
    .removeAlpha()
    .png({ compressionLevel: 6 })
    .toBuffer();
}
