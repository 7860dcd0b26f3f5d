import type { Browser, LaunchOptions } from 'puppeteer-core';
import { EnvironmentError } from '../../errors.js';

/** The viewport every headless capture uses, recorded in the sidecar. */
export const CAPTURE_VIEWPORT = { width: 1280, height: 800, deviceScaleFactor: 1 } as const;

/** Flags that keep a headless browser quiet, fast and free of first-run screens; no-sandbox only as root. */
export function browserArgs(options: { headless: boolean; runningAsRoot: boolean }): string[] {
  const args = [
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--disable-extensions',
    '--mute-audio',
    '--hide-scrollbars',
  ];
  if (options.headless) args.push('--disable-gpu');
  // Chromium refuses to run as root with its sandbox (containers, CI images).
  if (options.runningAsRoot) args.push('--no-sandbox');
  return args;
}

export type BrowserSession = {
  browser: Browser;
  mode: 'headless' | 'login' | 'connect';
  /** close a browser we started, or only detach from one we attached to */
  close(): Promise<void>;
};

function runningAsRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Start a browser: headless on a throw-away profile, or visible on a persistent profile for --login. */
export async function launchBrowser(options: { executablePath: string; visible?: boolean; userDataDir?: string; timeoutMs: number }): Promise<BrowserSession> {
  const { default: puppeteer } = await import('puppeteer-core');
  const headless = !options.visible;
  const launchOptions: LaunchOptions = {
    executablePath: options.executablePath,
    headless,
    args: browserArgs({ headless, runningAsRoot: runningAsRoot() }),
    defaultViewport: headless ? { ...CAPTURE_VIEWPORT } : null,
    // Ctrl-C is ours to handle: the command closes the browser and leaves the case untouched
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    timeout: Math.max(options.timeoutMs, 10_000),
    ...(options.userDataDir ? { userDataDir: options.userDataDir } : {}),
  };
  let browser: Browser;
  try {
    browser = await puppeteer.launch(launchOptions);
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? String(error);
    if (options.userDataDir && /ProcessSingleton|profile.*in use|SingletonLock/i.test((error as Error).message)) {
      throw new EnvironmentError('capture.profileInUse', { dir: options.userDataDir });
    }
    throw new EnvironmentError('capture.launchFailed', { path: options.executablePath, message }, 'capture.hint.installBrowser');
  }
  return {
    browser,
    mode: options.visible ? 'login' : 'headless',
    close: async () => {
      await browser.close().catch(() => browser.process()?.kill('SIGKILL'));
    },
  };
}

/** Attach to a running browser's DevTools endpoint (http://127.0.0.1:9222 or a ws:// URL). */
export async function connectBrowser(endpoint: string): Promise<BrowserSession> {
  const { default: puppeteer } = await import('puppeteer-core');
  let browser: Browser;
  try {
    browser = /^wss?:\/\//i.test(endpoint)
      ? await puppeteer.connect({ browserWSEndpoint: endpoint, defaultViewport: null })
      : await puppeteer.connect({ browserURL: endpoint, defaultViewport: null });
  } catch (error) {
    throw new EnvironmentError('capture.connectFailed', { endpoint, message: (error as Error).message.split('\n')[0] ?? '' }, 'capture.hint.connect');
  }
  return {
    browser,
    mode: 'connect',
    close: async () => {
      await browser.disconnect().catch(() => undefined);
    },
  };
}
