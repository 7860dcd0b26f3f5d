/** The facts step of a capture: what the loaded page says about itself, and who the browser is. */
import type { Browser, Page } from 'puppeteer-core';
import type { InPageDocument, InPagePerformance, InPageWindow } from './in-page-globals.js';

// Globals of the page, for the functions that page.evaluate() runs there (module-scoped, see in-page-globals).
declare const document: InPageDocument;
declare const window: InPageWindow;
declare const location: { href: string };
declare const performance: InPagePerformance;

const identities = new WeakMap<Browser, Promise<[string, string]>>();

/** User agent and version of a browser, asked once per session (in parallel with the first page load). */
export function browserIdentity(browser: Browser): Promise<[string, string]> {
  let identity = identities.get(browser);
  if (!identity) {
    identity = Promise.all([browser.userAgent(), browser.version()]);
    identity.catch(() => undefined);
    identities.set(browser, identity);
  }
  return identity;
}

export type PageFacts = {
  title: string;
  url: string;
  width: number;
  height: number;
  viewport: { width: number; height: number; deviceScaleFactor: number };
  hasPasswordField: boolean;
  navigationStatus: number;
};

export function readPageFacts(page: Page): Promise<PageFacts> {
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

