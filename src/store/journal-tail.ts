import { open } from 'node:fs/promises';
import type { JournalEntry } from '../core/case-events.js';
import { hashEntry, JournalEntrySchema } from '../core/journal-chain.js';

/**
 * What a write needs to know about a journal, read in O(1) of its length: the snapshot (case.json)
 * records the sequence number, hash and byte length of the last entry it includes; the journal must hold
 * exactly that entry ending at exactly that offset, and whatever follows must chain on from it. Only the
 * last recorded line and the lines after it are read — `verify` checks the whole chain.
 */
export type JournalTail =
  | { ok: true; after: JournalEntry[]; completeBytes: number; tornBytes: number }
  | { ok: false; problem: 'missing' | 'shorter' | 'mismatch' | 'broken-after'; size: number; detail?: string };

export type SnapshotPosition = { seq: number; head: string; bytes: number };

function parseLine(line: string): JournalEntry | undefined {
  try {
    const parsed = JournalEntrySchema.safeParse(JSON.parse(line));
    return parsed.success ? (parsed.data as JournalEntry) : undefined;
  } catch {
    return undefined;
  }
}

export async function readJournalTail(file: string, position: SnapshotPosition): Promise<JournalTail> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, problem: 'missing', size: 0 };
    throw error;
  }
  try {
    const size = (await handle.stat()).size;
    if (size === 0 && position.bytes > 0) return { ok: false, problem: 'missing', size };
    if (size < position.bytes) return { ok: false, problem: 'shorter', size };
    // The recorded last line: read backwards from its end until the newline before it (or the start).
    let window = 4096;
    let lastLine: string | undefined;
    for (;;) {
      const start = Math.max(0, position.bytes - window);
      const buffer = Buffer.alloc(position.bytes - start);
      await handle.read(buffer, 0, buffer.length, start);
      if (buffer.at(-1) !== 0x0a) return { ok: false, problem: 'mismatch', size, detail: 'no line ends where case.json says the journal ends' };
      const previousNewline = buffer.lastIndexOf(0x0a, buffer.length - 2);
      if (previousNewline >= 0 || start === 0) {
        lastLine = buffer.subarray(previousNewline + 1, buffer.length - 1).toString('utf8');
        break;
      }
      window *= 4;
    }
    const last = parseLine(lastLine);
    if (!last || last.seq !== position.seq || last.hash !== position.head || hashEntry(last) !== last.hash) {
      return { ok: false, problem: 'mismatch', size, detail: `entry ${position.seq} is not where case.json says it is` };
    }
    // Entries written after the snapshot (a crash between the journal append and the snapshot write).
    const rest = Buffer.alloc(size - position.bytes);
    if (rest.length > 0) await handle.read(rest, 0, rest.length, position.bytes);
    const completeLength = rest.lastIndexOf(0x0a) + 1;
    const after: JournalEntry[] = [];
    let prev = last;
    for (const line of rest.subarray(0, completeLength).toString('utf8').split('\n')) {
      if (line === '') continue;
      const entry = parseLine(line);
      if (!entry || entry.seq !== prev.seq + 1 || entry.prev !== prev.hash || hashEntry(entry) !== entry.hash) {
        return { ok: false, problem: 'broken-after', size, detail: `after entry ${prev.seq}` };
      }
      after.push(entry);
      prev = entry;
    }
    return { ok: true, after, completeBytes: position.bytes + completeLength, tornBytes: rest.length - completeLength };
  } finally {
    await handle.close();
  }
}
