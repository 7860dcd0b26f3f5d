/**
 * The case index: small files holding a summary of every case, so that `list`, `due`, `new`'s repeated-order
 * check and order-number lookups read one file and stat the case folders instead of parsing and validating
 * every case.
 *
 *   .index.json            every case's summary with its nearest running deadline (what `list` shows)
 *   .index-deadlines.json  every case's running deadlines in full, for `due` alone
 *   .index-orders.json     every case's order number and platform, for lookups by order number
 *
 * Each entry is keyed by the size, times and inode of the case's case.json (see statKey): a write changes the
 * key and the entry is made again from the case files. The deadlines also carry what they were computed with
 * (the calendar and the rules in force); when that changes they are computed again. Entries made again are
 * saved in a small delta beside the whole file (index-files.ts), entries are positional (index-format.ts).
 * The index is a cache: a missing, damaged or stale index is rebuilt silently, and failing to write it is
 * never an error.
 */
import { readFileSync, statSync, truncateSync } from 'node:fs';
import path from 'node:path';
import type { Case } from '../core/case-model.js';
import { type CaseSummary, summarizeCase } from '../core/case-summary.js';
import { deadlineRulesKey } from '../core/deadlines.js';
import type { WorkCalendar } from '../core/working-days.js';
import { CASE_FILE, caseIds, CHANGED_FILE, fileKey, loadProblem, type LoadProblem } from './case-files.js';
import type { CaseStore } from './case-store.js';
import { addToDelta, readDelta, readHeader, readIndexFile, writeAtomically, writeIndexFile } from './index-files.js';
import { type DueCase, isPackedDueCase, isPackedSummary, packDueCase, packedId, packSummary, type PackedDeadline, type PackedDueCase, type PackedSummary, unpackDueCase, unpackSummary } from './index-format.js';

export const INDEX_FILE = '.index.json';
/** Every running deadline of each case, for `due` alone: it reads this file and not the main one. */
export const DEADLINES_FILE = '.index-deadlines.json';
/** Each case's order number and platform alone (with its key): what finding a case by order number reads. */
export const ORDERS_FILE = '.index-orders.json';
const INDEX_VERSION = 8;

type OrdersFile = { version: number; stamp: string; entries: Record<string, [key: string, order: string, platform: string]> };

/**
 * Where the index reads from: a store, or a cases folder with the way to open its store — opened (loading the
 * case model and its schemas) only when a case has to be read again because it changed.
 */
export type IndexSource = CaseStore | { readonly casesDir: string; open(): Promise<CaseStore> };

function opener(source: IndexSource): () => Promise<CaseStore> {
  if ('open' in source) return () => source.open();
  return async () => source;
}

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
  return snapshot && fileKey(snapshot);
}

function readOrders(file: string): OrdersFile | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<OrdersFile>;
    if (parsed.version !== INDEX_VERSION || typeof parsed.stamp !== 'string' || typeof parsed.entries !== 'object' || parsed.entries === null) return undefined;
    return parsed as OrdersFile;
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

type Wanted = { now: Date; calendar: WorkCalendar; all?: boolean };

/**
 * One of the index files brought up to date: every case that loads, in id order, with its entry (reused when
 * its key and, if asked for, its deadlines still hold; else made again with `pack` from the case), and a problem
 * for each case that does not load; the file saved when anything changed.
 */
async function refresh<P extends unknown[]>(
  source: IndexSource,
  file: string,
  wanted: Wanted | undefined,
  shape: { valid: (entry: unknown) => entry is P; pack: (key: string, summary: CaseSummary) => P; hasDeadlines: (entry: P) => boolean },
): Promise<{ entries: [string, P][]; problems: LoadProblem[]; all: () => Record<string, P>; whole: boolean; stamp?: string }> {
  const { casesDir } = source;
  const open = opener(source);
  let store: CaseStore | undefined;
  const ids = await caseIds(casesDir);
  const previous = readIndexFile<P>(file, INDEX_VERSION);
  const deadlinesKey = wanted ? `${calendarKey(wanted.calendar)}|${deadlineRulesKey(wanted.now)}` : previous?.header.deadlinesKey;
  // deadlines computed at a later `now` cannot be settled back to an earlier one
  const reuse = previous !== undefined && previous.header.deadlinesKey === deadlinesKey && (!wanted || Date.parse(previous.header.builtAt) <= wanted.now.getTime());
  const entries: [string, P][] = [];
  const problems: LoadProblem[] = [];
  const changed = new Set<string>();
  // a case read again without a case.json to key it by (caught up from its journal) is listed, not saved
  const unkeyed = new Set<string>();
  for (const id of ids) {
    const dir = `${casesDir}${path.sep}${id}`;
    const key = statKey(dir);
    const old = reuse ? previous.entries[id] : undefined;
    if (key !== undefined && Array.isArray(old) && old[0] === key && shape.valid(old) && (!wanted || shape.hasDeadlines(old))) {
      entries.push([id, old]);
      continue;
    }
    try {
      store ??= await open();
      const record = await store.load(id);
      entries.push([id, shape.pack(key ?? '', summarizeCase(record, wanted))]);
      (key === undefined ? unkeyed : changed).add(id);
    } catch (error) {
      // one bad folder never hides the rest (as loadAll)
      problems.push(loadProblem(id, path.join(dir, CASE_FILE), error));
    }
  }
  // the entries by case, made only to be saved
  const all = () => {
    const byId: Record<string, P> = {};
    for (const [id, entry] of entries) if (!unkeyed.has(id)) byId[id] = entry;
    return byId;
  };
  if (changed.size === 0 && previous !== undefined && reuse) return { entries, problems, all, whole: false, stamp: previous.header.stamp };
  const builtAt = (wanted ? wanted.now : new Date(previous ? Date.parse(previous.header.builtAt) : 0)).toISOString();
  const saved = writeIndexFile(file, reuse ? previous : undefined, { version: INDEX_VERSION, builtAt, ...(deadlinesKey ? { deadlinesKey } : {}), entries: all() }, changed);
  return { entries, problems, all, whole: saved.whole, stamp: saved.whole ? saved.stamp : previous?.header.stamp };
}

const SUMMARY = { valid: isPackedSummary, pack: packSummary, hasDeadlines: (entry: PackedSummary) => entry.length > 9 };
const DUE_CASE = { valid: isPackedDueCase, pack: packDueCase, hasDeadlines: () => true };

export type SummaryOptions = {
  /** with deadlines, computed (or reused) for this calendar at `now`: the nearest running one in `summary.deadlines` */
  deadlines?: { now: Date; calendar: WorkCalendar };
};

/**
 * A summary of every case that loads, in id order, and a problem for each that does not (as loadAll reports
 * them). Entries whose case files changed are made again; the index is saved when anything changed, and the
 * orders file (with the note of written cases cleared) when the main file was written whole.
 */
export async function caseSummaries(source: IndexSource, options: SummaryOptions = {}): Promise<{ summaries: CaseSummary[]; problems: LoadProblem[] }> {
  const { casesDir } = source;
  // written before the scan started: a case written during the scan stays noted for the next lookup
  const noted = changedSize(casesDir);
  const { entries, problems, all, whole, stamp } = await refresh(source, path.join(casesDir, INDEX_FILE), options.deadlines, SUMMARY);
  const ordersFile = path.join(casesDir, ORDERS_FILE);
  if (stamp !== undefined && (whole || !statSync(ordersFile, { throwIfNoEntry: false }))) {
    const orders: OrdersFile['entries'] = {};
    const byId = all();
    for (const id of Object.keys(byId)) {
      const entry = byId[id]!;
      orders[id] = [entry[0], entry[1], entry[2]];
    }
    if (writeAtomically(ordersFile, { version: INDEX_VERSION, stamp, entries: orders } satisfies OrdersFile) && noted > 0 && changedSize(casesDir) === noted) {
      try {
        truncateSync(path.join(casesDir, CHANGED_FILE), 0);
      } catch {
        /* the next listing clears it */
      }
    }
  }
  return { summaries: entries.map(([id, entry]) => unpackSummary(id, entry)), problems };
}

/**
 * After weiquan wrote a case (CaseStore's listener, under the case's lock): its entries made now from the case
 * in memory, into the deltas of the index files whose whole file was made with the same calendar and rules, so
 * the next listing finds them fresh instead of opening the store to read the case again. No index yet, one made
 * with another calendar, a full delta: left to the listing.
 */
export function recordWritten(casesDir: string, record: Case, key: string, wanted: { now: Date; calendar: WorkCalendar }): void {
  const deadlinesKey = `${calendarKey(wanted.calendar)}|${deadlineRulesKey(wanted.now)}`;
  let summary: CaseSummary | undefined;
  for (const [name, pack] of [
    [INDEX_FILE, packSummary],
    [DEADLINES_FILE, packDueCase],
  ] as const) {
    const file = path.join(casesDir, name);
    const header = readHeader(file, INDEX_VERSION);
    // deadlines computed at an earlier `now` than the file's would not be settled back: leave it to the listing
    if (!header || header.deadlinesKey !== deadlinesKey || Date.parse(header.builtAt) > wanted.now.getTime()) continue;
    summary ??= summarizeCase(record, wanted);
    addToDelta(file, header, record.id, pack(key, summary), wanted.now.toISOString());
  }
}

/** A running deadline of a case as the deadlines file keeps it, with the case it belongs to. */
export type DueRow = { caseId: string; deadline: PackedDeadline };

/**
 * Every case that loads with its running deadlines, for `due`: the cases by id, and all their running deadlines
 * in one list, most urgent first — overdue before open, then by due time (for running deadlines the same
 * thing: one past due is overdue), then by deadline id, then in case order (sortByUrgency's order).
 */
export async function dueIndex(source: IndexSource, wanted: { now: Date; calendar: WorkCalendar }): Promise<{ cases: Map<string, DueCase>; rows: DueRow[]; problems: LoadProblem[] }> {
  const { entries, problems } = await refresh(source, path.join(source.casesDir, DEADLINES_FILE), { ...wanted, all: true }, DUE_CASE);
  const cases = new Map<string, DueCase>();
  const caseOf: string[] = [];
  const caseNumber: number[] = [];
  const deadlines: PackedDeadline[] = [];
  for (let n = 0; n < entries.length; n += 1) {
    const [id, entry] = entries[n]!;
    cases.set(id, unpackDueCase(id, entry as PackedDueCase));
    for (const deadline of (entry as PackedDueCase)[6]) {
      caseOf.push(id);
      caseNumber.push(n);
      deadlines.push(deadline);
    }
  }
  return { cases, rows: urgencyOrder(deadlines, caseNumber).map((i) => ({ caseId: caseOf[i]!, deadline: deadlines[i]! })), problems };

}

/**
 * The positions of `deadlines` (listed case by case, each case's in its own order) most urgent first: by due
 * instant, then by deadline id, then by case. Due instants in whole seconds and positions fit together in one
 * exact number, so the bulk is a plain numeric sort; only runs due in the same second are ordered by comparing.
 */
export function urgencyOrder(deadlines: readonly PackedDeadline[], caseNumber: readonly number[]): number[] {
  const count = deadlines.length;
  const byTies = (a: number, b: number) => {
    const x = packedId(deadlines[a]!);
    const y = packedId(deadlines[b]!);
    return deadlines[a]![0] - deadlines[b]![0] || (x === y ? 0 : x.localeCompare(y)) || caseNumber[a]! - caseNumber[b]! || a - b;
  };
  const POSITIONS = 2 ** 21;
  const keys = new Float64Array(count);
  for (let i = 0; i < count; i += 1) {
    const seconds = deadlines[i]![0] / 1000;
    // not whole seconds, or too many to pack: compare throughout
    if (!Number.isInteger(seconds) || seconds < 0 || seconds >= 2 ** 32 || count >= POSITIONS) return [...Array(count).keys()].sort(byTies);
    keys[i] = seconds * POSITIONS + i;
  }
  keys.sort();
  const order = new Array<number>(count);
  for (let i = 0; i < count; i += 1) order[i] = keys[i]! % POSITIONS;
  // deadlines due in the same second: by id, then by case
  for (let start = 0; start < count; ) {
    let end = start + 1;
    while (end < count && Math.floor(keys[end]! / POSITIONS) === Math.floor(keys[start]! / POSITIONS)) end += 1;
    if (end - start > 1) {
      // each id made once for the run, not in every comparison
      const run = order.slice(start, end).map((position) => ({ position, id: packedId(deadlines[position]!) }));
      run.sort((a, b) => (a.id === b.id ? 0 : a.id.localeCompare(b.id)) || caseNumber[a.position]! - caseNumber[b.position]! || a.position - b.position);
      for (let k = 0; k < run.length; k += 1) order[start + k] = run[k]!.position;
    }
    start = end;
  }
  return order;
}

/** What finding a case by order number needs of each case. */
export type OrderEntry = { id: string; order: string; platform: string };

/**
 * Every case's order number and platform, for order-number lookups and the repeated-order check, without
 * looking at every case: from the orders file, trusting its entries except for the cases written since it was
 * made (CHANGED_FILE) and cases it does not know, which are checked against their files (and against the main
 * file's delta, which a listing since may have brought up to date) and read again when they changed. Without a
 * usable orders file this is a full `caseSummaries`. A case changed by another program since the last listing
 * may still show its old order number here; a listing sees it.
 */
export async function orderEntries(source: IndexSource): Promise<OrderEntry[]> {
  const { casesDir } = source;
  const orders = readOrders(path.join(casesDir, ORDERS_FILE));
  const changed = changedIds(casesDir);
  if (!orders || !changed) {
    const { summaries } = await caseSummaries(source);
    return summaries.map(({ id, order, platform }) => ({ id, order, platform }));
  }
  const delta = changed.size > 0 ? readDelta<PackedSummary>(path.join(casesDir, INDEX_FILE), INDEX_VERSION, orders.stamp) : undefined;
  const open = opener(source);
  let store: CaseStore | undefined;
  const result: OrderEntry[] = [];
  for (const id of await caseIds(casesDir)) {
    const entry = orders.entries[id];
    const known = Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'string' && typeof entry[2] === 'string';
    if (known && !changed.has(id)) {
      result.push({ id, order: entry[1], platform: entry[2] });
      continue;
    }
    const key = statKey(`${casesDir}${path.sep}${id}`);
    const listed = delta?.[id];
    if (key !== undefined && isPackedSummary(listed) && listed[0] === key) {
      result.push({ id, order: listed[1], platform: listed[2] });
      continue;
    }
    if (known && key === entry[0]) {
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
