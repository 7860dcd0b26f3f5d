import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { JournalEntry } from './case-events.js';

export const GENESIS_HASH = '0'.repeat(64);

/** The shape of one journal line; `data` is checked by the case schema once folded. */
export const JournalEntrySchema = z
  .object({
    seq: z.number().int().positive(),
    at: z.string(),
    type: z.string().min(1),
    data: z.unknown(),
    prev: z.string().regex(/^[0-9a-f]{64}$/),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();

/** The text an entry's hash is taken over: everything in the entry but the hash itself, in a fixed key order. */
export function canonicalEntry(entry: Omit<JournalEntry, 'hash'>): string {
  return JSON.stringify([entry.seq, entry.at, entry.type, entry.data, entry.prev]);
}

export function hashEntry(entry: Omit<JournalEntry, 'hash'>): string {
  return createHash('sha256').update(canonicalEntry(entry)).digest('hex');
}

export function sealEntry(seq: number, at: string, type: string, data: unknown, prev: string): JournalEntry {
  const body = { seq, at, type, data, prev };
  return { ...body, hash: hashEntry(body) };
}

export type ChainProblem = { seq: number; line: number; problem: 'bad-json' | 'bad-seq' | 'bad-prev' | 'bad-hash' };

/** Check a parsed journal: sequence numbers 1..n, each prev = the hash before, each hash recomputes. */
export function checkChain(entries: readonly JournalEntry[]): ChainProblem[] {
  const problems: ChainProblem[] = [];
  let prev = GENESIS_HASH;
  entries.forEach((entry, index) => {
    const line = index + 1;
    if (entry.seq !== index + 1) problems.push({ seq: entry.seq, line, problem: 'bad-seq' });
    if (entry.prev !== prev) problems.push({ seq: entry.seq, line, problem: 'bad-prev' });
    if (hashEntry(entry) !== entry.hash) problems.push({ seq: entry.seq, line, problem: 'bad-hash' });
    prev = entry.hash;
  });
  return problems;
}
