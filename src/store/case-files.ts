/**
 * The case folders' names and files, without the case model: what the case index needs to find the cases
 * and tell which changed, so that a listing from a fresh index loads neither the schemas nor the journal code.
 */
import { appendFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
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
const CASE_ID = /^C(\d+)$/;

/** The folder of the cases in a data home. */
export function casesDirOf(home: string): string {
  return path.join(home, 'cases');
}

/** The case ids in a cases folder, in number order ([] when there is no folder yet). */
export async function caseIds(casesDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(casesDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names.filter((name) => CASE_ID.test(name)).sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
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
