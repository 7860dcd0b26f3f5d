import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { EnvironmentError } from '../../errors.js';
import { ensureDir } from '../../store/file-system.js';

/**
 * puppeteer-core through its CommonJS build: it loads ~40 ms faster than the ESM build, and the load
 * runs while the browser starts. Lazy, so --help never pays for it.
 */
export function loadPuppeteer(): Promise<typeof import('puppeteer-core').default> {
  return new Promise((resolve, reject) => {
    setImmediate(() => {
      try {
        const required = createRequire(import.meta.url)('puppeteer-core') as { default: typeof import('puppeteer-core').default };
        resolve(required.default);
      } catch (error) {
        reject(error as Error);
      }
    });
  });
}

/** The viewport every headless capture uses, recorded in the sidecar. */
export const CAPTURE_VIEWPORT = { width: 1280, height: 800, deviceScaleFactor: 1 } as const;

const DISABLED_FEATURES = [
  'Translate',
  'AcceptCHFrame',
  'MediaRouter',
  'OptimizationHints',
  'ProcessPerSiteUpToMainFrameThreshold',
  'IsolateSandboxedIframes',
  // recent headless Chrome starts the omnibox popup as a WebUI renderer: a process nobody looks at
  'WebUIOmniboxPopup',
  'WebUIOmniboxFullPopup',
  'WebUIOmniboxAimPopup',
];

/** The browser's own WebUI (chrome://… "other" targets) is not ours to attach to: attaching costs time. */
function isBrowserUi(target: { type(): string; url(): string }): boolean {
  return target.type() === 'other' && target.url().startsWith('chrome://');
}

/**
 * Flags that keep the browser quiet, fast and free of first-run screens (the tool-friendly set that
 * puppeteer and chrome-launcher use, minus --enable-automation: captured sites should see an ordinary
 * browser). --no-sandbox only as root, where Chromium refuses to start with its sandbox (containers, CI).
 */
export function browserArgs(options: { headless: boolean; runningAsRoot: boolean }): string[] {
  const args = [
    '--no-first-run',
    '--no-default-browser-check',
    '--allow-pre-commit-input',
    '--disable-background-networking',
    '--disable-background-timer-throttling',
    '--disable-backgrounding-occluded-windows',
    '--disable-breakpad',
    '--disable-client-side-phishing-detection',
    '--disable-component-extensions-with-background-pages',
    '--disable-component-update',
    '--disable-crash-reporter',
    '--disable-default-apps',
    '--disable-dev-shm-usage',
    '--disable-hang-monitor',
    '--disable-ipc-flooding-protection',
    '--disable-popup-blocking',
    '--disable-prompt-on-repost',
    '--disable-renderer-backgrounding',
    '--disable-search-engine-choice-screen',
    '--disable-sync',
    '--force-color-profile=srgb',
    '--metrics-recording-only',
    '--password-store=basic',
    '--use-mock-keychain',
    `--disable-features=${DISABLED_FEATURES.join(',')}`,
  ];
  if (options.headless) args.push('--headless=new', '--hide-scrollbars', '--mute-audio', '--disable-gpu', '--disable-extensions');
  if (options.runningAsRoot) args.push('--no-sandbox');
  return args;
}

export type BrowserSession = {
  browser: Browser;
  mode: 'headless' | 'login' | 'connect';
  /** close a browser we started (and remove its throw-away profile), or only detach from one we attached to */
  close(): Promise<void>;
};

function runningAsRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Wait for "DevTools listening on ws://…" on the browser's stderr. */
function devToolsEndpoint(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    const finish = (error?: Error, endpoint?: string) => {
      clearTimeout(timer);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      child.off('error', onError);
      if (error) reject(error);
      else resolve(endpoint!);
    };
    const onData = (chunk: string) => {
      stderr += chunk;
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(stderr);
      if (match) finish(undefined, match[1]!);
    };
    const onExit = (code: number | null) => finish(Object.assign(new Error(`exited with code ${code}`), { stderr }));
    const onError = (error: Error) => finish(Object.assign(error, { stderr }));
    const timer = setTimeout(() => finish(Object.assign(new Error(`no DevTools endpoint within ${timeoutMs} ms`), { stderr })), timeoutMs);
    child.stderr?.setEncoding('utf8').on('data', onData);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Start a browser: headless on a throw-away profile, or visible on a persistent profile for --login.
 * The browser is spawned first and puppeteer-core is loaded while it starts (the two are the slow parts
 * of a capture), then attached to over its DevTools endpoint.
 */
export async function launchBrowser(options: {
  executablePath: string;
  visible?: boolean;
  userDataDir?: string;
  timeoutMs: number;
  /** work for the otherwise idle wait while the browser starts (warming caches) */
  whileStarting?: () => void;
  /** abandon the start: the browser is killed at once (the launch then fails) */
  signal?: AbortSignal;
}): Promise<BrowserSession> {
  const headless = !options.visible;
  const ownProfile = options.userDataDir === undefined;
  const profile = options.userDataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'weiquan-chrome-')));
  if (!ownProfile) await ensureDir(profile);
  // The browser's helper processes may still write into the profile for a moment after it exits (the
  // network service saves its state on the way out): retry the removal for up to about two seconds.
  const removeProfile = async () => {
    if (!ownProfile) return;
    for (let attempt = 0; attempt < 10; attempt += 1) {
      try {
        await rm(profile, { recursive: true, force: true, maxRetries: 2, retryDelay: 50 });
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  };
  const args = [...browserArgs({ headless, runningAsRoot: runningAsRoot() }), `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'];
  const child = spawn(options.executablePath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const puppeteerLoading = loadPuppeteer();
  puppeteerLoading.catch(() => undefined);
  if (options.whileStarting) setImmediate(options.whileStarting);
  const abandon = () => child.kill('SIGKILL');
  options.signal?.addEventListener('abort', abandon, { once: true });
  let endpoint: string;
  try {
    endpoint = await devToolsEndpoint(child, Math.max(options.timeoutMs, 15_000));
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '');
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited(child, 2_000);
    await removeProfile();
    if (!ownProfile && /ProcessSingleton|profile .*in use|SingletonLock|Opening in existing browser session/i.test(stderr)) {
      throw new EnvironmentError('capture.profileInUse', { dir: profile });
    }
    const detail = stderr.split('\n').find((line) => /error|cannot|failed/i.test(line) && !/dbus/i.test(line)) ?? (error as Error).message;
    throw new EnvironmentError('capture.launchFailed', { path: options.executablePath, message: detail.trim().slice(0, 300) }, 'capture.hint.installBrowser');
  }
  // a crash of weiquan itself must not leave a browser behind
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let browser: Browser;
  try {
    const puppeteer = await puppeteerLoading;
    browser = await puppeteer.connect({ browserWSEndpoint: endpoint, defaultViewport: headless ? { ...CAPTURE_VIEWPORT } : null, targetFilter: (target) => !isBrowserUi(target) });
  } catch (error) {
    child.kill('SIGKILL');
    await exited(child, 2_000);
    process.off('exit', killOnExit);
    await removeProfile();
    throw new EnvironmentError('capture.launchFailed', { path: options.executablePath, message: (error as Error).message.split('\n')[0] ?? '' }, 'capture.hint.installBrowser');
  } finally {
    options.signal?.removeEventListener('abort', abandon);
  }
  let closing: Promise<void> | undefined;
  return {
    browser,
    mode: options.visible ? 'login' : 'headless',
    close() {
      closing ??= (async () => {
        if (ownProfile) {
          // a throw-away profile has nothing to save: SIGTERM ends the browser ~40 ms sooner than Browser.close
          await browser.disconnect().catch(() => undefined);
          child.kill('SIGTERM');
        } else {
          // the --login profile keeps the user's login: close politely so it is written out. The answer to
          // Browser.close may never come; the process exit is what counts.
          void browser.close().catch(() => undefined);
        }
        if (!(await exited(child, 3_000))) {
          child.kill('SIGKILL');
          await exited(child, 2_000);
        }
        process.off('exit', killOnExit);
        await removeProfile();
      })();
      return closing;
    },
  };
}

/** Attach to a running browser's DevTools endpoint (http://127.0.0.1:9222 or a ws:// URL). */
export async function connectBrowser(endpoint: string): Promise<BrowserSession> {
  const puppeteer = await loadPuppeteer();
  let browser: Browser;
  try {
    browser = /^wss?:\/\//i.test(endpoint)
      ? await puppeteer.connect({ browserWSEndpoint: endpoint, defaultViewport: null, targetFilter: (target) => !isBrowserUi(target) })
      : await puppeteer.connect({ browserURL: endpoint, defaultViewport: null, targetFilter: (target) => !isBrowserUi(target) });
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
