import { lstatSync } from 'node:fs';
import path from 'node:path';
import { DataError } from '../errors.js';

/**
 * The one place a path read from stored or imported data (a journal entry, case.json, a manifest, a
 * sidecar) is joined to a case folder. Such a path is relative, written with forward slashes, and must
 * stay inside the case folder without passing through a symbolic link; anything else is refused, because
 * following it would let a crafted archive make weiquan read, hash, copy or chmod a file outside the case.
 */
export type CasePathProblem = 'empty' | 'absolute' | 'escapes' | 'symlink' | 'bad-characters';

/** Check the text of a stored path on its own (no disk access): relative, forward slashes, no `.`/`..`. */
export function casePathTextProblem(relative: string): CasePathProblem | undefined {
  if (typeof relative !== 'string' || relative === '') return 'empty';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(relative)) return 'bad-characters';
  if (relative.startsWith('/') || /^[a-zA-Z]:/.test(relative) || path.isAbsolute(relative)) return 'absolute';
  const parts = relative.split('/');
  if (parts.some((part) => part === '..')) return 'escapes';
  if (parts.some((part) => part === '' || part === '.')) return 'bad-characters';
  return undefined;
}

/**
 * Resolve `relative` inside `caseDir` and check it on disk: no component may be a symbolic link (a part
 * that does not exist yet is fine — a missing file is the caller's finding, not an escape).
 */
export function inspectCasePath(caseDir: string, relative: string): { absolute: string } | { problem: CasePathProblem } {
  const textProblem = casePathTextProblem(relative);
  if (textProblem) return { problem: textProblem };
  const root = path.resolve(caseDir);
  const absolute = path.resolve(root, ...relative.split('/'));
  if (!absolute.startsWith(root + path.sep)) return { problem: 'escapes' };
  let current = root;
  for (const part of relative.split('/')) {
    current = path.join(current, part);
    try {
      if (lstatSync(current).isSymbolicLink()) return { problem: 'symlink' };
    } catch {
      break; // does not exist (or cannot be read): nothing below it can lead outside
    }
  }
  return { absolute };
}

/**
 * The absolute path of a stored path inside its case folder, or a DataError (exit 3) naming the entry
 * (`entry`, e.g. "E2") and what is wrong with it.
 */
export function casePath(caseDir: string, relative: string, entry?: string): string {
  const result = inspectCasePath(caseDir, relative);
  if ('problem' in result) {
    throw new DataError('store.pathOutsideCase', { path: JSON.stringify(relative), entry: entry ?? '-', problem: result.problem, dir: caseDir }, 'store.hint.pathOutsideCase');
  }
  return result.absolute;
}
