/**
 * One page capture, as the pipeline of small steps in the files beside this one, each failing on its own:
 * load (load-page: request, redirects, lazy content) → facts (page-facts) → screenshot → snapshot (taken while
 * the screenshot is encoded; a failed snapshot is only a warning). page-guard puts the time limit, Ctrl-C and
 * crash handling around the whole; navigation-guard checks every navigation before it connects.
 */
import type { Browser, Page } from 'puppeteer-core';
import { type DeviceEmulation, type Emulation, emulationRecord } from './devices.js';
import { completePage, errorPageFailure, isBrowserErrorPage, loadPage, type Navigation, type RedirectHop } from './load-page.js';
import { detectLoginWall, type LoginWall } from './login-wall.js';
import { guardNavigations } from './navigation-guard.js';
import { guarded } from './page-guard.js';
import { browserIdentity, readPageFacts } from './page-facts.js';
import { takeScreenshot } from './screenshot.js';
import { startSnapshot } from './snapshot.js';

export { isBrowserErrorPage, type RedirectHop } from './load-page.js';
export { pngSize } from './screenshot.js';

/** Everything one page load yields, before any of it is written into a case. */
export type PageCapture = {
  requestedUrl?: string;
  finalUrl: string;
  redirectChain: RedirectHop[];
  httpStatus?: number;
  title: string;
  startedAt: Date;
  endedAt: Date;
  viewport: { width: number; height: number; deviceScaleFactor: number };
  pageSize: { width: number; height: number };
  screenshot: Buffer;
  screenshotSize: { width: number; height: number };
  /** undefined when the snapshot failed (see warnings): the screenshot is still good */
  mhtml?: string;
  userAgent: string;
  browserVersion: string;
  loginWall?: LoginWall;
  /** the device emulated (capture --device phone); absent for the desktop window */
  emulation?: Emulation;
  /** codes: http-status, mhtml-failed, screenshot-short, lazy-content-timeout */
  warnings: Array<{ code: string; detail?: string }>;
};

/** The steps a person watching is told about: loading the page, scrolling it for lazy content, saving it. */
export type CaptureStep = 'loading' | 'scrolling' | 'saving';

export type CaptureOptions = { timeoutMs: number; signal?: AbortSignal; emulation?: DeviceEmulation; onStep?: (step: CaptureStep) => void };

async function captureLoadedPage(browser: Browser, page: Page, startedAt: Date, navigation: Navigation, onStep?: (step: CaptureStep) => void): Promise<PageCapture> {
  const warnings: PageCapture['warnings'] = [];
  const shownUrl = navigation.requestedUrl ?? page.url();
  if (isBrowserErrorPage(page.url())) throw errorPageFailure(shownUrl, navigation.status);
  onStep?.('scrolling');
  const completed = await completePage(page);
  if (!completed.settled) warnings.push({ code: 'lazy-content-timeout' });
  const facts = await readPageFacts(page);
  if (isBrowserErrorPage(facts.url)) throw errorPageFailure(shownUrl, navigation.status);
  onStep?.('saving');
  const snapshot = startSnapshot(page);
  const { screenshot, screenshotSize, warning: shortScreenshot } = await takeScreenshot(page, facts);
  if (shortScreenshot) warnings.push(shortScreenshot);
  const { mhtml, warning: snapshotFailed } = await snapshot;
  if (snapshotFailed) warnings.push(snapshotFailed);
  const status = navigation.status ?? (facts.navigationStatus > 0 ? facts.navigationStatus : undefined);
  if (status !== undefined && (status < 200 || status > 299)) warnings.push({ code: 'http-status', detail: String(status) });
  const loginWall = detectLoginWall({ ...(navigation.requestedUrl ? { requestedUrl: navigation.requestedUrl } : {}), finalUrl: facts.url, hasPasswordField: facts.hasPasswordField });
  const [userAgent, browserVersion] = await browserIdentity(browser);
  return {
    ...(navigation.requestedUrl ? { requestedUrl: navigation.requestedUrl } : {}),
    finalUrl: facts.url,
    redirectChain: navigation.chain.length > 0 ? navigation.chain : [{ url: facts.url, ...(status !== undefined ? { status } : {}) }],
    ...(status !== undefined ? { httpStatus: status } : {}),
    title: facts.title.trim(),
    startedAt,
    endedAt: new Date(),
    viewport: facts.viewport,
    pageSize: { width: facts.width, height: facts.height },
    screenshot,
    screenshotSize,
    ...(mhtml !== undefined ? { mhtml } : {}),
    userAgent,
    browserVersion,
    ...(loginWall ? { loginWall } : {}),
    warnings,
  };
}

/** Load `url` in `page` once and capture it: screenshot, MHTML and the facts for the sidecar. */
export async function loadAndCapture(browser: Browser, page: Page, url: string, options: CaptureOptions): Promise<PageCapture> {
  const startedAt = new Date();
  void browserIdentity(browser);
  return guarded(page, options, url, async () => {
    // every navigation of the page (the URL, each redirect, a script's) is checked before it connects
    const guard = await guardNavigations(page);
    try {
      options.onStep?.('loading');
      const navigation = await loadPage(page, url, options);
      const loaded = await captureLoadedPage(browser, page, startedAt, navigation, options.onStep);
      // the user agent the page saw is the device's
      const capture: PageCapture = options.emulation ? { ...loaded, userAgent: options.emulation.userAgent, emulation: emulationRecord(options.emulation) } : loaded;
      const refused = guard.refused();
      if (refused) throw refused;
      return capture;
    } catch (error) {
      throw guard.refused() ?? error;
    } finally {
      await guard.stop();
    }
  });
}

/** Capture the page as it is now (after --login or in an attached browser), without loading it again. */
export async function captureCurrentPage(browser: Browser, page: Page, options: CaptureOptions): Promise<PageCapture> {
  const startedAt = new Date();
  return guarded(page, options, page.url(), () => captureLoadedPage(browser, page, startedAt, { chain: [] }, options.onStep));
}
