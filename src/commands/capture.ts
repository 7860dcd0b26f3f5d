import type { Context } from '../context.js';
import { Cancelled } from '../errors.js';
import { DEFAULT_TIME_ZONE, toZonedIso } from '../core/time.js';
import { chosenBrowser, findBrowser } from '../evidence/capture/browser-discovery.js';
import type { EarlyBrowser } from './capture/flow.js';
import { type CaptureOptions, timeoutMsOf } from './capture/plan.js';
import { interruptible } from '../evidence/capture/interrupt.js';
import { launchBrowser } from '../evidence/capture/launch.js';

/**
 * `weiquan capture`. The browser's start is the slow part of a capture, so for the common case (headless,
 * URLs given) the browser is started first, and the rest of the capture code, the case and the cookies
 * are loaded while it starts. Anything that then fails closes it again; nothing is written before.
 */
export async function run(context: Context, reference: string, rawUrls: string[], options: CaptureOptions): Promise<void> {
  // from here on Ctrl-C closes the browser and leaves the case as it was
  const interrupt = interruptible();
  let early: EarlyBrowser | undefined;
  const abandon = new AbortController();
  const plainHeadless = rawUrls.length > 0 && rawUrls.every((url) => /^https?:\/\//i.test(url.trim())) && !options.login && options.connect === undefined && options.again === undefined;
  const timeoutMs = timeoutMsOf(options.timeout);
  if (plainHeadless && timeoutMs !== undefined) {
    const browser = await findBrowser({ ...chosenBrowser(context.config.browser), env: context.env });
    const session = launchBrowser({
      executablePath: browser.executablePath,
      signal: abandon.signal,
      timeoutMs,
      // first use of the image library and of time-zone formatting costs ~80 ms: pay it while the browser starts
      whileStarting: () => {
        import('../evidence/capture/caption.js').then((caption) => caption.warmUpCaptions(), () => undefined);
        toZonedIso(context.now(), DEFAULT_TIME_ZONE);
      },
    });
    session.catch(() => undefined);
    interrupt.signal.addEventListener('abort', () => {
      abandon.abort();
      void session.then((started) => started.close(), () => undefined);
    }, { once: true });
    early = { executablePath: browser.executablePath, session };
  }
  try {
    const { captureAndFile } = await import('./capture/flow.js');
    if (interrupt.signal.aborted) throw new Cancelled();
    await captureAndFile(context, reference, rawUrls, options, early, interrupt);
    await (await import('../stamp/auto-stamp.js')).autoStampAfterIntake(context, reference);
  } catch (error) {
    // the early browser is closed by the capture run once it took it over; before that, here (a browser
    // still starting is killed rather than waited for)
    abandon.abort();
    if (early) await early.session.then((session) => session.close(), () => undefined);
    throw interrupt.signal.aborted ? new Cancelled() : error;
  } finally {
    interrupt.dispose();
  }
}
