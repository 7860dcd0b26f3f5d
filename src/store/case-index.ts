/**
 * The case index: one small file (`cases/.index.json`) holding a summary of every case, so that `list`,
 * `due`, `new`'s repeated-order check and order-number lookups read one file and stat the case folders
 * instead of parsing and validating every case.
 *
 * Each entry is keyed by the size, mtime and inode of the case's case.json and the size of its journal: a
 * write (an atomic rename, or a journal append not yet folded in) changes the key and the entry is made
 * again from the case files. The deadlines in an entry also carry what they were computed with (the
 * calendar and the rules in force); when that changes they are computed again. The index is a cache: a
 * missing, damaged or stale index is rebuilt silently, and failing to write it is never an error.
 */
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { type CaseSummary, summarizeCase } from '../core/case-summary.js';
import { deadlineRulesKey } from '../core/deadlines.js';
import { addCalendarDays, type WorkCalendar } from '../core/working-days.js';
import { DataError } from '../errors.js';
import { CASE_FILE, type CaseStore, JOURNAL_FILE, loadProblem, type LoadProblem } from './case-store.js';
import { FILE_MODE } from './file-system.js';

export const INDEX_FILE = '.index.json';
const INDEX_VERSION = 1;

type Entry = { key: string; summary: CaseSummary; deadlinesKey?: string };
type IndexFile = { version: number; builtAt: string; entries: Record<string, Entry> };

const calendarKeys = new WeakMap<WorkCalendar, string>();

/** What the calendar says about every day of the years it has data for, boiled down to a short hash. */
export function calendarKey(calendar: WorkCalendar): string {
  const known = calendarKeys.get(calendar);
  if (known) return known;
  // FNV-1a over the day kinds: a changed holiday file for a known year changes the key
  let hash = 0x811c9dc5;
  const years = calendar.knownYears();
  for (const year of years) {
    for (let date = `${year}-01-01`; date.startsWith(String(year)); date = addCalendarDays(date, 1)) {
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

function statKey(dir: string): string | undefined {
  try {
    const snapshot = statSync(path.join(dir, CASE_FILE));
    let journalSize = 0;
    try {
      journalSize = statSync(path.join(dir, JOURNAL_FILE)).size;
    } catch {
      // a missing journal: load() decides what that means
    }
    return `${snapshot.size}:${snapshot.mtimeMs}:${snapshot.ino}:${journalSize}`;
  } catch {
    return undefined;
  }
}

function readIndex(file: string): IndexFile | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<IndexFile>;
    if (parsed.version !== INDEX_VERSION || typeof parsed.builtAt !== 'string' || typeof parsed.entries !== 'object' || parsed.entries === null) return undefined;
    return parsed as IndexFile;
  } catch {
    return undefined;
  }
}

function writeIndex(file: string, index: IndexFile): void {
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

export type SummaryOptions = {
  /** with deadlines: computed (or reused) for this calendar at `now` */
  deadlines?: { now: Date; calendar: WorkCalendar };
};

/**
 * A summary of every case that loads, in id order, and a problem for each that does not (as loadAll reports
 * them). Entries whose case files changed are made again; the index file is rewritten when anything changed.
 */
export async function caseSummaries(store: CaseStore, options: SummaryOptions = {}): Promise<{ summaries: CaseSummary[]; problems: LoadProblem[] }> {
  const file = path.join(store.casesDir, INDEX_FILE);
  const ids = await store.ids();
  const previous = readIndex(file);
  const wanted = options.deadlines;
  const deadlinesKey = wanted ? `${calendarKey(wanted.calendar)}|${deadlineRulesKey(wanted.now)}` : undefined;
  // deadlines computed at a later `now` cannot be settled back to an earlier one
  const reuseDeadlines = wanted !== undefined && previous !== undefined && Date.parse(previous.builtAt) <= wanted.now.getTime();
  const entries: Record<string, Entry> = {};
  const summaries: CaseSummary[] = [];
  const problems: LoadProblem[] = [];
  let changed = previous === undefined || Object.keys(previous.entries).length !== ids.length;
  for (const id of ids) {
    const dir = store.caseDir(id);
    const key = statKey(dir);
    const old = previous?.entries[id];
    if (key !== undefined && isEntry(old) && old.key === key && (!wanted || (reuseDeadlines && old.deadlinesKey === deadlinesKey))) {
      entries[id] = old;
      summaries.push(old.summary);
      continue;
    }
    changed = true;
    try {
      const record = await store.load(id);
      const summary = summarizeCase(record, wanted);
      if (key !== undefined) entries[id] = { key, summary, ...(deadlinesKey ? { deadlinesKey } : {}) };
      summaries.push(summary);
    } catch (error) {
      // one bad folder never hides the rest (as loadAll)
      problems.push(loadProblem(id, path.join(dir, CASE_FILE), error));
    }
  }
  if (changed) {
    const builtAt = wanted ? wanted.now : new Date(previous ? Date.parse(previous.builtAt) : 0);
    writeIndex(file, { version: INDEX_VERSION, builtAt: builtAt.toISOString(), entries });
  }
  return { summaries, problems };
}
