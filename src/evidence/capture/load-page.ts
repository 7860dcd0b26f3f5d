/**
 * The load step of a capture: request the page (after emulating the device, if any), keep its redirect chain,
 * then make it complete — lazy content scrolled into view, images and web fonts waited for (bounded).
 */
import type { HTTPResponse, Page } from 'puppeteer-core';
import { EnvironmentError } from '../../errors.js';
import type { DeviceEmulation } from './devices.js';
import type { InPageDocument, InPageWindow } from './in-page-globals.js';

// Globals of the page, for the functions that page.evaluate() runs there (module-scoped, see in-page-globals).
declare const document: InPageDocument;
declare const window: InPageWindow;

export type RedirectHop = { url: string; status?: number };

/** What loading a page yields besides the page itself: where it was asked for, the hops, the final status. */
export type Navigation = { requestedUrl?: string; chain: RedirectHop[]; status?: number };

const LAZY_SCROLL_STEP_MS = 80;
const LAZY_SCROLL_MAX_STEPS = 60;
const SETTLE_LIMIT_MS = 3_000;

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

/** Load `url` in `page` (as the device, when one is emulated) and wait for its load event. */
export async function loadPage(page: Page, url: string, options: { timeoutMs: number; emulation?: DeviceEmulation }): Promise<Navigation> {
  // viewport, scale, touch and user agent of the device, before the page is requested
  if (options.emulation) await page.emulate(options.emulation.descriptor);
  const response = await page.goto(url, { waitUntil: 'load', timeout: options.timeoutMs });
  const status = response?.status();
  return { requestedUrl: url, chain: chainOf(response), ...(status !== undefined ? { status } : {}) };
}

/**
 * Make the page complete before it is captured: scroll through it so lazy images and "load more on scroll"
 * content appear (then back to the top), and wait, bounded, for images and web fonts. One round trip for
 * a page that fits the viewport; a scrolled page also gets a quiet network and a second wait.
 */
export async function completePage(page: Page): Promise<{ scrolled: boolean; settled: boolean }> {
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

/** Chrome's own error page ("This page isn't working", an empty-bodied 404 …) is not a page of the site. */
export function isBrowserErrorPage(url: string): boolean {
  return /^chrome-error:/i.test(url.trim());
}

export function errorPageFailure(url: string, status: number | undefined): EnvironmentError {
  return new EnvironmentError('capture.errorPage', { url, reason: status !== undefined ? `HTTP ${status}` : 'chrome-error://' }, 'capture.hint.errorPage');
}

