import { closeSync, existsSync, fstatSync, openSync, readFileSync, statSync } from 'node:fs';
import { readdir, rename, truncate, utimes } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { ZodError } from 'zod';
import { type Case, CaseSchema, type CaseFacts } from '../core/case-model.js';
import { factsOnlyIn } from '../core/case-compare.js';
import { applyEntry, type CaseEvent, foldJournal, type JournalEntry, JournalEventError } from '../core/case-events.js';
import { checkChain, sealEntry } from '../core/journal-chain.js';
import { DataError, UsageError } from '../errors.js';
import { appendDurably, ensureDir, removeQuietly, writeFileAtomically } from './file-system.js';
import { headOf, readJournal, trimTornTail } from './journal-file.js';
import { readJournalTail } from './journal-tail.js';
import { withLock } from './lock.js';

import { CASE_FILE, caseIds, casesDirOf, checkedMark, fileKey, JOURNAL_FILE, loadProblem, type LoadProblem, noteCaseWritten, noteChecked } from './case-files.js';
import { packageVersion } from '../package-info.js';
import { isProcessAlive } from './owner-process.js';

export { CASE_FILE, JOURNAL_FILE, loadProblem, type LoadProblem } from './case-files.js';
const LOCK_NAME = '.lock';

/** A check by this version of weiquan (a newer one may read the format differently: it checks again). */
function checkedBy(key: string): string {
  return `${packageVersion()} ${key}`;
}

/**
 * From this size on a case.json's check is worth noting (see CHECKED_DIR): a small case is checked in less time
 * than the note takes to write, and a listing that reads thousands of them writes none.
 */
const NOTED_FROM_BYTES = 32 * 1024;

function journalSizeSync(file: string): number {
  try {
    return statSync(file).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

/** What a mutation returns: the events to record. It may write files into the case folder first. */
export type Mutation = (current: Case, caseDir: string) => Promise<CaseEvent[] | CaseEvent> | CaseEvent[] | CaseEvent;

function describeZodError(error: ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

/** Fold a case's journal; a damaged entry becomes a data error naming the case, the file and the line. */
function foldNamed(id: string, file: string, fold: () => Case | undefined): Case | undefined {
  try {
    return fold();
  } catch (error) {
    if (!(error instanceof JournalEventError)) throw error;
    throw new DataError('store.journalBadEvent', { id, file, ...error.problem }, 'store.hint.verify', { id });
  }
}

/** Staging folders (`.staging-<pid>-…`) whose process is gone: left by a killed capture or import. */
async function removeStaleStaging(dir: string): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const match = /^\.staging-(\d+)-/.exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || isProcessAlive(pid)) continue;
    await removeQuietly(path.join(dir, name));
    removed.push(name);
  }
  return removed;
}

/**
 * CaseSchema.parse(next) for a case made from the valid `current` by applying events: the parts the events
 * left as they were (the same objects) are taken as valid, a list the events only appended to has just the new
 * items checked, and everything else is checked whole. A change to a case with a thousand contacts does not
 * check the thousand contacts again. The result has the schema's key order and nothing the schema lacks.
 */
export function validateChange(current: Case, next: Case): Case {
  const shape = CaseSchema.shape;
  const before = current as Record<string, unknown>;
  const after = next as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(shape) as (keyof typeof shape)[]) {
    const was = before[key];
    const value = after[key];
    if (value !== undefined && value === was) {
      out[key] = value;
      continue;
    }
    if (Array.isArray(value) && Array.isArray(was) && value.length > was.length && was.every((item, i) => value[i] === item)) {
      out[key] = [...was, ...(shape[key].parse(value.slice(was.length)) as unknown[])];
      continue;
    }
    const parsed = shape[key].parse(value);
    if (parsed !== undefined || key in after) out[key] = parsed;
  }
  return out as Case;
}

/**
 * Told of each case this store wrote (a new case, or one `mutate` changed), with the key of the case.json it
 * wrote (fileKey): the case index brings its entries up to date from the case in memory. Called under the case's
 * lock (for a new case: with the key of the file before it was put in place), so the key is the key of that very
 * content; a failure is ignored (the index is a cache).
 */
export type WrittenListener = (record: Case, key: string) => Promise<void> | void;

/** Case folders on disk: one folder a case, case.json as the fold of a hash-chained journal.jsonl. */
export class CaseStore {
  readonly casesDir: string;

  constructor(
    readonly home: string,
    private readonly onWritten?: WrittenListener,
  ) {
    this.casesDir = casesDirOf(home);
  }

  private async tell(record: Case, key: string | undefined): Promise<void> {
    if (!this.onWritten || key === undefined) return;
    try {
      await this.onWritten(record, key);
    } catch {
      /* the index is a cache: the next listing reads the case */
    }
  }

  caseDir(id: string): string {
    return path.join(this.casesDir, id);
  }

  ids(): Promise<string[]> {
    return caseIds(this.casesDir);
  }

  /**
   * Create a case: the folder is built under a staging name and renamed into place, so an id is claimed
   * atomically (rename onto an existing, non-empty case folder fails) and a crash leaves no half case.
   */
  async create(facts: CaseFacts, now: Date, tell = true): Promise<Case> {
    await ensureDir(this.casesDir);
    for (let attempt = 0; attempt < 1000; attempt += 1) {
      const ids = await this.ids();
      const created = await this.claim(`C${ids.length === 0 ? 1 : Number(ids.at(-1)!.slice(1)) + 1}`, facts, now, tell);
      if (created) return created;
    }
    throw new DataError('store.createFailed', { dir: this.casesDir });
  }

  /**
   * Create many cases (batch intake), a few at a time so that their fsyncs overlap. Ids are claimed in list
   * order; one taken meanwhile by another process falls back to `create`.
   */
  async createMany(list: readonly CaseFacts[], now: Date, onCreated?: (created: Case, done: number) => void): Promise<Case[]> {
    await ensureDir(this.casesDir);
    const ids = await this.ids();
    let nextNumber = ids.length === 0 ? 1 : Number(ids.at(-1)!.slice(1)) + 1;
    const results: Case[] = new Array<Case>(list.length);
    let cursor = 0;
    let done = 0;
    const worker = async () => {
      while (cursor < list.length) {
        const index = cursor++;
        const facts = list[index]!;
        // a batch tells nobody case by case: the listing after it brings the index up to date in one go
        const created = (await this.claim(`C${nextNumber++}`, facts, now, false)) ?? (await this.create(facts, now, false));
        results[index] = created;
        done += 1;
        onCreated?.(created, done);
      }
    };
    await Promise.all(Array.from({ length: Math.min(16, list.length) }, worker));
    return results;
  }

  /** Build the case under a staging name and rename it to `id`; undefined when that id is taken. */
  private async claim(id: string, facts: CaseFacts, now: Date, tell = true): Promise<Case | undefined> {
    const staging = path.join(this.casesDir, `.new-${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      await ensureDir(staging);
      const entry = sealEntry(1, now.toISOString(), 'case.created', { id, ...facts }, headOf({ entries: [], bytes: 0, badLines: [], tornTail: false }).hash);
      const line = `${JSON.stringify(entry)}\n`;
      await appendDurably(path.join(staging, JOURNAL_FILE), line);
      const created = CaseSchema.parse(applyEntry(undefined, entry, Buffer.byteLength(line)));
      await writeFileAtomically(path.join(staging, CASE_FILE), `${JSON.stringify(created, null, 2)}\n`);
      // the key of this very file: moving its folder into place changes neither its times nor its inode
      const written = statSync(path.join(staging, CASE_FILE), { throwIfNoEntry: false });
      try {
        await rename(staging, this.caseDir(id));
        noteCaseWritten(this.casesDir, [id]);
        if (tell) await this.tell(created, written && fileKey(written));
        return created;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'EPERM' || code === 'EACCES') return undefined;
        throw error;
      }
    } finally {
      await removeQuietly(staging);
    }
  }

  /**
   * The snapshots this store has validated, by case, with what identified the file then (size, times, inode):
   * a command that loads a case and then changes it reads case.json twice (before and under the lock), and
   * a large case is not validated twice when the file has not changed in between. Loaded cases are never
   * changed in place (every change is a new object from applyEntry), so the same object can be handed out.
   */
  private readonly validated = new Map<string, { key: string; value: Case }>();

  /** case.json of a case, validated: the snapshot as written, without catching up with the journal. */
  readSnapshot(id: string): Case {
    const file = path.join(this.caseDir(id), CASE_FILE);
    let text: string;
    let key: string;
    try {
      // Synchronous on purpose: `list` reads a thousand small files, and the thread-pool round trips of
      // the async API cost more than the reads themselves.
      const fd = openSync(file, 'r');
      try {
        const info = fstatSync(fd);
        key = fileKey(info);
        const known = this.validated.get(id);
        if (known?.key === key) return known.value;
        text = readFileSync(fd, 'utf8');
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new DataError('store.caseFileMissing', { id, file }, 'store.hint.repair', { id });
      // a permission problem is not damage: repair would not help
      throw new DataError('store.caseFileUnreadable', { id, file, reason: code ?? String(error) }, 'store.hint.permissions', { file });
    }
    try {
      const raw: unknown = JSON.parse(text);
      // checked before, as this very file: what was written from a checked case reads back the same
      const noted = text.length >= NOTED_FROM_BYTES;
      if (noted && checkedMark(this.casesDir, id) === checkedBy(key)) {
        this.validated.set(id, { key, value: raw as Case });
        return raw as Case;
      }
      const parsed = CaseSchema.safeParse(raw);
      if (!parsed.success) throw new Error(describeZodError(parsed.error));
      this.validated.set(id, { key, value: parsed.data });
      if (noted) noteChecked(this.casesDir, id, checkedBy(key));
      return parsed.data;
    } catch (error) {
      throw new DataError('store.caseFileCorrupt', { id, file, reason: (error as Error).message }, 'store.hint.repair', { id });
    }
  }

  /**
   * After a write of a checked case (under its lock): note it for the case index, case.json as checked (see
   * CHECKED_DIR), and tell the listener.
   */
  private async noteWritten(record: Case): Promise<void> {
    const { id } = record;
    noteCaseWritten(this.casesDir, [id]);
    const info = statSync(path.join(this.caseDir(id), CASE_FILE), { throwIfNoEntry: false });
    if (info && info.size >= NOTED_FROM_BYTES) noteChecked(this.casesDir, id, checkedBy(fileKey(info)));
    await this.tell(record, info && fileKey(info));
  }

  /** Load one case by id, validated; replays journal entries newer than the snapshot (crash recovery). */
  async load(id: string): Promise<Case> {
    const snapshot = this.readSnapshot(id);
    const journalFile = path.join(this.caseDir(id), JOURNAL_FILE);
    if (journalSizeSync(journalFile) === snapshot.journal.bytes) return snapshot;
    // The journal moved on after the snapshot was written (a crash between the two writes): catch up.
    const journal = await readJournal(journalFile);
    return foldNamed(id, journalFile, () => foldJournal(journal.entries, snapshot))!;
  }

  /** Every case that loads, and a problem line for each that does not: one bad folder never hides the rest. */
  async loadAll(): Promise<{ cases: Case[]; problems: LoadProblem[] }> {
    const cases: Case[] = [];
    const problems: LoadProblem[] = [];
    const ids = await this.ids();
    const results = await Promise.allSettled(ids.map((id) => this.load(id)));
    results.forEach((result, index) => {
      const id = ids[index]!;
      if (result.status === 'fulfilled') cases.push(result.value);
      else
        problems.push(loadProblem(id, path.join(this.caseDir(id), CASE_FILE), result.reason));
    });
    return { cases, problems };
  }

  /**
   * Find a case by id (case-insensitive) or order number. Unknown or ambiguous references are usage
   * errors that list the candidates.
   */
  async resolve(reference: string): Promise<Case> {
    const wanted = reference.trim();
    const byId = /^c\d+$/i.test(wanted) ? `C${wanted.slice(1).replace(/^0+(?=\d)/, '')}` : undefined;
    if (byId && (await this.ids()).includes(byId)) return this.load(byId);
    // order numbers from the case index: no need to parse every case to find one
    const { orderEntries } = await import('./case-index.js');
    const cases = await orderEntries(this);
    const exact = cases.filter((c) => c.order === wanted);
    if (exact.length === 1) return this.load(exact[0]!.id);
    if (exact.length > 1) {
      throw new UsageError('case.ambiguous', { reference: wanted, candidates: exact.map((c) => `${c.id} (${c.platform})`).join(', ') });
    }
    const partial = cases.filter((c) => wanted.length >= 3 && c.order.includes(wanted));
    if (partial.length === 1) return this.load(partial[0]!.id);
    const candidates = (partial.length > 0 ? partial : cases.slice(-5)).map((c) => `${c.id} ${c.order} (${c.platform})`);
    if (partial.length > 1) throw new UsageError('case.ambiguous', { reference: wanted, candidates: candidates.join(', ') });
    throw new UsageError('case.unknown', { reference: wanted, candidates: candidates.join(', ') || '-' }, cases.length === 0 ? 'case.hint.none' : 'case.hint.list');
  }

  /**
   * Change a case under its lock: read the current state, let `mutation` decide the events (and write any
   * files), append them to the journal durably, then write the new snapshot atomically.
   */
  async mutate(id: string, now: () => Date, mutation: Mutation): Promise<Case> {
    const dir = this.caseDir(id);
    if (!existsSync(dir)) throw new DataError('store.caseFileMissing', { id, file: path.join(dir, CASE_FILE) });
    return withLock(dir, LOCK_NAME, async () => {
      const journalFile = path.join(dir, JOURNAL_FILE);
      const current = await this.currentForWrite(id);
      await removeStaleStaging(dir);
      const produced = await mutation(current, dir);
      const events = Array.isArray(produced) ? produced : [produced];
      if (events.length === 0) return current;
      let head = { seq: current.journal.seq, hash: current.journal.head };
      let bytes = current.journal.bytes;
      let next = current;
      let lines = '';
      const at = now().toISOString();
      for (const event of events) {
        const entry: JournalEntry = sealEntry(head.seq + 1, at, event.type, event.data, head.hash);
        const line = `${JSON.stringify(entry)}\n`;
        bytes += Buffer.byteLength(line);
        next = applyEntry(next, entry, bytes);
        head = { seq: entry.seq, hash: entry.hash };
        lines += line;
      }
      const validated = validateChange(current, next);
      // case.json is marked changed before the journal grows: should the snapshot write below never happen
      // (a crash), the case index still sees that this case must be read again (and load() catches up)
      const marked = new Date();
      await utimes(path.join(dir, CASE_FILE), marked, marked);
      await appendDurably(journalFile, lines);
      await writeFileAtomically(path.join(dir, CASE_FILE), `${JSON.stringify(validated, null, 2)}\n`);
      await this.noteWritten(validated);
      return validated;
    });
  }

  /**
   * The case a write starts from, checked in O(1) of the journal's length (call under the lock): the
   * journal must end with the entry case.json records, at the offset it records (a journal that lost
   * lines, or is missing, would otherwise take new entries with reused sequence numbers); entries after
   * it (a crash before the snapshot was written) must chain on and are folded in; a torn last line (a
   * crash mid-append) is cut off. The whole chain is `verify`'s job.
   */
  private async currentForWrite(id: string): Promise<Case> {
    const dir = this.caseDir(id);
    const journalFile = path.join(dir, JOURNAL_FILE);
    const snapshot = this.readSnapshot(id);
    const tail = await readJournalTail(journalFile, snapshot.journal);
    if (!tail.ok) {
      const key = tail.problem === 'missing' ? 'store.journalMissing' : tail.problem === 'shorter' ? 'store.journalShort' : 'store.journalBroken';
      throw new DataError(key, { id, file: journalFile, seq: snapshot.journal.seq, bytes: snapshot.journal.bytes, size: tail.size }, 'store.hint.journalBehind', { id });
    }
    if (tail.tornBytes > 0) await truncate(journalFile, tail.completeBytes);
    let current = snapshot;
    let bytes = snapshot.journal.bytes;
    for (const entry of tail.after) {
      bytes += Buffer.byteLength(`${JSON.stringify(entry)}\n`);
      current = foldNamed(id, journalFile, () => applyEntry(current, entry, bytes))!;
    }
    // caught up from the journal: validated whole, since validateChange trusts what it starts from
    return tail.after.length > 0 ? CaseSchema.parse(current) : current;
  }

  /**
   * For documents: the case as its journal records it. A case.json changed by hand (valid, but not what the
   * journal says) or a broken chain stops here, so no letter or bundle is built on altered facts.
   */
  async loadForDocuments(record: Case): Promise<Case> {
    const file = path.join(this.caseDir(record.id), JOURNAL_FILE);
    const journal = await readJournal(file);
    if (journal.entries.length === 0 || journal.badLines.length > 0 || checkChain(journal.entries).length > 0) {
      throw new DataError('store.journalBroken', { id: record.id, file }, 'store.hint.verify', { id: record.id });
    }
    const fromJournal = CaseSchema.parse(foldNamed(record.id, file, () => foldJournal(journal.entries)));
    // both through the schema, so key order (which the fold does not keep) cannot make a difference
    if (JSON.stringify(fromJournal) !== JSON.stringify(CaseSchema.parse(record))) {
      throw new DataError('store.snapshotMismatch', { id: record.id, file: path.join(this.caseDir(record.id), CASE_FILE) }, 'store.hint.repair', { id: record.id });
    }
    return fromJournal;
  }

  /** Read the journal with its chain checked. */
  async journal(id: string) {
    const read = await readJournal(path.join(this.caseDir(id), JOURNAL_FILE));
    return { ...read, chainProblems: checkChain(read.entries) };
  }

  /**
   * Rebuild case.json from an intact journal (the recovery for a corrupt or deleted case.json). When the
   * current case.json still holds facts the journal does not (lost journal lines, a hand edit), they are
   * named and `confirmDrop` decides; without its yes nothing is written.
   */
  async rebuild(id: string, confirmDrop: (lost: string[]) => Promise<boolean> = async () => false): Promise<Case> {
    const dir = this.caseDir(id);
    return withLock(dir, LOCK_NAME, async () => {
      const journalFile = path.join(dir, JOURNAL_FILE);
      const journal = await readJournal(journalFile);
      if (journal.entries.length === 0 && journal.badLines.length === 0) {
        throw new DataError('store.journalMissing', { id, file: journalFile }, 'store.hint.backup');
      }
      const problems = checkChain(journal.entries);
      if (journal.badLines.length > 0 || problems.length > 0) {
        throw new DataError('store.journalBroken', { id, file: journalFile }, 'store.hint.backup');
      }
      let validated: Case;
      try {
        validated = CaseSchema.parse(foldNamed(id, journalFile, () => foldJournal(journal.entries)));
      } catch (error) {
        if (error instanceof DataError) throw error;
        throw new DataError('store.journalUnreadable', { id, file: journalFile, reason: (error as Error).message.split('\n')[0]!.slice(0, 200) }, 'store.hint.backup');
      }
      let snapshot: Case | undefined;
      try {
        snapshot = this.readSnapshot(id);
      } catch {
        snapshot = undefined; // missing or damaged: nothing readable to lose
      }
      const lost = snapshot ? factsOnlyIn(snapshot, validated) : [];
      if (lost.length > 0 && !(await confirmDrop(lost))) {
        throw new UsageError('repair.wouldDrop', { id, file: path.join(dir, CASE_FILE), lost: lost.join(', ') }, 'repair.hint.confirm', { id });
      }
      await trimTornTail(journalFile, journal);
      await writeFileAtomically(path.join(dir, CASE_FILE), `${JSON.stringify(validated, null, 2)}\n`);
      await this.noteWritten(validated);
      return validated;
    });
  }
}
