import type { CDPSession, Page } from 'puppeteer-core';
import type { UsageError } from '../../errors.js';
import { checkCaptureTarget, type Resolve } from './network-guard.js';

/** What the guard saw: the refusal of a main-frame navigation (the capture then fails with it, exit 2). */
export type NavigationGuard = {
  /** the first main-frame navigation refused, if any */
  refused(): UsageError | undefined;
  /** stop checking (the page may go on being used) */
  stop(): Promise<void>;
};

type RequestPaused = { requestId: string; request: { url: string }; frameId: string; resourceType: string };

/**
 * Check every document request of a page before the browser connects: the first load, each server redirect
 * (each hop is paused again) and any later navigation by the page's scripts. A request whose host is a
 * metadata name or resolves to a link-local address is failed in the browser without a connection; one of
 * the main frame is remembered, so the capture fails with it. Only documents are paused (the browser's
 * Fetch domain filters by resource type): images, scripts and styles go on without a round trip.
 */
export async function guardNavigations(page: Page, resolve?: Resolve): Promise<NavigationGuard> {
  const session: CDPSession = await page.createCDPSession();
  let refusal: UsageError | undefined;
  const { frameTree } = (await session.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
  const mainFrame = frameTree.frame.id;
  const onPaused = (event: RequestPaused) => {
    void checkCaptureTarget(event.request.url, resolve).then(
      () => session.send('Fetch.continueRequest', { requestId: event.requestId }),
      (error: unknown) => {
        if (event.frameId === mainFrame && refusal === undefined) refusal = error as UsageError;
        return session.send('Fetch.failRequest', { requestId: event.requestId, errorReason: 'BlockedByClient' });
      },
    ).catch(() => undefined); // the page or the session went away meanwhile: nothing left to answer
  };
  session.on('Fetch.requestPaused', onPaused);
  await session.send('Fetch.enable', { patterns: [{ urlPattern: '*', resourceType: 'Document', requestStage: 'Request' }] });
  return {
    refused: () => refusal,
    async stop() {
      session.off('Fetch.requestPaused', onPaused);
      await session.send('Fetch.disable').catch(() => undefined);
      await session.detach().catch(() => undefined);
    },
  };
}
