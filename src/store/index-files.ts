/**
 * The case index's files on disk: each a whole file (`.index.json` …) and beside it a small file of the entries
 * made since (`.index.json.delta`), so that a listing after a few writes saves those few entries, not the
 * thousands it did not change. A delta names the whole file it belongs to (`stamp`); a delta of another whole
 * file is ignored. When the delta would grow past DELTA_LIMIT entries, the whole file is written again and
 * the delta goes. Both are caches: unreadable or damaged, they count as absent (the index is rebuilt from the
 * case files), and failing to write them is never an error.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { FILE_MODE } from './file-system.js';

export const DELTA_SUFFIX = '.delta';
/** Entries a delta may hold before the whole file is written again. */
export const DELTA_LIMIT = 200;

export type IndexHeader = { version: number; builtAt: string; deadlinesKey?: string; stamp: string };
type Stored<E> = IndexHeader & { entries: Record<string, E> };

/** A whole file with its delta applied: `entries` holds both; `builtAt` is the later of the two. */
export type LoadedIndex<E> = { header: IndexHeader; entries: Record<string, E>; deltaIds: string[] };

function parse<E>(file: string, version: number): Stored<E> | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Stored<E>>;
    if (parsed.version !== version || typeof parsed.builtAt !== 'string' || typeof parsed.stamp !== 'string') return undefined;
    if (typeof parsed.entries !== 'object' || parsed.entries === null || Array.isArray(parsed.entries)) return undefined;
    return parsed as Stored<E>;
  } catch {
    return undefined;
  }
}

export function readIndexFile<E>(file: string, version: number): LoadedIndex<E> | undefined {
  const base = parse<E>(file, version);
  if (!base) return undefined;
  const { entries, ...header } = base;
  const delta = parse<E>(`${file}${DELTA_SUFFIX}`, version);
  if (!delta || delta.stamp !== base.stamp || delta.deadlinesKey !== base.deadlinesKey) return { header, entries, deltaIds: [] };
  const deltaIds = Object.keys(delta.entries);
  for (const id of deltaIds) entries[id] = delta.entries[id]!;
  const builtAt = Date.parse(delta.builtAt) > Date.parse(base.builtAt) ? delta.builtAt : base.builtAt;
  return { header: { ...header, builtAt }, entries, deltaIds };
}

/** Only the delta, when it belongs to the whole file `stamp` (for lookups that need just the latest entries). */
export function readDelta<E>(file: string, version: number, stamp: string): Record<string, E> | undefined {
  const delta = parse<E>(`${file}${DELTA_SUFFIX}`, version);
  return delta && delta.stamp === stamp ? delta.entries : undefined;
}

const NOT_ASCII = /[\u007f-\uffff]/g;
const escapeCharacter = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Write `value` as JSON to `file` through a temporary file and a rename; false (and nothing left) when that fails. */
export function writeAtomically(file: string, value: unknown): boolean {
  const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    // in ASCII (other characters as \u escapes): read back as one-byte text, which decodes twice as fast
    writeFileSync(temp, JSON.stringify(value).replace(NOT_ASCII, escapeCharacter), { mode: FILE_MODE });
    renameSync(temp, file);
    return true;
  } catch {
    // a read-only data home, a full disk: the index is only a cache
    try {
      statSync(temp);
      unlinkSync(temp);
    } catch {
      /* nothing left behind */
    }
    return false;
  }
}

/**
 * Save the index: as a delta of `previous` (the entries in `changed` and those its delta already held) when
 * that stays small and `previous` was made with the same deadlines key, else as a whole file. Returns whether
 * the whole file was written (with its stamp), so companions of the whole file can follow.
 */
export function writeIndexFile<E>(
  file: string,
  previous: LoadedIndex<E> | undefined,
  next: { version: number; builtAt: string; deadlinesKey?: string; entries: Record<string, E> },
  changed: ReadonlySet<string>,
): { whole: boolean; stamp?: string } {
  const { entries, ...header } = next;
  if (previous && previous.header.version === next.version && previous.header.deadlinesKey === next.deadlinesKey) {
    const ids = new Set([...previous.deltaIds, ...changed]);
    if (ids.size <= DELTA_LIMIT) {
      const delta: Record<string, E> = {};
      for (const id of ids) if (entries[id] !== undefined) delta[id] = entries[id];
      writeAtomically(`${file}${DELTA_SUFFIX}`, { ...header, stamp: previous.header.stamp, entries: delta });
      return { whole: false };
    }
  }
  const stamp = randomBytes(6).toString('hex');
  // the old delta names the old stamp: from here on it is ignored, and removed as a courtesy
  if (!writeAtomically(file, { ...header, stamp, entries })) return { whole: false };
  try {
    unlinkSync(`${file}${DELTA_SUFFIX}`);
  } catch {
    /* none, or not ours to remove */
  }
  return { whole: true, stamp };
}

/**
 * The header of a whole file alone (its version, builtAt, deadlines key and stamp), read from its first bytes:
 * what a writer needs to add an entry to its delta without parsing thousands of entries. The header is written
 * before the entries (writeIndexFile).
 */
export function readHeader(file: string, version: number): IndexHeader | undefined {
  try {
    const fd = openSync(file, 'r');
    let text: string;
    try {
      const buffer = Buffer.alloc(4096);
      text = buffer.toString('utf8', 0, readSync(fd, buffer, 0, buffer.length, 0));
    } finally {
      closeSync(fd);
    }
    const end = text.indexOf(',"entries":');
    if (end < 0) return undefined;
    const header = JSON.parse(`${text.slice(0, end)}}`) as Partial<IndexHeader>;
    if (header.version !== version || typeof header.builtAt !== 'string' || typeof header.stamp !== 'string') return undefined;
    return header as IndexHeader;
  } catch {
    return undefined;
  }
}

/**
 * Add one entry (made at `builtAt`) to the delta of the whole file `header` describes, as a listing would save
 * it. Nothing is written when the delta is full: the next listing writes the whole file.
 */
export function addToDelta<E>(file: string, header: IndexHeader, id: string, entry: E, builtAt: string): void {
  const delta = parse<E>(`${file}${DELTA_SUFFIX}`, header.version);
  const entries = delta && delta.stamp === header.stamp && delta.deadlinesKey === header.deadlinesKey ? delta.entries : {};
  if (!(id in entries) && Object.keys(entries).length >= DELTA_LIMIT) return;
  entries[id] = entry;
  const times = [header.builtAt, builtAt, ...(delta && delta.stamp === header.stamp ? [delta.builtAt] : [])];
  const latest = times.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
  const { entries: _entries, ...rest } = { ...header, entries };
  writeAtomically(`${file}${DELTA_SUFFIX}`, { ...rest, builtAt: latest, entries });
}
