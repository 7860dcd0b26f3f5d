/**
 * verify's part for trusted timestamps, offline: each stored token and chain still has its recorded hash,
 * the stamped hash is the journal entry it names, and the token's signature verifies against the stored chain.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Case, Stamp } from '../core/case-model.js';
import type { JournalEntry } from '../core/case-events.js';
import { canonicalEntry } from '../core/journal-chain.js';
import { sha256Of } from '../evidence/hashing.js';
import type { VerifyCheck, VerifyProblem } from '../evidence/verify.js';
import type { CaseStore } from '../store/case-store.js';
import { inspectCasePath } from '../store/case-path.js';

export type StampCheck = {
  id: string;
  tsa: string;
  /** the attested time (from the token itself when it verifies) */
  time: string;
  serial: string;
  signer: string;
  over: number;
  ok: boolean;
  /** complete: the stored chain ends in a self-signed certificate; partial: it stops at `chainEndsAt` */
  chain?: 'complete' | 'partial';
  chainEndsAt?: string;
};

/** changed / missing: a stored file; entry: the stamped journal entry is gone or different; token: the token itself fails (detail says how) */
export type StampProblem = { type: 'stamp'; stamp: string; path: string; problem: 'changed' | 'missing' | 'entry' | 'token'; detail: string };

async function readRecorded(dir: string, file: Stamp['token'], stamp: string, problems: StampProblem[]): Promise<Buffer | undefined> {
  const inspected = inspectCasePath(dir, file.path);
  if ('problem' in inspected) {
    problems.push({ type: 'stamp', stamp, path: file.path, problem: 'missing', detail: '' });
    return undefined;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(inspected.absolute);
  } catch {
    problems.push({ type: 'stamp', stamp, path: file.path, problem: 'missing', detail: '' });
    return undefined;
  }
  if (bytes.byteLength !== file.size || sha256Of(bytes) !== file.sha256) {
    problems.push({ type: 'stamp', stamp, path: file.path, problem: 'changed', detail: `${file.sha256.slice(0, 16)}… → ${sha256Of(bytes).slice(0, 16)}…` });
  }
  return bytes;
}

export async function checkStamps(dir: string, record: Case | undefined, entries: readonly JournalEntry[]): Promise<{ stamps: StampCheck[]; problems: StampProblem[] }> {
  const stamps: StampCheck[] = [];
  const problems: StampProblem[] = [];
  if (!record || record.stamps.length === 0) return { stamps, problems };
  const { checkToken, TokenProblem } = await import('./tsp.js');
  for (const stamp of record.stamps) {
    const before = problems.length;
    const summary: StampCheck = { id: stamp.id, tsa: stamp.tsa, time: stamp.time, serial: stamp.serial, signer: stamp.signer, over: stamp.over.seq, ok: false };
    const token = await readRecorded(dir, stamp.token, stamp.id, problems);
    const chain = await readRecorded(dir, stamp.chain, stamp.id, problems);
    const entry = entries.find((candidate) => candidate.seq === stamp.over.seq);
    if (!entry || entry.hash !== stamp.over.hash) {
      problems.push({ type: 'stamp', stamp: stamp.id, path: 'journal.jsonl', problem: 'entry', detail: String(stamp.over.seq) });
    }
    if (token && chain && entry) {
      try {
        const checked = await checkToken(token, chain.toString('utf8'), new TextEncoder().encode(canonicalEntry(entry)));
        if (checked.imprint !== stamp.over.hash) throw new TokenProblem('the stamped hash is not the recorded journal head');
        if (checked.serial !== stamp.serial || checked.time.toISOString() !== stamp.time) throw new TokenProblem('serial or time differ from what the journal records');
        summary.time = checked.time.toISOString();
        summary.chain = checked.chain;
        if (checked.chainEndsAt) summary.chainEndsAt = checked.chainEndsAt;
      } catch (error) {
        if (!(error instanceof TokenProblem)) throw error;
        problems.push({ type: 'stamp', stamp: stamp.id, path: stamp.token.path, problem: 'token', detail: error.message });
      }
    }
    summary.ok = problems.length === before;
    stamps.push(summary);
  }
  return { stamps, problems };
}

/**
 * verify's hook: a VerifyCheck that checks every stamp and hands each one's summary (attested time, chain)
 * to `found`, and its problems, worded by `describe`, to verify's report.
 */
export function stampVerifyCheck(store: CaseStore, describe: (problem: StampProblem) => string, found: StampCheck[]): VerifyCheck {
  return async ({ dir, id, record }) => {
    if (!record || record.stamps.length === 0) return [];
    const journal = await store.journal(id);
    const { stamps, problems } = await checkStamps(dir, record, journal.entries);
    found.push(...stamps);
    return problems.map((problem): VerifyProblem => ({ type: 'other', code: `stamp.${problem.problem}`, path: problem.path, detail: describe(problem) }));
  };
}
