/**
 * What a `capture` call will do, decided before anything starts: how the browser is reached, which pages are
 * loaded, how long to wait, and what the evidence is filed as. Pure: the case and the settings are given, no
 * file is read and nothing is asked; a bad combination of options is a usage or input error here.
 */
import path from 'node:path';
import type { Case, EvidenceItem, EvidenceKind } from '../../core/case-model.js';
import { parseText, parseWebUrl } from '../../core/contact-details.js';
import { CAPTURE_DEVICES, type CaptureDevice } from '../../core/settings.js';
import { InputError, UsageError } from '../../errors.js';
import { parseEvidenceKind } from '../../evidence/kinds.js';

/** The capture command's options, as commander gives them. */
export type CaptureOptions = {
  kind?: string;
  note?: string;
  title?: string;
  proves?: string;
  again?: string;
  login?: boolean;
  connect?: string;
  cookies?: string;
  browser?: string;
  timeout?: string;
  device?: string;
};

/** What the plan needs besides the options and the case. */
export type CapturePlanSettings = {
  /** prompts are allowed (--login waits for the user in the terminal) */
  interactive: boolean;
  /** the data home: --login keeps its browser profile there */
  home: string;
  /** the stored default 证明目的 for a kind (always in the documents' wording) */
  defaultProves: (kind: EvidenceKind) => string;
  /** the captureDevice setting, as the settings resolver chose it (--device wins over it) */
  captureDevice: CaptureDevice;
};

export type PlannedMethod =
  | { type: 'headless' }
  | { type: 'login'; profileDir: string; startUrl?: string }
  | { type: 'connect'; endpoint: string };

export type CapturePlan = {
  method: PlannedMethod;
  /** pages to load, each once; empty with login/connect means "the page the user has open" */
  urls: string[];
  timeoutMs: number;
  /** what the pages are loaded as: a desktop window or a phone (a page already open is captured as it is) */
  device: CaptureDevice;
  /** a cookies file to load into the browser first (read by the command) */
  cookiesFile?: string;
  /** what each captured page is filed as */
  decisions: { kind: EvidenceKind; proves: string; note?: string; againOf?: string; title?: string };
};

/** The persistent browser profile for --login, kept in the data home so a login survives between runs. */
export const LOGIN_PROFILE_DIR = 'browser-profile';
export const DEFAULT_TIMEOUT_SECONDS = 30;
const MAX_TIMEOUT_SECONDS = 600;

/** --timeout in seconds (default 30, at most 600), as milliseconds; undefined when it is not a valid value. */
export function timeoutMsOf(raw: string | undefined): number | undefined {
  if (raw === undefined) return DEFAULT_TIMEOUT_SECONDS * 1000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_TIMEOUT_SECONDS) return undefined;
  return Math.round(seconds * 1000);
}

function parseTimeout(raw: string | undefined): number {
  const ms = timeoutMsOf(raw);
  if (ms === undefined) throw new InputError('capture.timeout.invalid', { value: raw ?? '' });
  return ms;
}

/** --connect: a ws:// endpoint, a port number, or an http(s) address of the browser's debugging port. */
function parseEndpoint(raw: string): string {
  const value = raw.trim();
  if (/^wss?:\/\//i.test(value)) return value;
  if (/^\d+$/.test(value)) return `http://127.0.0.1:${value}`;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
    return url.toString().replace(/\/$/, '');
  } catch {
    throw new InputError('capture.connect.invalid', { value: raw });
  }
}

/** The evidence item a repeat capture follows: the first capture of the series (E1 for E1, E2 again of E1 …). */
function repeatTarget(record: Case, reference: string): EvidenceItem {
  const id = reference.trim().toUpperCase();
  const item = record.evidence.find((entry) => entry.id === id);
  if (!item) throw new InputError('capture.again.unknown', { id: reference, case: record.id, known: record.evidence.map((e) => e.id).join(', ') || '-' });
  const root = item.againOf ? (record.evidence.find((entry) => entry.id === item.againOf) ?? item) : item;
  if (!/^https?:\/\//i.test(root.source)) throw new InputError('capture.again.notCapture', { id: root.id });
  return root;
}

/** --device: desktop or phone. */
function parseDevice(raw: string): CaptureDevice {
  const value = raw.trim().toLowerCase();
  if (!(CAPTURE_DEVICES as readonly string[]).includes(value)) throw new InputError('capture.device.invalid', { value: raw });
  return value as CaptureDevice;
}

export function planCapture(options: CaptureOptions & { urls: readonly string[] }, record: Case, settings: CapturePlanSettings): CapturePlan {
  const timeoutMs = parseTimeout(options.timeout);
  const kind: EvidenceKind = options.kind !== undefined ? parseEvidenceKind(options.kind) : 'order-page';
  let urls = options.urls.map((raw) => parseWebUrl(raw));
  const endpoint = options.connect !== undefined ? parseEndpoint(options.connect) : undefined;
  const device = options.device !== undefined ? parseDevice(options.device) : settings.captureDevice;
  if (options.login && !settings.interactive) throw new UsageError('capture.login.needsTerminal', {}, 'capture.login.hint');

  let again: EvidenceItem | undefined;
  if (options.again !== undefined) {
    if (urls.length > 0) throw new UsageError('capture.again.withUrl');
    again = repeatTarget(record, options.again);
    urls = [again.source];
  }
  if (options.login && urls.length > 1) throw new UsageError('capture.login.oneUrl');
  // --title names one item: with several pages it would name them all the same
  const title = options.title !== undefined ? parseText(options.title, '--title', 200, { oneLine: true }) : undefined;
  if (title !== undefined && urls.length > 1) throw new UsageError('capture.title.oneUrl');
  if (urls.length === 0 && !options.login && endpoint === undefined) throw new UsageError('capture.noUrl', {}, 'capture.hint.usage');

  let method: PlannedMethod;
  if (endpoint !== undefined) {
    method = { type: 'connect', endpoint };
  } else if (options.login) {
    // the user opens the page in the visible browser: start on the URL given, else the platform's site
    const startUrl = urls[0] ?? record.platform.url;
    urls = [];
    method = { type: 'login', profileDir: path.join(settings.home, LOGIN_PROFILE_DIR), ...(startUrl ? { startUrl } : {}) };
  } else {
    method = { type: 'headless' };
  }

  // a phone is emulated for pages weiquan loads; the page the user has open (--login, --connect alone) stays as it is
  if (options.device !== undefined && device === 'phone' && urls.length === 0) throw new UsageError('capture.device.loadedOnly');

  const finalKind = again?.kind ?? kind;
  return {
    method,
    urls,
    timeoutMs,
    device: urls.length > 0 ? device : 'desktop',
    ...(options.cookies !== undefined ? { cookiesFile: options.cookies } : {}),
    decisions: {
      kind: finalKind,
      proves: options.proves?.trim() || settings.defaultProves(finalKind),
      ...(options.note ? { note: options.note } : {}),
      ...(again ? { againOf: again.id } : {}),
      ...(title !== undefined ? { title } : {}),
    },
  };
}
