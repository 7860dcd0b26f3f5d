/**
 * The case folders' names and files, without the case model: what the case index needs to find the cases
 * and tell which changed, so that a listing from a fresh index loads neither the schemas nor the journal code.
 */
import { appendFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DataError } from '../errors.js';

export const CASE_FILE = 'case.json';
export const JOURNAL_FILE = 'journal.jsonl';
/**
 * Beside the case index: the ids of cases written since the index was last made whole, one a line. weiquan
 * appends to it after every write to a case, so a lookup by order number checks those cases again and
 * trusts the rest of the index without looking at every case folder (see orderEntries). A full listing
 * clears it.
 */
export const CHANGED_FILE = '.index-changed';
/**
 * Beside the case index: one small file a case naming the case.json (by size, times and inode, with the
 * version of weiquan that checked it) that last passed the full check against the case format — written after
 * a check and by weiquan's own writes, which check every change; only for a case.json of 32 KB or more (a
 * small one is checked faster than the note is written). A case.json it names is read without being
 * checked again (a case with a thousand contacts took longer to check than to read); any other — changed by
 * hand or by another program, its change time moved — is checked in full. Only a cache: missing or
 * damaged, the case is checked, as without it.
 */
export const CHECKED_DIR = '.index-checked';
const CASE_ID = /^C(\d+)$/;

/**
 * What identifies a case.json's content: its size, times and inode (its change time moves with any write or
 * permission change, and cannot be set back by hand). The case index keys its entries with it, the store its
 * checks.
 */
export function fileKey(info: { size: number; mtimeMs: number; ctimeMs: number; ino: number }): string {
  return `${info.size}:${info.mtimeMs}:${info.ctimeMs}:${info.ino}`;
}

/** The folder of the cases in a data home. */
export function casesDirOf(home: string): string {
  return path.join(home, 'cases');
}

/** The case ids in a cases folder, in number order ([] when there is no folder yet). */
export async function caseIds(casesDir: string): Promise<string[]> {
  let names: string[];
  try {
    // synchronous: a listing has nothing else to do meanwhile, and the thread-pool round trip left it idle
    names = readdirSync(casesDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  // each number read once, not in every comparison (5,000 cases: some 60,000 comparisons)
  const numbered: { name: string; n: number }[] = [];
  for (const name of names) if (CASE_ID.test(name)) numbered.push({ name, n: Number(name.slice(1)) });
  return numbered.sort((a, b) => a.n - b.n).map((entry) => entry.name);
}

/** A case that does not load; `kind` says whether repair can help (not for a permission problem). */
export type LoadProblem = { id: string; file: string; reason: string; kind: 'missing' | 'damaged' | 'unreadable' };

/** Describe why a case did not load, for a warning that keeps the other cases listed. */
export function loadProblem(id: string, file: string, error: unknown): LoadProblem {
  const key = error instanceof DataError ? error.key : undefined;
  return {
    id,
    file,
    reason: error instanceof DataError ? String(error.params.reason ?? '') : String(error),
    kind: key === 'store.caseFileMissing' ? 'missing' : key === 'store.caseFileUnreadable' ? 'unreadable' : 'damaged',
  };
}

/** Note that cases were written (after the write): see CHANGED_FILE. Never fails: it only serves a cache. */
export function noteCaseWritten(casesDir: string, ids: readonly string[]): void {
  try {
    appendFileSync(path.join(casesDir, CHANGED_FILE), ids.map((id) => `${id}\n`).join(''), { mode: 0o600 });
  } catch {
    // the next full listing checks every case anyway
  }
}

/** What CHECKED_DIR says of a case (undefined when nothing, or unreadable). */
export function checkedMark(casesDir: string, id: string): string | undefined {
  try {
    return readFileSync(path.join(casesDir, CHECKED_DIR, id), 'utf8');
  } catch {
    return undefined;
  }
}

/** Note what passed the check (see CHECKED_DIR). Never fails: it only serves a cache. */
export function noteChecked(casesDir: string, id: string, mark: string): void {
  try {
    const dir = path.join(casesDir, CHECKED_DIR);
    try {
      writeFileSync(path.join(dir, id), mark, { mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      writeFileSync(path.join(dir, id), mark, { mode: 0o600 });
    }
  } catch {
    // the next read checks the case in full
  }
}
