/** The screenshot step of a capture: the whole page as one PNG, checked against the page's height. */
import type { Page } from 'puppeteer-core';
import type { PageFacts } from './page-facts.js';

/** Width and height from a PNG's IHDR chunk (bytes 16–23), without decoding the image. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.length < 24 || png.readUInt32BE(12) !== 0x49484452) return { width: 0, height: 0 };
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

export type Screenshot = { screenshot: Buffer; screenshotSize: { width: number; height: number }; warning?: { code: 'screenshot-short'; detail: string } };

/** A full-page PNG; a warning when it came out shorter than the page (a browser limit on very tall pages). */
export async function takeScreenshot(page: Page, facts: Pick<PageFacts, 'height' | 'viewport'>): Promise<Screenshot> {
  const screenshot = Buffer.from(await page.screenshot({ type: 'png', fullPage: true, captureBeyondViewport: true }));
  const screenshotSize = pngSize(screenshot);
  if (screenshotSize.height + 2 < Math.round(facts.height * facts.viewport.deviceScaleFactor)) {
    return { screenshot, screenshotSize, warning: { code: 'screenshot-short', detail: `${screenshotSize.height}/${facts.height}` } };
  }
  return { screenshot, screenshotSize };
}
