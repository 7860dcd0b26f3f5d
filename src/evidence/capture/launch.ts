import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { EnvironmentError } from '../../errors.js';
import { ensureDir } from '../../store/file-system.js';
import { isProcessAlive } from '../../store/owner-process.js';

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
  // background requests a capture never needs: every one is a request to a host other than the page's
  'AutofillServerCommunication',
  'CertificateTransparencyComponentUpdater',
  'OptimizationGuideModelDownloading',
  'DialMediaRouteProvider',
  'InterestFeedContentSuggestions',
  'SafeBrowsingEnhancedProtection',
  'NetworkTimeServiceQuerying',
  'PrivacySandboxSettings4',
];

/** Where the browser's own services are sent so that they reach nobody (see browserArgs). */
const NOWHERE = 'https://nowhere.invalid:1/';

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
    '--disable-domain-reliability',
    '--dns-prefetch-disable',
    '--no-pings',
    '--safebrowsing-disable-auto-update',
    '--no-service-autorun',
    '--force-color-profile=srgb',
    '--metrics-recording-only',
    // Two services ignore the switches above and call Google at every start: the component updater (an
    // on-demand "models manifest" check to update.googleapis.com) and the sign-in service (ListAccounts to
    // accounts.google.com). Both are pointed at a name under .invalid (RFC 2606, never resolves; the browser
    // answers it itself, without a DNS query) on a port the browser refuses: the request dies in the browser.
    `--component-updater=url-source=${NOWHERE}`,
    `--gaia-url=${NOWHERE}`,
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

/** Marks a throw-away profile as ours, with the pid of the weiquan run that owns it. */
const PROFILE_PREFIX = 'weiquan-chrome-';
const OWNER_FILE = 'weiquan-owner';

/**
 * Remove throw-away profiles left by runs that were killed (kill -9 gives no chance to clean up): a
 * profile whose owner process is gone, or one without an owner note that is over an hour old.
 */
export async function sweepStaleProfiles(tempDir = os.tmpdir(), now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(tempDir);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.startsWith(PROFILE_PREFIX)) continue;
    const dir = path.join(tempDir, name);
    try {
      const owner = Number((await readFile(path.join(dir, OWNER_FILE), 'utf8')).trim());
      if (Number.isInteger(owner) && owner > 0 && (owner === process.pid || isProcessAlive(owner))) continue;
    } catch {
      const info = await stat(dir).catch(() => undefined);
      if (!info || now - info.mtimeMs < 3_600_000) continue;
    }
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    removed.push(dir);
  }
  return removed;
}

/**
 * puppeteer's transport over the browser's --remote-debugging-pipe (fd 3 in, fd 4 out, messages ended
 * by NUL). No DevTools port is opened, and when weiquan dies — even by kill -9 — the pipe closes and the
 * browser shuts itself down.
 */
class PipeTransport {
  onmessage?: (message: string) => void;
  onclose?: () => void;
  private pending = '';
  private closed = false;

  constructor(
    private readonly toBrowser: NodeJS.WritableStream,
    fromBrowser: NodeJS.ReadableStream,
  ) {
    fromBrowser.on('data', (chunk: Buffer) => this.receive(chunk.toString('utf8')));
    fromBrowser.on('close', () => this.finish());
    fromBrowser.on('error', () => this.finish());
    toBrowser.on('error', () => this.finish());
  }

  private receive(text: string): void {
    let rest = this.pending + text;
    let end = rest.indexOf('\0');
    while (end !== -1) {
      const message = rest.slice(0, end);
      setImmediate(() => this.onmessage?.(message));
      rest = rest.slice(end + 1);
      end = rest.indexOf('\0');
    }
    this.pending = rest;
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    setImmediate(() => this.onclose?.());
  }

  send(message: string): void {
    if (!this.closed) this.toBrowser.write(`${message}\0`);
  }

  close(): void {
    this.finish();
  }
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
  /** more command-line flags (tests: a network log) */
  extraArgs?: string[];
}): Promise<BrowserSession> {
  const headless = !options.visible;
  const ownProfile = options.userDataDir === undefined;
  await sweepStaleProfiles();
  const profile = options.userDataDir ?? (await mkdtemp(path.join(os.tmpdir(), PROFILE_PREFIX)));
  if (!ownProfile) await ensureDir(profile);
  else await writeFile(path.join(profile, OWNER_FILE), `${process.pid}\n`);
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
  const args = [...browserArgs({ headless, runningAsRoot: runningAsRoot() }), ...(options.extraArgs ?? []), `--user-data-dir=${profile}`, '--remote-debugging-pipe', 'about:blank'];
  const child = spawn(options.executablePath, args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    if (stderr.length < 20_000) stderr += chunk;
  });
  const puppeteerLoading = loadPuppeteer();
  puppeteerLoading.catch(() => undefined);
  if (options.whileStarting) setImmediate(options.whileStarting);
  const abandon = () => child.kill('SIGKILL');
  options.signal?.addEventListener('abort', abandon, { once: true });
  // a crash of weiquan itself must not leave a browser behind (kill -9 is covered by the pipe closing)
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const failed = async (error: unknown): Promise<never> => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited(child, 2_000);
    process.off('exit', killOnExit);
    await removeProfile();
    if (!ownProfile && /ProcessSingleton|profile .*in use|SingletonLock|Opening in existing browser session/i.test(stderr)) {
      throw new EnvironmentError('capture.profileInUse', { dir: profile });
    }
    const detail = stderr.split('\n').find((line) => /error|cannot|failed/i.test(line) && !/dbus/i.test(line)) ?? (error as Error).message.split('\n')[0] ?? '';
    throw new EnvironmentError('capture.launchFailed', { path: options.executablePath, message: detail.trim().slice(0, 300) }, 'capture.hint.installBrowser');
  };
  let browser: Browser;
  try {
    const puppeteer = await puppeteerLoading;
    const transport = new PipeTransport(child.stdio[3] as NodeJS.WritableStream, child.stdio[4] as NodeJS.ReadableStream);
    const limit = Math.max(options.timeoutMs, 15_000);
    let timer: NodeJS.Timeout | undefined;
    browser = await Promise.race([
      puppeteer.connect({ transport, defaultViewport: headless ? { ...CAPTURE_VIEWPORT } : null, targetFilter: (target) => !isBrowserUi(target) }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the browser did not answer within ${limit} ms`)), limit);
        child.once('exit', (code) => reject(new Error(`exited with code ${code}`)));
        child.once('error', reject);
      }),
    ]).finally(() => clearTimeout(timer));
  } catch (error) {
    return failed(error);
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
