import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import type { Chosen } from '../../core/settings.js';
import { EnvironmentError } from '../../errors.js';

export type BrowserSource = 'flag' | 'env' | 'setting' | 'discovered';
export type FoundBrowser = { executablePath: string; source: BrowserSource };

const LINUX_NAMES = ['google-chrome-stable', 'google-chrome', 'chromium', 'chromium-browser', 'microsoft-edge-stable', 'microsoft-edge'];
const LINUX_FIXED = ['/opt/google/chrome/chrome', '/opt/microsoft/msedge/msedge', '/snap/bin/chromium', '/usr/lib/chromium/chromium', '/usr/lib/chromium-browser/chromium-browser'];
const MAC_APPS = [
  'Google Chrome.app/Contents/MacOS/Google Chrome',
  'Chromium.app/Contents/MacOS/Chromium',
  'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  'Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary',
];
const WINDOWS_SUFFIXES = ['Google\\Chrome\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe', 'Chromium\\Application\\chrome.exe'];

/**
 * Launcher scripts and the browser binary each starts. Debian's /usr/bin/chromium is a shell script that
 * sources /etc/chromium.d (API keys, extension and component flags) before it execs the real binary;
 * driving the binary directly keeps those flags — and the background requests they allow — out.
 */
const REAL_BINARIES: Record<string, string> = {
  '/usr/bin/chromium': '/usr/lib/chromium/chromium',
  '/usr/bin/chromium-browser': '/usr/lib/chromium-browser/chromium-browser',
};

/** The binary behind a known launcher script, where it is installed; else the path itself. */
export async function realBinary(executablePath: string, exists: (file: string) => Promise<boolean>): Promise<string> {
  const real = REAL_BINARIES[executablePath];
  return real && (await exists(real)) ? real : executablePath;
}

/** Where Chrome, Chromium and Edge usually live, most common first. Pure: platform and env are given. */
export function browserCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'darwin') {
    const home = env.HOME;
    return [...MAC_APPS.map((app) => path.posix.join('/Applications', app)), ...(home ? MAC_APPS.map((app) => path.posix.join(home, 'Applications', app)) : [])];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES ?? 'C:\\Program Files', env['PROGRAMFILES(X86)'] ?? env['ProgramFiles(x86)'] ?? 'C:\\Program Files (x86)', env.LOCALAPPDATA].filter(
      (root): root is string => typeof root === 'string' && root !== '',
    );
    return WINDOWS_SUFFIXES.flatMap((suffix) => roots.map((root) => path.win32.join(root, suffix)));
  }
  const pathDirs = (env.PATH ?? '').split(':').filter((dir) => dir !== '');
  const fromPath = LINUX_NAMES.flatMap((name) => pathDirs.map((dir) => path.posix.join(dir, name)));
  const usual = LINUX_NAMES.map((name) => path.posix.join('/usr/bin', name));
  return [...new Set([...fromPath, ...usual, ...LINUX_FIXED])];
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export type DiscoveryInput = {
  flag?: string;
  env: NodeJS.ProcessEnv;
  setting?: string;
  platform?: NodeJS.Platform;
  exists?: (file: string) => Promise<boolean>;
};

/**
 * The explicit choice the settings resolver made (--browser, WEIQUAN_BROWSER or the setting), as findBrowser
 * takes it: one from the environment is read from `env` there.
 */
export function chosenBrowser(choice: Chosen<string> | undefined): Pick<DiscoveryInput, 'flag' | 'setting'> {
  if (choice?.from === 'flag') return { flag: choice.value };
  if (choice?.from === 'setting') return { setting: choice.value };
  return {};
}

/**
 * The browser to drive. Precedence: --browser, then WEIQUAN_BROWSER, then the `browser` setting, then the
 * usual install places. An explicit choice that does not exist is an error (never silently replaced).
 */
export async function findBrowser(input: DiscoveryInput): Promise<FoundBrowser> {
  const exists = input.exists ?? isExecutable;
  const explicit: Array<[BrowserSource, string | undefined]> = [
    ['flag', input.flag],
    ['env', input.env.WEIQUAN_BROWSER],
    ['setting', input.setting],
  ];
  for (const [source, value] of explicit) {
    if (value === undefined || value.trim() === '') continue;
    const executablePath = path.resolve(value.trim());
    if (await exists(executablePath)) return { executablePath: await realBinary(executablePath, exists), source };
    throw new EnvironmentError(`capture.browser.missing.${source}`, { path: executablePath }, 'capture.hint.installBrowser');
  }
  const candidates = browserCandidates(input.platform ?? process.platform, input.env);
  for (const candidate of candidates) {
    if (await exists(candidate)) return { executablePath: await realBinary(candidate, exists), source: 'discovered' };
  }
  throw new EnvironmentError('capture.noBrowser', { count: candidates.length }, 'capture.hint.installBrowser');
}
