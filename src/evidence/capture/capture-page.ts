import type { Browser, HTTPResponse, Page } from 'puppeteer-core';
import { EnvironmentError, UsageError } from '../../errors.js';
import type { InPageDocument, InPagePerformance, InPageWindow } from './in-page-globals.js';
import { detectLoginWall, type LoginWall } from './login-wall.js';
import { guardNavigations } from './navigation-guard.js';
import { type DeviceEmulation, type Emulation, emulationRecord } from './devices.js';

// Globals of the page, for the functions that page.evaluate() runs there (module-scoped, see in-page-globals).
declare const document: InPageDocument;
declare const window: InPageWindow;
declare const location: { href: string };
declare const performance: InPagePerformance;

export type RedirectHop = { url: string; status?: number };

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

export type CaptureOptions = { timeoutMs: number; signal?: AbortSignal; emulation?: DeviceEmulation };

const UNREACHABLE = /ERR_(NAME_NOT_RESOLVED|CONNECTION_REFUSED|CONNECTION_RESET|CONNECTION_CLOSED|CONNECTION_TIMED_OUT|ADDRESS_UNREACHABLE|INTERNET_DISCONNECTED|NAME_RESOLUTION_FAILED|NETWORK_CHANGED|EMPTY_RESPONSE|SSL_PROTOCOL_ERROR|CERT_[A-Z_]+)/;
const LAZY_SCROLL_STEP_MS = 80;
const LAZY_SCROLL_MAX_STEPS = 60;
const SETTLE_LIMIT_MS = 3_000;

/** Width and height from a PNG's IHDR chunk (bytes 16–23), without decoding the image. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.length < 24 || png.readUInt32BE(12) !== 0x49484452) return { width: 0, height: 0 };
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const identities = new WeakMap<Browser, Promise<[string, string]>>();

/** User agent and version of a browser, asked once per session (in parallel with the first page load). */
function browserIdentity(browser: Browser): Promise<[string, string]> {
  let identity = identities.get(browser);
  if (!identity) {
    identity = Promise.all([browser.userAgent(), browser.version()]);
    identity.catch(() => undefined);
    identities.set(browser, identity);
  }
  return identity;
}

function crashWatch(page: Page): { crashed: Promise<never>; stop: () => void } {
  let onError: (error: Error) => void = () => undefined;
  const crashed = new Promise<never>((_, reject) => {
    onError = (error: Error) => reject(new EnvironmentError('capture.crashed', { url: page.url(), message: error.message }));
  });
  crashed.catch(() => undefined);
  page.on('error', onError);
  return { crashed, stop: () => page.off('error', onError) };
}

function abortable(signal: AbortSignal | undefined): Promise<never> {
  return new Promise<never>((_, reject) => {
    if (!signal) return;
    const fail = () => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}

function translateNavigationError(error: unknown, url: string, timeoutMs: number): Error {
  if (error instanceof EnvironmentError || error instanceof UsageError) return error;
  const err = error as Error;
  const message = err?.message ?? String(error);
  if (err?.name === 'TimeoutError' || /timeout/i.test(message)) {
    return new EnvironmentError('capture.timeout', { url, seconds: Math.round(timeoutMs / 1000) }, 'capture.hint.timeout');
  }
  const net = /net::(ERR_[A-Z_]+)/.exec(message);
  if (net && UNREACHABLE.test(net[1]!)) return new EnvironmentError('capture.unreachable', { url, reason: net[1]! }, 'capture.hint.unreachable');
  if (net) return new EnvironmentError('capture.navigationFailed', { url, reason: net[1]! });
  if (/crash|Target closed|detached|Session closed/i.test(message)) return new EnvironmentError('capture.crashed', { url, message });
  return new EnvironmentError('capture.navigationFailed', { url, reason: message.split('\n')[0] ?? message });
}

function chainOf(response: HTTPResponse | null): RedirectHop[] {
  if (!response) return [];
  const hops: RedirectHop[] = response
    .request()
    .redirectChain()
    .map((request) => {
      const status = request.response()?.status();
      return status === undefined ? { url: request.url() } : { url: request.url(), status };
    });
  hops.push({ url: response.url(), status: response.status() });
  return hops;
}

/**
 * Make the page complete before it is captured: scroll through it so lazy images and "load more on scroll"
 * content appear (then back to the top), and wait, bounded, for images and web fonts. One round trip for
 * a page that fits the viewport; a scrolled page also gets a quiet network and a second wait.
 */
async function completePage(page: Page): Promise<{ scrolled: boolean; settled: boolean }> {
  const prepare = (scroll: boolean) =>
    page.evaluate(
      async (shouldScroll: boolean, stepMs: number, maxSteps: number, limitMs: number) => {
        const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
        const height = () => Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0);
        const viewport = window.innerHeight || 800;
        let scrolled = false;
        if (shouldScroll && height() > viewport) {
          let y = 0;
          for (let step = 0; step < maxSteps && y + viewport < height(); step += 1) {
            y += viewport;
            window.scrollTo(0, y);
            await sleep(stepMs);
          }
          window.scrollTo(0, 0);
          scrolled = true;
        }
        const pending = Array.from(document.images)
          .filter((image) => !image.complete)
          .map(
            (image) =>
              new Promise((resolve) => {
                image.addEventListener('load', resolve, { once: true });
                image.addEventListener('error', resolve, { once: true });
              }),
          );
        const all = Promise.all([document.fonts ? document.fonts.ready : Promise.resolve(), ...pending]).then(() => true);
        const limit = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), limitMs));
        return { scrolled, settled: await Promise.race([all, limit]) };
      },
      scroll,
      LAZY_SCROLL_STEP_MS,
      LAZY_SCROLL_MAX_STEPS,
      SETTLE_LIMIT_MS,
    );
  const first = await prepare(true);
  if (!first.scrolled) return first;
  await page.waitForNetworkIdle({ idleTime: 150, timeout: SETTLE_LIMIT_MS }).catch(() => undefined);
  const second = await prepare(false).catch(() => ({ scrolled: false, settled: false }));
  return { scrolled: true, settled: second.settled };
}

type PageFacts = {
  title: string;
  url: string;
  width: number;
  height: number;
  viewport: { width: number; height: number; deviceScaleFactor: number };
  hasPasswordField: boolean;
  navigationStatus: number;
};

function readPageFacts(page: Page): Promise<PageFacts> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const passwordVisible = Array.from(document.querySelectorAll('input[type="password"]')).some((input) => input.getClientRects().length > 0);
    const navigation = performance.getEntriesByType('navigation')[0];
    return {
      title: document.title,
      url: location.href,
      width: Math.max(root.scrollWidth, document.body ? document.body.scrollWidth : 0),
      height: Math.max(root.scrollHeight, document.body ? document.body.scrollHeight : 0),
      viewport: { width: window.innerWidth, height: window.innerHeight, deviceScaleFactor: window.devicePixelRatio },
      hasPasswordField: passwordVisible,
      navigationStatus: navigation?.responseStatus ?? 0,
    };
  });
}

async function snapshotMhtml(page: Page): Promise<string> {
  const session = await page.createCDPSession();
  try {
    const { data } = (await session.send('Page.captureSnapshot', { format: 'mhtml' })) as { data: string };
    return data;
  } finally {
    await session.detach().catch(() => undefined);
  }
}

/** Chrome's own error page ("This page isn't working", an empty-bodied 404 …) is not a page of the site. */
export function isBrowserErrorPage(url: string): boolean {
  return /^chrome-error:/i.test(url.trim());
}

function errorPageFailure(url: string, status: number | undefined): EnvironmentError {
  return new EnvironmentError('capture.errorPage', { url, reason: status !== undefined ? `HTTP ${status}` : 'chrome-error://' }, 'capture.hint.errorPage');
}

async function captureLoadedPage(browser: Browser, page: Page, startedAt: Date, navigation: { requestedUrl?: string; chain: RedirectHop[]; status?: number }): Promise<PageCapture> {
  const warnings: PageCapture['warnings'] = [];
  const shownUrl = navigation.requestedUrl ?? page.url();
  if (isBrowserErrorPage(page.url())) throw errorPageFailure(shownUrl, navigation.status);
  const completed = await completePage(page);
  if (!completed.settled) warnings.push({ code: 'lazy-content-timeout' });
  const facts = await readPageFacts(page);
  if (isBrowserErrorPage(facts.url)) throw errorPageFailure(shownUrl, navigation.status);
  // the snapshot is taken while the screenshot is encoded; a failed snapshot never costs the screenshot
  const snapshot = snapshotMhtml(page).then(
    (data) => ({ data }),
    (error: unknown) => ({ error: error as Error }),
  );
  const screenshot = Buffer.from(await page.screenshot({ type: 'png', fullPage: true, captureBeyondViewport: true }));
  const screenshotSize = pngSize(screenshot);
  if (screenshotSize.height + 2 < Math.round(facts.height * facts.viewport.deviceScaleFactor)) {
    warnings.push({ code: 'screenshot-short', detail: `${screenshotSize.height}/${facts.height}` });
  }
  const snapshotResult = await snapshot;
  const mhtml = 'data' in snapshotResult ? snapshotResult.data : undefined;
  if ('error' in snapshotResult) warnings.push({ code: 'mhtml-failed', detail: snapshotResult.error.message.split('\n')[0] });
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

async function guarded<T>(page: Page, options: CaptureOptions, url: string, work: () => Promise<T>): Promise<T> {
  const watch = crashWatch(page);
  let timer: NodeJS.Timeout | undefined;
  // the whole capture gets the navigation budget plus room for scrolling, screenshot and snapshot
  const overall = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new EnvironmentError('capture.timeout', { url, seconds: Math.round(options.timeoutMs / 1000) }, 'capture.hint.timeout')), options.timeoutMs + 30_000);
  });
  try {
    return await Promise.race([work(), watch.crashed, abortable(options.signal), overall]);
  } catch (error) {
    throw translateNavigationError(error, url, options.timeoutMs);
  } finally {
    clearTimeout(timer);
    watch.stop();
  }
}

/** Load `url` in `page` once and capture it: screenshot, MHTML and the facts for the sidecar. */
export async function loadAndCapture(browser: Browser, page: Page, url: string, options: CaptureOptions): Promise<PageCapture> {
  const startedAt = new Date();
  void browserIdentity(browser);
  return guarded(page, options, url, async () => {
    // every navigation of the page (the URL, each redirect, a script's) is checked before it connects
    const guard = await guardNavigations(page);
    try {
      // viewport, scale, touch and user agent of the device, before the page is requested
      if (options.emulation) await page.emulate(options.emulation.descriptor);
      const response = await page.goto(url, { waitUntil: 'load', timeout: options.timeoutMs });
      const status = response?.status();
      const loaded = await captureLoadedPage(browser, page, startedAt, { requestedUrl: url, chain: chainOf(response), ...(status !== undefined ? { status } : {}) });
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
  return guarded(page, options, page.url(), () => captureLoadedPage(browser, page, startedAt, { chain: [] }));
}
