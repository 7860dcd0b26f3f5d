import type { Browser, Page } from 'puppeteer-core';
import { chooseLinks, type PageRole, type ReadPage } from '../../core/site-inspection.js';
import { loadAndCapture, type PageCapture } from './capture-page.js';

/** The page's own text and links, read in the page (typed here: the project compiles without the DOM library). */
type InPageAnchor = { href: string; innerText?: string; textContent: string | null; title?: string; getAttribute(name: string): string | null };
declare const document: {
  title: string;
  body: { innerText: string } | null;
  querySelectorAll(selector: string): ArrayLike<InPageAnchor>;
};

export type SiteVisit = { role: PageRole; capture: PageCapture; page: ReadPage };
export type FailedVisit = { url: string; role: PageRole; error: unknown };
export type SiteRead = { visits: SiteVisit[]; failed: FailedVisit[] };

/** How many characters of a page's text are kept for reading (a long agreement is still read whole). */
const TEXT_LIMIT = 200_000;
const LINK_LIMIT = 2_000;

async function readText(page: Page): Promise<{ title: string; text: string; links: { text: string; href: string }[] }> {
  return page.evaluate(
    (textLimit: number, linkLimit: number) => {
      const anchors = Array.from(document.querySelectorAll('a[href]')).slice(0, linkLimit);
      return {
        title: document.title,
        text: (document.body?.innerText ?? '').slice(0, textLimit),
        links: anchors.map((anchor) => ({
          text: (anchor.innerText || anchor.textContent || anchor.title || anchor.getAttribute('aria-label') || '').trim(),
          href: anchor.href,
        })),
      };
    },
    TEXT_LIMIT,
    LINK_LIMIT,
  );
}

/**
 * Read a platform's home page and at most `maxLinks` same-site pages its links name (licence, agreements,
 * "about us"), each loaded once and captured as `capture` would (screenshot, MHTML, facts), so that the
 * same visit can be filed as evidence. A failing home page fails the read; a failing linked page is reported.
 */
export async function readSite(
  browser: Browser,
  homeUrl: string,
  options: { timeoutMs: number; maxLinks: number; signal?: AbortSignal; onStart?: (url: string) => void },
): Promise<SiteRead> {
  const visits: SiteVisit[] = [];
  const failed: FailedVisit[] = [];
  const captureOptions = { timeoutMs: options.timeoutMs, ...(options.signal ? { signal: options.signal } : {}) };
  const open = async (url: string, role: PageRole, linkText?: string): Promise<SiteVisit> => {
    options.onStart?.(url);
    // a tab of its own each time: the browser's first blank tab stays open, so closing this one never ends the browser
    const tab = await browser.newPage();
    try {
      const capture = await loadAndCapture(browser, tab, url, captureOptions);
      const read = await readText(tab);
      const page: ReadPage = { url: capture.finalUrl, title: read.title.trim(), text: read.text, links: read.links, role, ...(linkText ? { linkText } : {}) };
      return { role, capture, page };
    } finally {
      await tab.close().catch(() => undefined);
    }
  };
  const home = await open(homeUrl, 'home');
  visits.push(home);
  const seen = new Set([home.capture.finalUrl, homeUrl]);
  for (const link of chooseLinks(home.page, options.maxLinks)) {
    if (seen.has(link.url)) continue;
    seen.add(link.url);
    try {
      const visit = await open(link.url, link.role, link.text);
      visits.push(visit);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      failed.push({ url: link.url, role: link.role, error });
    }
  }
  return { visits, failed };
}
