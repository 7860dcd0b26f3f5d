/** The snapshot step of a capture: Chrome's MHTML of the page, as it is now. */
import type { Page } from 'puppeteer-core';

/** The page as Chrome's MHTML (one file: the document and its resources). */
export async function snapshotMhtml(page: Page): Promise<string> {
  const session = await page.createCDPSession();
  try {
    const { data } = (await session.send('Page.captureSnapshot', { format: 'mhtml' })) as { data: string };
    return data;
  } finally {
    await session.detach().catch(() => undefined);
  }
}

/**
 * Start the snapshot (it is taken while the screenshot is encoded). It never fails: a failed snapshot is a
 * warning, and never costs the screenshot.
 */
export function startSnapshot(page: Page): Promise<{ mhtml?: string; warning?: { code: 'mhtml-failed'; detail?: string } }> {
  return snapshotMhtml(page).then(
    (mhtml) => ({ mhtml }),
    (error: unknown) => ({ warning: { code: 'mhtml-failed', detail: (error as Error).message.split('\n')[0] } }),
  );
}
