import { constants, existsSync, statSync } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { isWeiquanError, type MessageParams } from '../errors.js';
import { installCommand, optionalPackageStatus } from '../optional.js';
import type { ResolvedSettings } from '../core/settings.js';

/**
 * What `doctor` checks: each check returns its facts and a status, never throws; the command prints them.
 * `fail`: the main job cannot run (no font, a data home that cannot be written); `warn`: a part is degraded
 * (no browser for capture, next year's holidays missing); `ok`.
 */
export type CheckStatus = 'ok' | 'warn' | 'fail';
export type Check = {
  id: 'node' | 'browser' | 'font' | 'serifFont' | 'dataHome' | 'holidays' | 'optionalPackages' | 'tsa';
  status: CheckStatus;
  /** catalogue key and parameters of the one-line finding */
  key: string;
  params: MessageParams;
  /** catalogue key and parameters of the fix, when there is something to do */
  fixKey?: string;
  fixParams?: MessageParams;
  /** machine-readable facts for --json */
  facts: Record<string, unknown>;
};

export type DoctorInput = { env: NodeJS.ProcessEnv; home: string; configDir: string; settings: ResolvedSettings; now: Date; nodeVersion: string; platform: NodeJS.Platform };

/**
 * The Node versions weiquan runs on: package.json's `engines.node`, repeated here (a unit test keeps the two
 * equal). Several dependencies need `require(esm)`, which Node has from 20.19 and 22.12 on.
 */
export const NODE_ENGINES = '^20.19.0 || >=22.12.0';

/** Whether a Node version satisfies NODE_ENGINES (its two forms only: ^X.Y.Z and >=X.Y.Z). */
export function nodeSupported(version: string, range = NODE_ENGINES): boolean {
  const parse = (text: string) => text.replace(/^v/, '').split('.').map((part) => Number.parseInt(part, 10) || 0) as [number, number, number];
  const atLeast = (a: number[], b: number[]) => a[0]! !== b[0]! ? a[0]! > b[0]! : a[1]! !== b[1]! ? a[1]! > b[1]! : a[2]! >= b[2]!;
  const current = parse(version);
  return range.split('||').some((part) => {
    const term = part.trim();
    if (term.startsWith('^')) {
      const floor = parse(term.slice(1));
      return current[0] === floor[0] && atLeast(current, floor);
    }
    return term.startsWith('>=') && atLeast(current, parse(term.slice(2)));
  });
}

export function checkNode(version: string): Check {
  const major = Number(version.replace(/^v/, '').split('.')[0]);
  const facts = { version, major, supported: NODE_ENGINES };
  if (!nodeSupported(version)) return { id: 'node', status: 'fail', key: 'doctor.node.tooOld', params: { version }, fixKey: 'doctor.node.fix', fixParams: {}, facts };
  if (major === 20) return { id: 'node', status: 'warn', key: 'doctor.node.endOfLife', params: { version }, fixKey: 'doctor.node.fix', fixParams: {}, facts };
  return { id: 'node', status: 'ok', key: 'doctor.node.ok', params: { version }, facts };
}

async function checkBrowser(input: DoctorInput): Promise<Check> {
  const { chosenBrowser, findBrowser } = await import('../evidence/capture/browser-discovery.js');
  try {
    const found = await findBrowser({ env: input.env, ...chosenBrowser(input.settings.browser) });
    return { id: 'browser', status: 'ok', key: `doctor.browser.ok.${found.source}`, params: { path: found.executablePath }, facts: { ...found } };
  } catch (error) {
    const known = isWeiquanError(error) ? error : undefined;
    return {
      id: 'browser',
      status: 'warn',
      key: known?.key ?? 'capture.noBrowser',
      params: known?.params ?? { count: 0 },
      fixKey: known?.hintKey ?? 'capture.hint.installBrowser',
      fixParams: known?.hintParams ?? {},
      facts: { found: false },
    };
  }
}

async function checkFont(input: DoctorInput): Promise<Check> {
  const { findCjkFont } = await import('../documents/fonts.js');
  const chosen = input.settings.font;
  try {
    const font = await findCjkFont({ env: input.env, platform: input.platform, ...(chosen?.from === 'flag' ? { flag: chosen.value } : chosen ? { setting: chosen.value } : {}) });
    const origin = font.origin ?? 'system';
    const facts = { file: font.regular.file, face: font.regular.postscriptName ?? null, bold: font.bold?.file ?? null, origin };
    const params = { font: font.label, origin };
    if (origin === 'packaged') return { id: 'font', status: 'ok', key: 'doctor.font.packaged', params, fixKey: 'doctor.font.packagedFix', fixParams: {}, facts };
    return { id: 'font', status: 'ok', key: 'doctor.font.ok', params, facts };
  } catch (error) {
    const known = isWeiquanError(error) ? error : undefined;
    return {
      id: 'font',
      status: 'fail',
      key: known?.key ?? 'documents.font.none',
      params: known?.params ?? {},
      ...(known?.hintKey ? { fixKey: known.hintKey, fixParams: known.hintParams } : {}),
      facts: { found: false },
    };
  }
}

/** Serif CJK faces (for headings in a serif style): Noto Serif CJK, Source Han Serif, Songti, SimSun, AR PL UMing. */
const SERIF_NAMES = /^(NotoSerifCJK.*|NotoSerifSC.*|SourceHanSerif.*|Songti|simsun|STSong|uming|AR ?PL ?UMing.*)\.(ttc|ttf|otf)$/i;

async function checkSerif(input: DoctorInput): Promise<Check> {
  const { listFontFiles, systemFontDirs } = await import('../documents/fonts.js');
  const serif = listFontFiles(systemFontDirs(input.env, input.platform)).find((file) => SERIF_NAMES.test(path.basename(file)));
  const found = serif ? [serif] : [];
  if (found[0]) return { id: 'serifFont', status: 'ok', key: 'doctor.serif.ok', params: { file: found[0] }, facts: { file: found[0] } };
  return { id: 'serifFont', status: 'warn', key: 'doctor.serif.none', params: {}, fixKey: `documents.font.install.${input.platform === 'darwin' || input.platform === 'win32' ? input.platform : 'linux'}`, fixParams: {}, facts: { file: null } };
}

async function checkDataHome(input: DoctorInput): Promise<Check> {
  const home = input.home;
  if (!existsSync(home)) {
    // created on first use, 0700: what matters is that the nearest existing parent can be written
    let parent = path.dirname(home);
    while (!existsSync(parent) && path.dirname(parent) !== parent) parent = path.dirname(parent);
    const writable = await access(parent, constants.W_OK).then(() => true, () => false);
    return writable
      ? { id: 'dataHome', status: 'ok', key: 'doctor.home.notYet', params: { home }, facts: { home, exists: false, writable: true } }
      : { id: 'dataHome', status: 'fail', key: 'doctor.home.notWritable', params: { home: parent }, fixKey: 'doctor.home.fix', fixParams: {}, facts: { home, exists: false, writable: false } };
  }
  const stat = statSync(home);
  if (!stat.isDirectory()) return { id: 'dataHome', status: 'fail', key: 'doctor.home.notFolder', params: { home }, fixKey: 'doctor.home.fix', fixParams: {}, facts: { home, exists: true, folder: false } };
  const writable = await access(home, constants.W_OK).then(() => true, () => false);
  const mode = stat.mode & 0o777;
  const isPrivate = input.platform === 'win32' || (mode & 0o077) === 0;
  const facts = { home, exists: true, writable, mode: `0${mode.toString(8)}`, private: isPrivate };
  if (!writable) return { id: 'dataHome', status: 'fail', key: 'doctor.home.notWritable', params: { home }, fixKey: 'doctor.home.fix', fixParams: {}, facts };
  if (!isPrivate) return { id: 'dataHome', status: 'warn', key: 'doctor.home.notPrivate', params: { home, mode: facts.mode }, fixKey: 'doctor.home.privateFix', fixParams: { home }, facts };
  return { id: 'dataHome', status: 'ok', key: 'doctor.home.ok', params: { home }, facts };
}

async function checkHolidays(input: DoctorInput): Promise<Check> {
  const { loadWorkCalendar } = await import('../holidays/load.js');
  // the year in China, where the deadlines run
  const year = new Date(input.now.getTime() + 8 * 3_600_000).getUTCFullYear();
  try {
    const calendar = await loadWorkCalendar({ setting: input.settings.holidaysFile?.value });
    const known = calendar.knownYears();
    const facts = { years: known, sources: calendar.sources, thisYear: calendar.hasYear(year), nextYear: calendar.hasYear(year + 1) };
    if (!calendar.hasYear(year) || !calendar.hasYear(year + 1)) {
      const missing = [year, year + 1].filter((y) => !calendar.hasYear(y)).join(', ');
      return { id: 'holidays', status: 'warn', key: 'doctor.holidays.missing', params: { missing, known: yearRanges(known) }, fixKey: 'doctor.holidays.fix', fixParams: { year: String(year + 1) }, facts };
    }
    return { id: 'holidays', status: 'ok', key: 'doctor.holidays.ok', params: { years: `${year}, ${year + 1}` }, facts };
  } catch (error) {
    const known = isWeiquanError(error) ? error : undefined;
    return {
      id: 'holidays',
      status: 'fail',
      key: known?.key ?? 'doctor.holidays.unreadable',
      params: known?.params ?? {},
      ...(known?.hintKey ? { fixKey: known.hintKey, fixParams: known.hintParams } : {}),
      facts: {},
    };
  }
}

/** 2004–2026, 2028 */
function yearRanges(years: readonly number[]): string {
  const sorted = [...years].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j += 1;
    ranges.push(i === j ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return ranges.join(', ');
}

/**
 * The optional peer packages, each present or absent with the command that installs it. Not installed by
 * default, so an absent one is a warning only where it costs the main job: sharp (capture's caption strip)
 * missing, or any package installed but not loading. The packaged font's absence is the font check's business.
 */
async function checkOptional(): Promise<Check> {
  const statuses = await optionalPackageStatus();
  const facts = { packages: statuses };
  const absent = statuses.filter((s) => !s.available);
  if (absent.length === 0) return { id: 'optionalPackages', status: 'ok', key: 'doctor.optional.ok', params: { list: statuses.map((s) => s.name).join(', ') }, facts };
  const broken = absent.filter((s) => !s.available && s.reason === 'broken');
  const fix = { fixKey: 'optional.install', fixParams: { command: installCommand(absent.map((s) => s.name)) } };
  if (broken.length > 0) return { id: 'optionalPackages', status: 'warn', key: 'doctor.optional.broken', params: { list: broken.map((s) => s.name).join(', ') }, ...fix, facts };
  const present = statuses.filter((s) => s.available).map((s) => s.name);
  const status = absent.some((s) => s.name === 'sharp') ? 'warn' : 'ok';
  return { id: 'optionalPackages', status, key: 'doctor.optional.missing', params: { missing: absent.map((s) => s.name).join(', '), present: present.length > 0 ? present.join(', ') : '—' }, ...fix, facts };
}

/** Time-stamp authorities for `stamp`: a `tsa`-named setting when the settings have one. */
async function checkTsa(input: DoctorInput): Promise<Check> {
  const value = input.settings.tsa?.value;
  const urls = value !== undefined ? value.split(/[\s,]+/).filter((url) => url !== '') : [];
  if (urls.length > 0) return { id: 'tsa', status: 'ok', key: 'doctor.tsa.ok', params: { list: urls.join(', ') }, facts: { urls } };
  return { id: 'tsa', status: 'warn', key: 'doctor.tsa.none', params: {}, fixKey: 'doctor.tsa.fix', fixParams: {}, facts: { urls: [] } };
}

export async function runChecks(input: DoctorInput): Promise<Check[]> {
  return Promise.all([
    Promise.resolve(checkNode(input.nodeVersion)),
    checkBrowser(input),
    checkFont(input),
    checkSerif(input),
    checkDataHome(input),
    checkHolidays(input),
    checkOptional(),
    checkTsa(input),
  ]);
}
