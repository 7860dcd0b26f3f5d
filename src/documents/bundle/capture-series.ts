import { readFile } from 'node:fs/promises';
import { formatLocalTime } from '../../core/time.js';
import { loadOptional } from '../../optional.js';
import { openImageForPdf } from '../images.js';
import type { PdfWriter } from '../pdf-writer.js';
import type { Exhibit, PackageContext } from './model.js';

/**
 * Proof over time, drawn: when one page was captured more than once (capture --again, or captures of the same
 * URL), the timeline section shows the captures as a row of small dated thumbnails — the top of the page as it
 * was each time — with the page's status when the capture recorded it ("2026-11-21 处理中 · 11-23 处理中").
 *
 * The status comes only from what each capture recorded: an order status word in the page's own <title>. A
 * capture whose title names none shows its date alone; nothing is inferred from the picture.
 */

export type SeriesShot = { id: string; at: string; status?: string; file?: string };
export type CaptureSeries = { url: string; shots: SeriesShot[] };

/** Order statuses as 卡盟 and shop pages word them, longest first so "充值失败" wins over "失败". */
const STATUS_WORDS = [
  '部分到账', '充值成功', '充值失败', '交易成功', '交易失败', '交易关闭', '退款成功', '退款中', '已退款', '处理中', '充值中', '待充值',
  '待发货', '待付款', '待支付', '已付款', '已支付', '已发货', '已完成', '已到账', '已充值', '已取消', '已关闭', '已撤销', '异常', '失败',
];

/** The order status a page's <title> names (the first one in it), if any. Pure. */
export function statusInTitle(title: string | undefined): string | undefined {
  if (!title) return undefined;
  let found: { at: number; word: string } | undefined;
  for (const word of STATUS_WORDS) {
    const at = title.indexOf(word);
    if (at >= 0 && (found === undefined || at < found.at)) found = { at, word };
  }
  return found?.word;
}

type CaptureFacts = { capturedAt?: string; title?: string };

/**
 * Captures of the same URL, two or more, each in time order. `titles` holds the page titles recorded in the
 * sidecars of captures made before the item kept its page title. Pure.
 */
export function captureSeries(
  exhibits: readonly Pick<Exhibit, 'id' | 'source' | 'addedAt' | 'capture' | 'meta' | 'original'>[],
  missing: ReadonlySet<string> = new Set(),
  titles: ReadonlyMap<string, string> = new Map(),
): CaptureSeries[] {
  const byUrl = new Map<string, SeriesShot[]>();
  for (const item of exhibits) {
    if (!item.capture) continue;
    const facts = item.meta.capture as CaptureFacts | undefined;
    const status = statusInTitle(facts?.title ?? titles.get(item.id));
    const shot: SeriesShot = { id: item.id, at: item.capture.capturedAt ?? item.addedAt, ...(status ? { status } : {}), ...(missing.has(item.id) ? {} : { file: item.original.absolutePath }) };
    byUrl.set(item.source, [...(byUrl.get(item.source) ?? []), shot]);
  }
  return [...byUrl]
    .filter(([, shots]) => shots.length > 1)
    .map(([url, shots]) => ({ url, shots: [...shots].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)) }));
}

/** "2026-11-21 处理中 · 11-23 处理中 · 11-25": the year once, then month-day while it stays the same. Pure. */
export function seriesLine(shots: readonly SeriesShot[], zone: string): string {
  const first = formatLocalTime(shots[0]!.at, zone).slice(0, 4);
  return shots
    .map((shot, index) => {
      const date = formatLocalTime(shot.at, zone).slice(0, 10);
      const shown = index > 0 && date.startsWith(first) ? date.slice(5) : date;
      return shot.status ? `${shown} ${shot.status}` : shown;
    })
    .join(' · ');
}

const PER_ROW = 4;
const MAX_THUMB_PT = 118;
const GAP_PT = 12;
/** Thumbnails show the top of the page in this shape (width : height 4 : 3). */
const ASPECT = 0.75;

type Thumbnail = { data: Buffer; width: number; height: number };

/**
 * The top of a screenshot, small: the first screenful, its blank margins trimmed so what the page says fills
 * the thumbnail, at most 4 : 3, about 2.5 pixels a point at its placed size. Undefined when it cannot be read.
 */
async function thumbnail(file: string | undefined, widthPt: number): Promise<Thumbnail | undefined> {
  const sharp = await loadOptional('sharp');
  if (!sharp || !file) return undefined;
  try {
    const meta = await sharp(file, { limitInputPixels: 400_000_000 }).metadata();
    if (!meta.width || !meta.height) return undefined;
    const screen = await sharp(file, { limitInputPixels: 400_000_000 })
      .extract({ left: 0, top: 0, width: meta.width, height: Math.min(meta.height, meta.width) })
      .flatten({ background: '#ffffff' })
      .png({ compressionLevel: 1 })
      .toBuffer();
    // trim the page's blank margins (a blank page stays as it is)
    const trimmed = await sharp(screen).trim({ threshold: 12 }).png({ compressionLevel: 1 }).toBuffer({ resolveWithObject: true }).catch(() => undefined);
    const source = trimmed && trimmed.info.width >= 40 ? trimmed : { data: screen, info: { width: meta.width, height: Math.min(meta.height, meta.width) } };
    // with air around the content, no narrower than a third of the page
    const width = Math.max(source.info.width + 24, Math.round(meta.width / 3));
    const height = Math.min(Math.round(width * ASPECT), source.info.height + 24);
    const widthPx = Math.min(width, Math.round(widthPt * 2.5));
    const content = await sharp(source.data).extract({ left: 0, top: 0, width: source.info.width, height: Math.min(source.info.height, height - 12) }).toBuffer();
    // sharp composites after resizing: frame the content first, then scale the framed picture
    const framed = await sharp({ create: { width, height, channels: 3, background: '#ffffff' } }).composite([{ input: content, left: 12, top: 12 }]).png({ compressionLevel: 1 }).toBuffer();
    const data = await sharp(framed).resize({ width: widthPx }).removeAlpha().png({ compressionLevel: 6 }).toBuffer({ resolveWithObject: true });
    return { data: data.data, width: data.info.width, height: data.info.height };
  } catch {
    return undefined;
  }
}

/** One row of thumbnails with their dates and statuses under them. */
async function drawRow(writer: PdfWriter, shots: readonly SeriesShot[], zone: string, t: PackageContext['t']): Promise<void> {
  const cell = Math.min(MAX_THUMB_PT, (writer.contentWidth - GAP_PT * (PER_ROW - 1)) / PER_ROW);
  const images = await Promise.all(shots.map((shot) => thumbnail(shot.file, cell)));
  const imageHeight = cell * ASPECT;
  const height = imageHeight + 34;
  writer.drawing(height, (doc, area) => {
    shots.forEach((shot, index) => {
      const x = area.x + index * (cell + GAP_PT);
      const image = images[index];
      // the thumbnail keeps its shape, centred in its frame
      const fit = image ? Math.min(cell / image.width, imageHeight / image.height) : 0;
      if (image) doc.image(openImageForPdf(doc, image.data) as Buffer, x + (cell - image.width * fit) / 2, area.y + (imageHeight - image.height * fit) / 2, { width: image.width * fit, height: image.height * fit });
      else writer.textAt(t('package.series.noImage'), x, area.y + imageHeight / 2 - 5, { size: 8, color: '#777777', width: cell, align: 'center' });
      doc.save().rect(x - 0.25, area.y - 0.25, cell + 0.5, imageHeight + 0.5).lineWidth(0.5).strokeColor('#999999').stroke().restore();
      writer.textAt(`${shot.id} · ${formatLocalTime(shot.at, zone)}`, x, area.y + imageHeight + 5, { size: 8, color: '#333333', width: cell, align: 'center', sans: true });
      if (shot.status) writer.textAt(shot.status, x, area.y + imageHeight + 18, { size: 9, bold: true, width: cell, align: 'center' });
    });
  });
}

/** Page titles from the unchanged sidecars (capture.json) of captures whose item does not keep the title itself. */
async function sidecarTitles(ctx: PackageContext, missing: ReadonlySet<string>): Promise<Map<string, string>> {
  const titles = new Map<string, string>();
  for (const item of ctx.exhibits) {
    const sidecar = item.files.find((file) => file.role === 'sidecar');
    if (!item.capture || (item.meta.capture as CaptureFacts | undefined)?.title !== undefined || !sidecar || missing.has(item.id)) continue;
    // only a sidecar whose hash still matches the journal is believed (a rewritten one gives no status)
    if (!ctx.checks.some((c) => c.item === item.id && c.path === sidecar.path && c.status === 'ok')) continue;
    try {
      const title = (JSON.parse(await readFile(sidecar.absolutePath, 'utf8')) as { title?: unknown }).title;
      if (typeof title === 'string') titles.set(item.id, title);
    } catch {
      // an unreadable sidecar gives no status: the date alone is shown
    }
  }
  return titles;
}

/** Each series under the timeline: a heading, the dates and statuses in a line, the thumbnails in rows. */
export async function drawCaptureSeries(writer: PdfWriter, ctx: PackageContext): Promise<void> {
  // items whose screenshot is not there: their thumbnail says so, their date and status stay
  const missing = new Set(ctx.exhibits.filter((item) => ctx.checks.some((c) => c.item === item.id && c.path === item.original.path && c.status === 'missing')).map((item) => item.id));
  const zone = ctx.input.record.timeZone;
  const urls = ctx.exhibits.filter((item) => item.capture).map((item) => item.source);
  if (urls.length === new Set(urls).size) return; // no page captured twice
  for (const series of captureSeries(ctx.exhibits, missing, await sidecarTitles(ctx, missing))) {
    const rowHeight = Math.min(MAX_THUMB_PT, (writer.contentWidth - GAP_PT * (PER_ROW - 1)) / PER_ROW) * ASPECT + 34;
    writer.ensureSpace(90 + rowHeight); // the heading, its lines and the first row of thumbnails together
    writer.heading(ctx.t('package.series.heading'), 2);
    writer.paragraph(ctx.t('package.series.note', { url: series.url, ids: series.shots.map((s) => s.id).join(ctx.t('package.series.idSeparator')) }), { size: 9.5, color: '#333333' });
    writer.paragraph(seriesLine(series.shots, zone), { size: 10.5, bold: true });
    writer.space(4);
    for (let start = 0; start < series.shots.length; start += PER_ROW) {
      await drawRow(writer, series.shots.slice(start, start + PER_ROW), zone, ctx.t);
      writer.space(4);
    }
  }
}
