import { readFile, truncate } from 'node:fs/promises';
import type { JournalEntry } from '../core/case-events.js';
import { GENESIS_HASH, JournalEntrySchema } from '../core/journal-chain.js';

export type JournalRead = {
  entries: JournalEntry[];
  /** bytes of complete lines; a torn last line (crash mid-append) is not counted */
  bytes: number;
  /** lines that do not parse as JSON (never produced by weiquan: a sign of tampering) */
  badLines: number[];
  tornTail: boolean;
};

export async function readJournal(file: string): Promise<JournalRead> {
  let buffer: Buffer;
  try {
    buffer = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], bytes: 0, badLines: [], tornTail: false };
    throw error;
  }
  const lastNewline = buffer.lastIndexOf(0x0a);
  const completeBytes = lastNewline + 1;
  const tornTail = completeBytes < buffer.length;
  const text = buffer.subarray(0, completeBytes).toString('utf8');
  const entries: JournalEntry[] = [];
  const badLines: number[] = [];
  text.split('\n').forEach((line, index) => {
    if (line === '') return;
    try {
      const parsed = JournalEntrySchema.safeParse(JSON.parse(line));
      if (parsed.success) entries.push(parsed.data as JournalEntry);
      else badLines.push(index + 1);
    } catch {
      badLines.push(index + 1);
    }
  });
  return { entries, bytes: completeBytes, badLines, tornTail };
}

/** Drop a torn last line left by a crash mid-append, so the next append starts on a clean line. */
export async function trimTornTail(file: string, read: JournalRead): Promise<void> {
  if (read.tornTail) await truncate(file, read.bytes);
}

export function headOf(read: JournalRead): { seq: number; hash: string } {
  const last = read.entries.at(-1);
  return last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
}
