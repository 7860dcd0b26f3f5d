/** What the capture command prints: progress failures, warnings about a capture, the table of filed items. */
import type { Context } from '../../context.js';
import type { EvidenceItem } from '../../core/case-model.js';
import { isWeiquanError } from '../../errors.js';
import type { StagedCapture } from '../../evidence/capture/run-captures.js';
import { gridTable } from '../../ui/case-view.js';


export function describeFailure(context: Context, error: unknown): string {
  if (isWeiquanError(error)) return context.t(error.key, error.params);
  return error instanceof Error ? error.message : String(error);
}

/** Loud, specific warnings for a capture that worked but may not show what the user wanted. */
export function warnAbout(context: Context, entry: StagedCapture): void {
  const { t, out } = context;
  const { capture } = entry;
  if (capture.loginWall) {
    out.warn(t(`capture.loginWall.${capture.loginWall.reason}`, { url: capture.loginWall.url }));
    out.warn(t('capture.loginWall.hint'));
  }
  for (const warning of capture.warnings) {
    if (warning.code === 'http-status') out.warn(t('capture.warn.httpStatus', { url: capture.finalUrl, status: warning.detail ?? '?' }));
    else if (warning.code === 'mhtml-failed') out.warn(t('capture.warn.mhtmlFailed', { url: capture.finalUrl, reason: warning.detail ?? '' }));
    else if (warning.code === 'screenshot-short') out.warn(t('capture.warn.screenshotShort', { url: capture.finalUrl, detail: warning.detail ?? '' }));
    else if (warning.code === 'lazy-content-timeout') out.warn(t('capture.warn.lazyContent', { url: capture.finalUrl }));
  }
}

/** The items just filed: id, title, final URL, HTTP status, screenshot with the start of its hash. */
export function filedTable(context: Context, items: readonly EvidenceItem[]): string {
  const { t } = context;
  return gridTable(
    [t('label.id'), t('label.title'), t('capture.label.url'), t('capture.label.status'), t('capture.label.screenshot')],
    items.map((item) => {
      const meta = item.meta.capture as { finalUrl: string; httpStatus: number | null };
      const screenshot = item.files.find((file) => file.role === 'screenshot')!;
      return [item.id, item.title, meta.finalUrl, meta.httpStatus === null ? '-' : String(meta.httpStatus), `${screenshot.path}\nSHA-256 ${screenshot.sha256.slice(0, 16)}…`];
    }),
  );
}
