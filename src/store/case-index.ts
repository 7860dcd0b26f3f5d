/**
 * The case index: one small file (`cases/.index.json`) holding a summary of every case, so that `list`,
 * `new`'s repeated-order check and order-number lookups read one file and stat the case folders instead of
 * parsing and validating every case; `due` reads its own file of the same entries with every running deadline
 * (`cases/.index-deadlines.json`), and not the main one.
 *
 * Each entry is keyed by the size, times and inode of the case's case.json (see statKey): a write changes the
 * key and the entry is made again from the case files. The deadlines in an entry also carry what they were computed with (the
 * calendar and the rules in force); when that changes they are computed again. The index is a cache: a
 * missing, damaged or stale index is rebuilt silently, and failing to write it is never an error.
 */
import { readFileSync, renameSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { type CaseSummary, type StoredDeadline, summarizeCase } from '../core/case-summary.js';
import { deadlineRulesKey } from '../core/deadlines.js';
import type { WorkCalendar } from '../core/working-days.js';
import { CASE_FILE, caseIds, CHANGED_FILE, loadProblem, type LoadProblem } from './case-files.js';
import type { CaseStore } from './case-store.js';
import { FILE_MODE } from './file-system.js';

export const INDEX_FILE = '.index.json';
const INDEX_VERSION = 6;

/**
 * Where the index reads from: a store, or a cases folder with the way to open its store — opened (loading the
 * case model and its schemas) only when a case has to be read again because it changed.
 */
export type IndexSource = CaseStore | { readonly casesDir: string; open(): Promise<CaseStore> };

function opener(source: IndexSource): () => Promise<CaseStore> {
  if ('open' in source) return () => source.open();
  return async () => source;
}

type Entry = { key: string; summary: CaseSummary; withDeadlines?: boolean };
type IndexFile = { version: number; builtAt: string; deadlinesKey?: string; entries: Record<string, Entry> };
/**
 * The same entries with every running deadline of each case, for `due` alone: it reads this file and not the
 * main one (which keeps only the nearest deadline, all `list` shows).
 */
export const DEADLINES_FILE = '.index-deadlines.json';
/** Each case's order number and platform alone (with its key): what finding a case by order number reads. */
type OrdersFile = { version: number; entries: Record<string, [key: string, order: string, platform: string]> };
export const ORDERS_FILE = '.index-orders.json';

const calendarKeys = new WeakMap<WorkCalendar, string>();

/** What the calendar says about every day of the years it has data for, boiled down to a short hash. */
export function calendarKey(calendar: WorkCalendar): string {
  if (calendar.fingerprint) return calendar.fingerprint();
  const known = calendarKeys.get(calendar);
  if (known) return known;
  // FNV-1a over the day kinds: a changed holiday file for a known year changes the key
  let hash = 0x811c9dc5;
  const years = calendar.knownYears();
  for (const year of years) {
    for (let ms = Date.UTC(year, 0, 1), end = Date.UTC(year + 1, 0, 1); ms < end; ms += 86_400_000) {
      const date = new Date(ms).toISOString().slice(0, 10);
      const kind = calendar.kindOf(date);
      if (kind === 'workday' || kind === 'weekend') continue;
      for (let i = 0; i < date.length; i += 1) hash = Math.imul(hash ^ date.charCodeAt(i), 0x01000193);
      hash = Math.imul(hash ^ kind.charCodeAt(0), 0x01000193);
    }
  }
  const key = `${years.join(',')}#${(hash >>> 0).toString(16)}`;
  calendarKeys.set(calendar, key);
  return key;
}

/**
 * What identifies case.json's current content: its size, times and inode (its change time moves with any write
 * or permission change, and cannot be set back by hand). A write touches case.json before it appends to the
 * journal (CaseStore.mutate), so entries a crash left after the snapshot change the key too; the journal itself
 * is not looked at (one stat a case, not two).
 */
function statKey(dir: string): string | undefined {
  // plain concatenation: path.join's normalising showed up in the profile of 5,000 cases
  const snapshot = statSync(`${dir}${path.sep}${CASE_FILE}`, { throwIfNoEntry: false });
  if (!snapshot) return undefined;
  return `${snapshot.size}:${snapshot.mtimeMs}:${snapshot.ctimeMs}:${snapshot.ino}`;
}

function readIndex<T extends IndexFile | OrdersFile>(file: string): T | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<IndexFile>;
    if (parsed.version !== INDEX_VERSION || (file.endsWith(ORDERS_FILE) ? false : typeof parsed.builtAt !== 'string') || typeof parsed.entries !== 'object' || parsed.entries === null) return undefined;
    return parsed as T;
  } catch {
    return undefined;
  }
}

function changedSize(casesDir: string): number {
  return statSync(path.join(casesDir, CHANGED_FILE), { throwIfNoEntry: false })?.size ?? 0;
}

function changedIds(casesDir: string): Set<string> | undefined {
  try {
    return new Set(readFileSync(path.join(casesDir, CHANGED_FILE), 'utf8').split('\n').filter((line) => line !== ''));
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? new Set() : undefined;
  }
}

function writeIndex(file: string, index: IndexFile | OrdersFile): void {
  const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    writeFileSync(temp, JSON.stringify(index), { mode: FILE_MODE });
    renameSync(temp, file);
  } catch {
    // a read-only data home, a full disk: the index is only a cache
    try {
      statSync(temp);
      renameSync(temp, `${temp}.stale`);
    } catch {
      /* nothing left behind */
    }
  }
}

function isEntry(value: unknown): value is Entry {
  const entry = value as Entry | undefined;
  return typeof entry?.key === 'string' && typeof entry.summary?.id === 'string' && typeof entry.summary.order === 'string';
}

/**
 * The summary as the main index keeps it: of the running deadlines only the nearest, and of that only what a
 * listing shows (`list --json` works the nearest deadline out from the case it loads anyway). Every running
 * deadline in full is in DEADLINES_FILE, for `due`.
 */
function nearestOnly(summary: CaseSummary): CaseSummary {
  const first = summary.deadlines?.[0];
  if (!summary.deadlines) return summary;
  if (!first) return { ...summary, deadlines: [] };
  const { id, kind, due, dueDate, precision, source } = first;
  return { ...summary, deadlines: [{ id, kind, due, ...(dueDate !== undefined ? { dueDate } : {}), precision, source } as StoredDeadline] };
}

export type SummaryOptions = {
  /**
   * with deadlines, computed (or reused) for this calendar at `now`: the nearest running one in
   * `summary.deadlines`, or with `all` every running one
   */
  deadlines?: { now: Date; calendar: WorkCalendar; all?: boolean };
};

/**
 * A summary of every case that loads, in id order, and a problem for each that does not (as loadAll reports
 * them). Entries whose case files changed are made again; the index files are rewritten when anything changed.
 */
export async function caseSummaries(source: IndexSource, options: SummaryOptions = {}): Promise<{ summaries: CaseSummary[]; problems: LoadProblem[] }> {
  const { casesDir } = source;
  const open = opener(source);
  let store: CaseStore | undefined;
  const wanted = options.deadlines;
  const all = wanted?.all === true;
  // `due` keeps a file of its own: the main index, with the orders file and the note of written cases that
  // go with it, is left to the listings
  const file = path.join(casesDir, all ? DEADLINES_FILE : INDEX_FILE);
  // written before the scan started: a case written during the scan stays noted for the next lookup
  const noted = all ? 0 : changedSize(casesDir);
  const ids = await caseIds(casesDir);
  const previous = readIndex<IndexFile>(file);
  const deadlinesKey = wanted ? `${calendarKey(wanted.calendar)}|${deadlineRulesKey(wanted.now)}` : previous?.deadlinesKey;
  // deadlines computed at a later `now` cannot be settled back to an earlier one
  const reuseDeadlines = previous !== undefined && previous.deadlinesKey === deadlinesKey && (!wanted || Date.parse(previous.builtAt) <= wanted.now.getTime());
  const entries: Record<string, Entry> = {};
  const summaries: CaseSummary[] = [];
  const problems: LoadProblem[] = [];
  let changed = previous === undefined || !reuseDeadlines || Object.keys(previous.entries).length !== ids.length;
  for (const id of ids) {
    const dir = `${casesDir}${path.sep}${id}`;
    const key = statKey(dir);
    const old = previous?.entries[id];
    if (key !== undefined && isEntry(old) && old.key === key && (!wanted || (reuseDeadlines && old.withDeadlines === true))) {
      entries[id] = old;
      summaries.push(old.summary);
      continue;
    }
    changed = true;
    try {
      store ??= await open();
      const record = await store.load(id);
      const full = summarizeCase(record, wanted);
      const summary = all ? full : nearestOnly(full);
      if (key !== undefined) entries[id] = { key, summary, ...(wanted ? { withDeadlines: true } : {}) };
      summaries.push(summary);
    } catch (error) {
      // one bad folder never hides the rest (as loadAll)
      problems.push(loadProblem(id, path.join(dir, CASE_FILE), error));
    }
  }
  const builtAt = (wanted ? wanted.now : new Date(previous ? Date.parse(previous.builtAt) : 0)).toISOString();
  const index: IndexFile = { version: INDEX_VERSION, builtAt, ...(deadlinesKey ? { deadlinesKey } : {}), entries };
  if (all) {
    if (changed) writeIndex(file, index);
    return { summaries, problems };
  }
  const ordersFile = path.join(casesDir, ORDERS_FILE);
  if (changed || !statSync(ordersFile, { throwIfNoEntry: false })) {
    writeIndex(file, index);
    const orders: OrdersFile['entries'] = {};
    for (const [id, entry] of Object.entries(entries)) orders[id] = [entry.key, entry.summary.order, entry.summary.platform];
    writeIndex(ordersFile, { version: INDEX_VERSION, entries: orders });
  }
  if (noted > 0 && changedSize(casesDir) === noted) {
    try {
      truncateSync(path.join(casesDir, CHANGED_FILE), 0);
    } catch {
      /* the next listing clears it */
    }
  }
  return { summaries, problems };
}

/** What finding a case by order number needs of each case. */
export type OrderEntry = { id: string; order: string; platform: string };

/**
 * Every case's order number and platform, for order-number lookups and the repeated-order check, without
 * looking at every case: from the orders index, trusting its entries except for the cases written since it was
 * made (CHANGED_FILE) and cases it does not know, which are checked against their files and read again when
 * they changed. Without a usable index this is a full `caseSummaries`. A case changed by another program
 * since the last listing may still show its old order number here; a listing sees it.
 */
export async function orderEntries(source: IndexSource): Promise<OrderEntry[]> {
  const { casesDir } = source;
  const orders = readIndex<OrdersFile>(path.join(casesDir, ORDERS_FILE));
  const changed = changedIds(casesDir);
  if (!orders || !changed) {
    const { summaries } = await caseSummaries(source);
    return summaries.map(({ id, order, platform }) => ({ id, order, platform }));
  }
  const open = opener(source);
  let store: CaseStore | undefined;
  const result: OrderEntry[] = [];
  for (const id of await caseIds(casesDir)) {
    const entry = orders.entries[id];
    const known = Array.isArray(entry) && typeof entry[1] === 'string' && typeof entry[2] === 'string';
    if (known && !changed.has(id)) {
      result.push({ id, order: entry[1], platform: entry[2] });
      continue;
    }
    if (known && statKey(`${casesDir}${path.sep}${id}`) === entry[0]) {
      result.push({ id, order: entry[1], platform: entry[2] });
      continue;
    }
    try {
      store ??= await open();
      const record = await store.load(id);
      result.push({ id, order: record.order.number, platform: record.platform.name });
    } catch {
      // a case that does not load is not found by its order number (list names it)
    }
  }
  return result;
}
