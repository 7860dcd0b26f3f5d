/**
 * The capture command after its browser is (perhaps) starting: resolve the case, plan the capture, run the
 * evidence pipeline (src/evidence/capture: launch → load → screenshot → snapshot → stage; then caption and
 * sidecar; then file), and in between say what happens, warn, and ask.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Context } from '../../context.js';
import { nextId } from '../../core/case-model.js';
import { toZonedIso } from '../../core/time.js';
import { Cancelled, EnvironmentError, InputError, isWeiquanError } from '../../errors.js';
import { chosenBrowser, findBrowser } from '../../evidence/capture/browser-discovery.js';
import { canCaption, warmUpCaptions } from '../../evidence/capture/caption.js';
import { installCommand } from '../../optional.js';
import { type CaptureContext, type PendingCapture, pendingCapture } from '../../evidence/capture/capture-evidence.js';
import { parseCookieFile } from '../../evidence/capture/cookies.js';
import { emulationFor } from '../../evidence/capture/devices.js';
import { type Interrupt, interruptible } from '../../evidence/capture/interrupt.js';
import type { BrowserSession } from '../../evidence/capture/launch.js';
import type { CaptureStep } from '../../evidence/capture/capture-page.js';
import { type CaptureMethod, type CaptureRun, runCaptures, type StagedCapture } from '../../evidence/capture/run-captures.js';
import { fileEvidence } from '../../evidence/staging.js';
import { storedDefaultProves } from '../shared/evidence-wording.js';
import { type CaptureOptions, type CapturePlan, planCapture } from './plan.js';
import { captionText } from '../shared/caption-text.js';
import { describeFailure, filedTable, warnAbout } from './report.js';

/** A headless browser the command started before loading the rest of the capture code. */
export type EarlyBrowser = { executablePath: string; session: Promise<BrowserSession> };

/**
 * Resolve the case, capture every page in one browser session (started early by the command when it could
 * be), warn, ask, and file what was captured.
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

async function readCookies(file: string): Promise<{ file: string; list: ReturnType<typeof parseCookieFile> }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError('capture.cookies.unreadable', { file, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
  }
  return { file: path.basename(file), list: parseCookieFile(text, file) };
}

/** The plan's method with what running it needs: the browser found on this machine, the user's Enter. */
async function methodFor(context: Context, plan: CapturePlan, early: EarlyBrowser | undefined): Promise<CaptureMethod> {
  const planned = plan.method;
  if (planned.type === 'connect') return planned;
  if (planned.type === 'headless' && early) return { type: 'headless', executablePath: early.executablePath };
  const browser = await findBrowser({ ...chosenBrowser(context.config.browser), env: context.env });
  if (context.verbose) context.out.info(context.t('capture.usingBrowser', { path: browser.executablePath }));
  if (planned.type === 'headless') return { type: 'headless', executablePath: browser.executablePath };
  return {
    ...planned,
    executablePath: browser.executablePath,
    waitForUser: async () => {
      const prompts = await context.prompts();
      await prompts.text({ message: context.t('capture.login.prompt') });
    },
  };
}

async function captureWithin(context: Context, reference: string, rawUrls: string[], options: CaptureOptions, early: EarlyBrowser | undefined, interrupt: Interrupt): Promise<void> {
  const { t, out } = context;
  const store = await context.store();
  const record = await store.resolve(reference);
  const plan = planCapture({ ...options, urls: rawUrls }, record, {
    interactive: context.interactive,
    home: context.locations.home,
    defaultProves: storedDefaultProves,
    captureDevice: context.config.captureDevice.value,
  });
  // link-local and cloud metadata addresses are refused before any connection (after DNS resolution)
  const { checkCaptureTarget } = await import('../../evidence/capture/network-guard.js');
  const loginStart = plan.method.type === 'login' && rawUrls.length > 0 ? plan.method.startUrl : undefined;
  for (const url of [...plan.urls, ...(loginStart ? [loginStart] : [])]) await checkCaptureTarget(url);
  const cookies = plan.cookiesFile !== undefined ? await readCookies(plan.cookiesFile) : undefined;
  const method = await methodFor(context, plan, early);

  const caseDir = store.caseDir(record.id);
  // Each capture gets its pending item (and its captioned copy, for the id it will most likely get) as
  // soon as it is staged, so the image work overlaps the next page and the browser's shutdown.
  const caption = captionText(context);
  const expectedIds = record.evidence.map((item) => item.id);
  const prepared = new Map<StagedCapture, { pending: PendingCapture; ready: Promise<void> }>();
  const onStaged = (entry: StagedCapture, captureContext: CaptureContext) => {
    const pending = pendingCapture(entry.staging, entry.capture, captureContext, { ...plan.decisions, naming: context.documentT }, caption);
    const expected = nextId(expectedIds, 'E');
    expectedIds.push(expected);
    const ready = pending.prepare(expected, record);
    ready.catch(() => undefined);
    prepared.set(entry, { pending, ready });
  };
  let result: CaptureRun;
  // On a terminal a spinner says what happens to each page: loading, scrolling, saving (started at the first
  // page, after any login prompt). Elsewhere only the final messages; --verbose adds a line per page.
  let spinner: ReturnType<typeof out.progress>;
  let position = 0;
  const total = Math.max(plan.urls.length, 1);
  const onStart = (url: string) => {
    position += 1;
    if (context.verbose && !out.terminal) out.info(t('capture.progress', { url }));
  };
  const onStep = (url: string, step: CaptureStep) => {
    const text = t(`capture.step.${step}`, { url, position: total > 1 ? `[${position}/${total}] ` : '' });
    if (spinner) spinner.update(text);
    else spinner = out.progress(text);
  };
  try {
    result = await runCaptures({
      onStaged,
      caseDir,
      urls: plan.urls,
      method,
      ...(cookies ? { cookies } : {}),
      timeoutMs: plan.timeoutMs,
      ...(plan.device !== 'desktop' ? { emulation: emulationFor(plan.device)! } : {}),
      signal: interrupt.signal,
      ...(early && method.type === 'headless' ? { session: early.session } : {}),
      onStart,
      onStep,
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
    // without sharp the pages are kept all the same (screenshot, snapshot, sidecar), only the captioned copy is not made
    if (staged.length > 0 && !(await canCaption())) out.warn(t('capture.noCaptionedCopy', { command: installCommand('sharp') }));

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
    out.result({ case: record.id, items }, () => filedTable(context, items));
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
