import path from 'node:path';
import { readFile } from 'node:fs/promises';
import type { Context } from '../../context.js';
import { type Case, type EvidenceItem, nextId } from '../../core/case-model.js';
import { parseWebUrl } from '../../core/contact-details.js';
import { toZonedIso } from '../../core/time.js';
import { Cancelled, EnvironmentError, InputError, UsageError, isWeiquanError } from '../../errors.js';
import { chosenBrowser, findBrowser } from './browser-discovery.js';
import { warmUpCaptions } from './caption.js';
import { type CaptionText, type CaptureContext, type PendingCapture, pendingCapture } from './capture-evidence.js';
import { parseCookieFile } from './cookies.js';
import { type Interrupt, interruptible } from './interrupt.js';
import type { BrowserSession } from './launch.js';
import { type CaptureMethod, type CaptureRun, runCaptures, type StagedCapture } from './run-captures.js';
import { type EvidenceKind, parseEvidenceKind, storedDefaultProves } from '../kinds.js';
import { fileEvidence } from '../staging.js';
import { gridTable } from '../../ui/case-view.js';

export type CaptureOptions = {
  kind?: string;
  note?: string;
  proves?: string;
  again?: string;
  login?: boolean;
  connect?: string;
  cookies?: string;
  browser?: string;
  timeout?: string;
};

/** A headless browser the command started before loading the rest of the capture code. */
export type EarlyBrowser = { executablePath: string; session: Promise<BrowserSession> };

/** The persistent browser profile for --login, kept in the data home so a login survives between runs. */
export const LOGIN_PROFILE_DIR = 'browser-profile';
const DEFAULT_TIMEOUT_SECONDS = 30;

function parseTimeout(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_TIMEOUT_SECONDS * 1000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) throw new InputError('capture.timeout.invalid', { value: raw });
  return Math.round(seconds * 1000);
}

function parseEndpoint(raw: string): string {
  const value = raw.trim();
  if (/^wss?:\/\//i.test(value)) return value;
  if (/^\d+$/.test(value)) return `http://127.0.0.1:${value}`;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
    return url.toString().replace(/\/$/, '');
  } catch {
    throw new InputError('capture.connect.invalid', { value: raw });
  }
}

/** The evidence item a repeat capture follows: the first capture of the series (E1 for E1, E2 again of E1 …). */
function repeatTarget(record: Case, reference: string): EvidenceItem {
  const id = reference.trim().toUpperCase();
  const item = record.evidence.find((entry) => entry.id === id);
  if (!item) throw new InputError('capture.again.unknown', { id: reference, case: record.id, known: record.evidence.map((e) => e.id).join(', ') || '-' });
  const root = item.againOf ? (record.evidence.find((entry) => entry.id === item.againOf) ?? item) : item;
  if (!/^https?:\/\//i.test(root.source)) throw new InputError('capture.again.notCapture', { id: root.id });
  return root;
}

function captionText(context: Context): CaptionText {
  const { t } = context;
  const seconds = (iso: string) => iso.slice(0, 19).replace('T', ' ');
  return (facts) => [
    t('capture.caption.header', { evidence: facts.evidenceId, case: facts.caseId, kind: t(`evidenceKind.${facts.kind}`) }),
    t('capture.caption.url', { url: facts.url }),
    t('capture.caption.time', { local: seconds(facts.local), zone: facts.zone, utc: `${seconds(facts.utc)}Z` }),
    t('capture.caption.hash', { sha256: facts.sha256 }),
  ];
}

function describeFailure(context: Context, error: unknown): string {
  if (isWeiquanError(error)) return context.t(error.key, error.params);
  return error instanceof Error ? error.message : String(error);
}

/** Loud, specific warnings for a capture that worked but may not show what the user wanted. */
function warnAbout(context: Context, entry: StagedCapture): void {
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

/**
 * The capture command after its options are read: resolve the case, capture every page in one browser
 * session (started early by the command when it could be), warn, ask, and file what was captured.
 */
export async function captureAndFile(
  context: Context,
  reference: string,
  rawUrls: string[],
  options: CaptureOptions,
  early?: EarlyBrowser,
  given?: Interrupt,
): Promise<void> {
  // Ctrl-C stays ours until the end: before filing it cancels, during filing it waits (no half-written case)
  const interrupt = given ?? interruptible();
  try {
    await captureWithin(context, reference, rawUrls, options, early, interrupt);
  } finally {
    if (!given) interrupt.dispose();
  }
}

async function captureWithin(context: Context, reference: string, rawUrls: string[], options: CaptureOptions, early: EarlyBrowser | undefined, interrupt: Interrupt): Promise<void> {
  const { t, out } = context;
  const timeoutMs = parseTimeout(options.timeout);
  const kind: EvidenceKind = options.kind !== undefined ? parseEvidenceKind(options.kind) : 'order-page';
  let urls = rawUrls.map((raw) => parseWebUrl(raw));
  const endpoint = options.connect !== undefined ? parseEndpoint(options.connect) : undefined;
  if (options.login && !context.interactive) throw new UsageError('capture.login.needsTerminal', {}, 'capture.login.hint');

  const store = await context.store();
  const record = await store.resolve(reference);
  let againOf: string | undefined;
  let againKind: EvidenceKind | undefined;
  if (options.again !== undefined) {
    if (urls.length > 0) throw new UsageError('capture.again.withUrl');
    const target = repeatTarget(record, options.again);
    againOf = target.id;
    againKind = target.kind;
    urls = [target.source];
  }
  if (options.login && urls.length > 1) throw new UsageError('capture.login.oneUrl');
  // link-local and cloud metadata addresses are refused before any connection (after DNS resolution)
  const { checkCaptureTarget } = await import('./network-guard.js');
  for (const url of urls) await checkCaptureTarget(url);
  if (urls.length === 0 && !options.login && endpoint === undefined) throw new UsageError('capture.noUrl', {}, 'capture.hint.usage');

  let cookies: { file: string; list: ReturnType<typeof parseCookieFile> } | undefined;
  if (options.cookies !== undefined) {
    let text: string;
    try {
      text = await readFile(options.cookies, 'utf8');
    } catch (error) {
      throw new InputError('capture.cookies.unreadable', { file: options.cookies, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
    }
    cookies = { file: path.basename(options.cookies), list: parseCookieFile(text, options.cookies) };
  }

  let method: CaptureMethod;
  if (endpoint !== undefined) {
    method = { type: 'connect', endpoint };
  } else if (early && !options.login) {
    method = { type: 'headless', executablePath: early.executablePath };
  } else {
    const browser = await findBrowser({ ...chosenBrowser(context.config.browser), env: context.env });
    if (context.verbose) out.info(t('capture.usingBrowser', { path: browser.executablePath }));
    if (options.login) {
      const startUrl = urls[0] ?? record.platform.url;
      urls = [];
      method = {
        type: 'login',
        executablePath: browser.executablePath,
        profileDir: path.join(context.locations.home, LOGIN_PROFILE_DIR),
        ...(startUrl ? { startUrl } : {}),
        waitForUser: async () => {
          const prompts = await context.prompts();
          await prompts.text({ message: t('capture.login.prompt') });
        },
      };
    } else {
      method = { type: 'headless', executablePath: browser.executablePath };
    }
  }

  const finalKind = againKind ?? kind;
  const proves = options.proves?.trim() || storedDefaultProves(finalKind);
  const caseDir = store.caseDir(record.id);
  // Each capture gets its pending item (and its captioned copy, for the id it will most likely get) as
  // soon as it is staged, so the image work overlaps the next page and the browser's shutdown.
  const caption = captionText(context);
  const decisions = { kind: finalKind, proves, ...(options.note ? { note: options.note } : {}), ...(againOf ? { againOf } : {}) };
  const expectedIds = record.evidence.map((item) => item.id);
  const prepared = new Map<StagedCapture, { pending: PendingCapture; ready: Promise<void> }>();
  const onStaged = (entry: StagedCapture, captureContext: CaptureContext) => {
    const pending = pendingCapture(entry.staging, entry.capture, captureContext, decisions, caption);
    const expected = nextId(expectedIds, 'E');
    expectedIds.push(expected);
    const ready = pending.prepare(expected, record);
    ready.catch(() => undefined);
    prepared.set(entry, { pending, ready });
  };
  let result: CaptureRun;
  // a spinner per URL on a terminal (started at the first page, after any login prompt); plain lines elsewhere
  let spinner: ReturnType<typeof out.progress>;
  const showProgress = (url: string) => {
    const text = t('capture.progress', { url });
    if (spinner) spinner.update(text);
    else spinner = out.progress(text);
    if (!spinner) out.info(text);
  };
  try {
    result = await runCaptures({
      onStaged,
      caseDir,
      urls,
      method,
      ...(cookies ? { cookies } : {}),
      timeoutMs,
      signal: interrupt.signal,
      ...(early && method.type === 'headless' ? { session: early.session } : {}),
      onStart: showProgress,
      // first use of the image library and of time-zone formatting costs ~80 ms: pay it while the browser starts
      whileStarting: () => {
        warmUpCaptions();
        toZonedIso(context.now(), record.timeZone);
      },
    });
  } catch (error) {
    spinner?.stop();
    // the run removed what it staged; a caption still rendering may have written after that
    for (const [entry, { ready }] of prepared) {
      await ready.catch(() => undefined);
      await entry.staging.remove();
    }
    if (interrupt.signal.aborted) throw new Cancelled();
    throw error;
  }
  spinner?.stop();
  const { staged, failed } = result;

  try {
    for (const entry of failed.slice(1)) out.error(t('capture.failed', { url: entry.url || '-', reason: describeFailure(context, entry.error) }));
    for (const entry of staged) warnAbout(context, entry);

    const keep: StagedCapture[] = [];
    for (const entry of staged) {
      if (entry.capture.loginWall && context.interactive) {
        const prompts = await context.prompts();
        if (!(await prompts.confirm({ message: t('capture.loginWall.keep', { url: entry.capture.finalUrl }), default: false }))) {
          await prepared.get(entry)?.ready.catch(() => undefined);
          await entry.staging.remove();
          out.info(t('capture.discarded', { url: entry.capture.finalUrl }));
          continue;
        }
      }
      keep.push(entry);
    }
    let fileTheRest = failed.length === 0;
    if (!fileTheRest && keep.length > 0 && context.interactive) {
      const prompts = await context.prompts();
      fileTheRest = await prompts.confirm({ message: t('capture.fileGoodOnes', { count: keep.length }), default: true });
    }
    if (!fileTheRest || keep.length === 0) {
      for (const entry of keep) {
        await prepared.get(entry)?.ready.catch(() => undefined);
        await entry.staging.remove();
      }
      if (failed.length > 0) {
        if (keep.length > 0) out.info(t('capture.nothingFiled'));
        const first = failed[0]!.error;
        throw isWeiquanError(first) ? first : new EnvironmentError('capture.failed', { url: failed[0]!.url, reason: describeFailure(context, first) });
      }
      out.result({ case: record.id, items: [] }, () => '');
      out.info(t('capture.nothingFiled'));
      return;
    }

    const pending: PendingCapture[] = [];
    for (const entry of keep) {
      const { pending: item, ready } = prepared.get(entry)!;
      // a failed early rendering is not final: filing renders again for the id it assigns
      await ready.catch(() => undefined);
      pending.push(item);
    }
    if (interrupt.signal.aborted) throw new Cancelled();
    const { items } = await fileEvidence(store, record.id, () => context.now(), pending);
    out.result({ case: record.id, items }, () =>
      gridTable(
        [t('label.id'), t('label.title'), t('capture.label.url'), t('capture.label.status'), t('capture.label.screenshot')],
        items.map((item) => {
          const meta = item.meta.capture as { finalUrl: string; httpStatus: number | null };
          const screenshot = item.files.find((file) => file.role === 'screenshot')!;
          return [item.id, item.title, meta.finalUrl, meta.httpStatus === null ? '-' : String(meta.httpStatus), `${screenshot.path}\nSHA-256 ${screenshot.sha256.slice(0, 16)}…`];
        }),
      ),
    );
    for (const item of items) out.success(t(item.againOf ? 'capture.filedAgain' : 'capture.filed', { id: item.id, case: record.id, again: item.againOf ?? '' }));
    if (failed.length > 0) {
      const first = failed[0]!.error;
      throw isWeiquanError(first) ? first : new EnvironmentError('capture.failed', { url: failed[0]!.url, reason: describeFailure(context, first) });
    }
  } finally {
    await result.closed;
    // no caption may still be writing into a staging folder when it is removed
    for (const entry of staged) await prepared.get(entry)?.ready.catch(() => undefined);
    for (const entry of staged) await entry.staging.remove();
  }
}
