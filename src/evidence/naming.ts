import type { EvidenceItem } from '../core/case-model.js';
import { formatLocalTime } from '../core/time.js';

/** A message lookup in the documents' language (keys evidenceName.* and evidenceSource.*), passed in by the caller. */
export type NameTranslate = (key: string, params?: Record<string, string | number>) => string;

/**
 * An evidence item's name (证据名称) and source (证据来源) in words, as the evidence list prints them.
 *
 * A name the user gave (`--title`, or the prompt) is kept. Otherwise the name is derived from the kind, the
 * form of the file and its date: "客服聊天截图（2026-11-26）", "订单页面截图（网页取证，2026-11-25 21:40）".
 * Items logged before names were derived carry a file name or the page's <title> as their title; those are
 * derived too. The source is always derived from what the case records (capture URL, import time, EXIF device).
 */

type ImportMeta = { originalName?: string };
type CaptureMeta = { finalUrl?: string; capturedAt?: string; title?: string };
type ExifMeta = { takenAt?: string; make?: string; model?: string };

/** How the item's main file is presented: an image, a recording, a video, text, a PDF, or another file. */
export function evidenceForm(mime: string | undefined, name = ''): 'image' | 'audio' | 'video' | 'text' | 'pdf' | 'file' {
  const type = mime ?? '';
  if (type.startsWith('image/') || /\.(png|jpe?g|webp|gif|heic|heif|avif|bmp|tiff?)$/i.test(name)) return 'image';
  if (type.startsWith('audio/') || /\.(m4a|amr|silk|mp3|aac|wav|ogg|opus)$/i.test(name)) return 'audio';
  if (type.startsWith('video/') || /\.(mp4|mov|m4v|3gp|webm)$/i.test(name)) return 'video';
  if (type === 'application/pdf' || /\.pdf$/i.test(name)) return 'pdf';
  if (/^text\/|json|csv|html/.test(type) || /\.(txt|csv|html?|json|log)$/i.test(name)) return 'text';
  return 'file';
}

function mainFile(item: Pick<EvidenceItem, 'files'>): { mime?: string; path: string } {
  return item.files.find((f) => f.role === 'original') ?? item.files.find((f) => f.role === 'screenshot') ?? item.files[0]!;
}

/** "2026-11-26" from EXIF's "2026:11:26 09:30:00". */
function exifDate(takenAt: string | undefined): string | undefined {
  const match = /^(\d{4}):(\d{2}):(\d{2})/.exec(takenAt ?? '');
  return match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
}

/** A title that was filled in automatically by an older version (file name, page title, URL). */
function isLegacyTitle(item: EvidenceItem): boolean {
  const capture = item.meta.capture as CaptureMeta | undefined;
  const imported = item.meta.import as ImportMeta | undefined;
  const candidates = [imported?.originalName, capture?.title, capture?.finalUrl, item.source, ''];
  return candidates.some((c) => c !== undefined && c.trim() === item.title.trim());
}

/** The name derived from the kind, form and date (used when the user gave none). */
export function derivedEvidenceTitle(item: Pick<EvidenceItem, 'kind' | 'files' | 'meta' | 'addedAt'>, zone: string, t: NameTranslate): string {
  const kind = t(`evidenceName.${item.kind}`);
  const capture = item.meta.capture as CaptureMeta | undefined;
  if (capture) return t('evidenceName.captured', { kind, time: formatLocalTime(capture.capturedAt ?? item.addedAt, zone) });
  const file = mainFile(item);
  const form = t(`evidenceName.form.${evidenceForm(file.mime, file.path)}`);
  const date = exifDate((item.meta.exif as ExifMeta | undefined)?.takenAt) ?? formatLocalTime(item.addedAt, zone).slice(0, 10);
  return t('evidenceName.imported', { kind, form, date });
}

/** The name to print: the user's own, else the derived one. */
export function evidenceTitle(item: EvidenceItem, zone: string, t: NameTranslate): string {
  return isLegacyTitle(item) ? derivedEvidenceTitle(item, zone, t) : item.title;
}

/** The source in words: "weiquan 网页取证：https://…", "本人手机（Apple iPhone 13）截图，导入于 …". */
export function evidenceSource(item: Pick<EvidenceItem, 'files' | 'meta' | 'addedAt' | 'source'>, zone: string, t: NameTranslate): string {
  const capture = item.meta.capture as CaptureMeta | undefined;
  if (capture) return t('evidenceSource.captured', { url: capture.finalUrl ?? item.source });
  const file = mainFile(item);
  const form = t(`evidenceName.form.${evidenceForm(file.mime, file.path)}`);
  const time = formatLocalTime(item.addedAt, zone);
  const exif = item.meta.exif as ExifMeta | undefined;
  const device = [exif?.make, exif?.model].filter(Boolean).join(' ').trim();
  if (device !== '') return t('evidenceSource.phone', { device, form, time });
  const name = (item.meta.import as ImportMeta | undefined)?.originalName ?? file.path.split('/').at(-1) ?? '';
  return t('evidenceSource.imported', { form, name, time });
}
