import type { Browser, Page } from 'puppeteer-core';
import { UsageError } from '../../errors.js';
import type { InPageDocument } from './in-page-globals.js';
import type { Staging } from '../staging.js';
import type { CaptureContext } from './capture-evidence.js';
import { stageCapture } from './capture-evidence.js';
import { captureCurrentPage, type CaptureStep, loadAndCapture, type PageCapture } from './capture-page.js';
import type { DeviceEmulation } from './devices.js';
import type { BrowserCookie } from './cookies.js';
import { type BrowserSession, connectBrowser, launchBrowser } from './launch.js';

// the page's document, for the function page.evaluate() runs there
declare const document: InPageDocument;

export type CaptureMethod =
  | { type: 'headless'; executablePath: string }
  | { type: 'login'; executablePath: string; profileDir: string; startUrl?: string; waitForUser: (signal: AbortSignal | undefined) => Promise<void> }
  | { type: 'connect'; endpoint: string };

export type CaptureJob = {
  caseDir: string;
  /** pages to load; empty with login/connect means "the page the user has open" */
  urls: string[];
  method: CaptureMethod;
  cookies?: { file: string; list: BrowserCookie[] };
  timeoutMs: number;
  /** a device to emulate for the pages loaded (absent: the desktop window) */
  emulation?: DeviceEmulation;
  signal?: AbortSignal;
  onStart?: (url: string) => void;
  /** each step of a page (loading, scrolling, saving), for a progress line */
  onStep?: (url: string, step: CaptureStep) => void;
  /** each capture as soon as it is staged (e.g. to render its caption while the browser works on) */
  onStaged?: (entry: StagedCapture, context: CaptureContext) => void;
  /** a headless browser already starting (the command starts it before loading the rest) */
  session?: Promise<BrowserSession>;
  /** work to do while the browser starts (the process is otherwise idle then) */
  whileStarting?: () => void;
};

export type StagedCapture = { url: string; capture: PageCapture; staging: Staging };
export type FailedCapture = { url: string; error: unknown };
export type CaptureRun = {
  staged: StagedCapture[];
  failed: FailedCapture[];
  context: CaptureContext;
  /** the browser closes in the background while the captures are filed; await before exiting */
  closed: Promise<void>;
};

async function openSession(method: CaptureMethod, timeoutMs: number, whileStarting?: () => void): Promise<BrowserSession> {
  if (method.type === 'connect') return connectBrowser(method.endpoint);
  const warm = whileStarting ? { whileStarting } : {};
  if (method.type === 'login') return launchBrowser({ executablePath: method.executablePath, visible: true, userDataDir: method.profileDir, timeoutMs, ...warm });
  return launchBrowser({ executablePath: method.executablePath, timeoutMs, ...warm });
}

/** The tab the user is looking at: a visible one, the most recently opened first. */
async function currentPage(browser: Browser): Promise<Page | undefined> {
  const pages = (await browser.pages()).filter((page) => /^https?:/i.test(page.url()));
  for (const page of [...pages].reverse()) {
    const visible = await page.evaluate(() => document.visibilityState === 'visible').catch(() => false);
    if (visible) return page;
  }
  return pages.at(-1);
}

/**
 * Run one browser session for a whole capture call: every URL is loaded once in its own tab, captured,
 * and written to a staging folder of the case. A URL that fails is reported, the others go on. If the
 * run is aborted (Ctrl-C), everything staged is removed and the browser is closed.
 */
export async function runCaptures(job: CaptureJob): Promise<CaptureRun> {
  const staged: StagedCapture[] = [];
  const failed: FailedCapture[] = [];
  const options = { timeoutMs: job.timeoutMs, ...(job.signal ? { signal: job.signal } : {}) };
  const context: CaptureContext = {
    mode: job.method.type,
    ...(job.cookies
      ? { cookies: { file: job.cookies.file, count: job.cookies.list.length, domains: [...new Set(job.cookies.list.map((cookie) => cookie.domain))].sort() } }
      : {}),
  };
  const session = await (job.session ?? openSession(job.method, job.timeoutMs, job.whileStarting));
  const onAbort = () => void session.close();
  job.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (job.cookies) await session.browser.setCookie(...job.cookies.list);
    if (job.method.type === 'login') {
      const [first] = await session.browser.pages();
      const page = first ?? (await session.browser.newPage());
      if (job.method.startUrl) await page.goto(job.method.startUrl, { waitUntil: 'domcontentloaded', timeout: job.timeoutMs }).catch(() => undefined);
      await job.method.waitForUser(job.signal);
    }
    if (job.urls.length === 0) {
      const page = await currentPage(session.browser);
      if (!page) {
        failed.push({ url: '', error: new UsageError('capture.noOpenPage') });
      } else {
        const url = page.url();
        job.onStart?.(url);
        try {
          const capture = await captureCurrentPage(session.browser, page, { ...options, onStep: (step) => job.onStep?.(url, step) });
          staged.push({ url, capture, staging: await stageCapture(job.caseDir, capture) });
          job.onStaged?.(staged.at(-1)!, context);
        } catch (error) {
          if (job.signal?.aborted) throw error;
          failed.push({ url, error });
        }
      }
    }
    // a browser we started opens on one blank tab: the first URL uses it (one tab less to open)
    let blank = job.method.type === 'connect' ? undefined : (await session.browser.pages()).find((page) => page.url() === 'about:blank');
    for (const [index, url] of job.urls.entries()) {
      job.onStart?.(url);
      const page = blank ?? (await session.browser.newPage());
      blank = undefined;
      // tabs in the user's browser are always closed again; in ours the last one goes with the browser
      const closeTab = job.method.type === 'connect' || index < job.urls.length - 1;
      try {
        const capture = await loadAndCapture(session.browser, page, url, { ...options, ...(job.emulation ? { emulation: job.emulation } : {}), onStep: (step) => job.onStep?.(url, step) });
        staged.push({ url, capture, staging: await stageCapture(job.caseDir, capture) });
        job.onStaged?.(staged.at(-1)!, context);
      } catch (error) {
        if (job.signal?.aborted) throw error;
        failed.push({ url, error });
      } finally {
        if (closeTab) await page.close().catch(() => undefined);
      }
    }
  } catch (error) {
    job.signal?.removeEventListener('abort', onAbort);
    for (const entry of staged) await entry.staging.remove();
    await session.close();
    throw error;
  }
  job.signal?.removeEventListener('abort', onAbort);
  return { staged, failed, context, closed: session.close() };
}
