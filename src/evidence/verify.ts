import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Case, CaseSchema } from '../core/case-model.js';
import { applyEntry } from '../core/case-events.js';
import { CASE_FILE, type CaseStore, JOURNAL_FILE } from '../store/case-store.js';
import { hashFile } from './hashing.js';
import { STAGING_PREFIX } from './staging.js';

export type VerifyProblem =
  | { type: 'changed'; path: string; evidence: string; expected: string; actual: string; expectedSize: number; actualSize: number }
  | { type: 'missing'; path: string; evidence: string }
  | { type: 'unexpected'; path: string }
  | { type: 'staging-leftover'; path: string }
  | { type: 'journal'; problem: string; line: number }
  | { type: 'snapshot'; detail: string };

export type VerifyReport = {
  case: string;
  ok: boolean;
  evidenceItems: number;
  filesChecked: number;
  journalEntries: number;
  journalHead: string | null;
  problems: VerifyProblem[];
};

/** Not part of the evidence: the lock folder, generated documents (out/ can always be made again). */
const IGNORED_TOP_LEVEL = new Set(['.lock', 'out']);

async function walk(root: string, relative = ''): Promise<string[]> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (relative === '' && IGNORED_TOP_LEVEL.has(entry.name)) continue;
    if (entry.isDirectory()) files.push(...(await walk(root, child)));
    else files.push(child);
  }
  return files;
}

function stable(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/**
 * Check a case folder against its own record: the journal's hash chain, case.json against the fold of the
 * journal, every evidence file's SHA-256 and size, and no files that the case does not list. Reads only.
 */
export async function verifyCase(store: CaseStore, id: string): Promise<VerifyReport> {
  const dir = store.caseDir(id);
  const problems: VerifyProblem[] = [];
  const journal = await store.journal(id);
  for (const line of journal.badLines) problems.push({ type: 'journal', problem: 'bad-json', line });
  for (const chain of journal.chainProblems) problems.push({ type: 'journal', problem: chain.problem, line: chain.line });
  if (journal.tornTail) problems.push({ type: 'journal', problem: 'torn-tail', line: journal.entries.length + 1 });
  if (journal.entries.length === 0) problems.push({ type: 'journal', problem: 'empty', line: 0 });

  // The truth is the journal: fold it, then compare case.json with the fold at the snapshot's position.
  let folded: Case | undefined;
  let snapshotFold: Case | undefined;
  let snapshot: Case | undefined;
  try {
    const parsed = CaseSchema.safeParse(JSON.parse(await readFile(path.join(dir, CASE_FILE), 'utf8')));
    if (parsed.success) snapshot = parsed.data;
    else problems.push({ type: 'snapshot', detail: 'case.json does not match the case format' });
  } catch (error) {
    problems.push({ type: 'snapshot', detail: `case.json unreadable: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
  }
  try {
    let bytes = 0;
    for (const entry of journal.entries) {
      bytes += Buffer.byteLength(`${JSON.stringify(entry)}\n`);
      folded = applyEntry(folded, entry, bytes);
      if (snapshot && entry.seq === snapshot.journal.seq) snapshotFold = folded;
    }
  } catch (error) {
    problems.push({ type: 'snapshot', detail: `journal cannot be replayed: ${(error as Error).message}` });
  }
  if (snapshot && folded) {
    if (!snapshotFold) problems.push({ type: 'snapshot', detail: `case.json refers to journal entry ${snapshot.journal.seq}, which does not exist` });
    else if (stable(CaseSchema.parse(snapshotFold)) !== stable(snapshot)) problems.push({ type: 'snapshot', detail: 'case.json differs from what the journal records' });
  }

  const record = folded ?? snapshot;
  const expected = new Set<string>([CASE_FILE, JOURNAL_FILE]);
  let filesChecked = 0;
  for (const item of record?.evidence ?? []) {
    for (const file of item.files) {
      expected.add(file.path);
      filesChecked += 1;
      let actual: { sha256: string; size: number };
      try {
        actual = await hashFile(path.join(dir, ...file.path.split('/')));
      } catch {
        problems.push({ type: 'missing', path: file.path, evidence: item.id });
        continue;
      }
      if (actual.sha256 !== file.sha256 || actual.size !== file.size) {
        problems.push({ type: 'changed', path: file.path, evidence: item.id, expected: file.sha256, actual: actual.sha256, expectedSize: file.size, actualSize: actual.size });
      }
    }
  }
  const leftovers = new Set<string>();
  for (const file of await walk(dir)) {
    if (expected.has(file)) continue;
    const top = file.split('/')[0]!;
    if (top.startsWith(STAGING_PREFIX)) leftovers.add(top);
    else problems.push({ type: 'unexpected', path: file });
  }
  for (const name of await readdir(dir)) if (name.startsWith(STAGING_PREFIX)) leftovers.add(name);
  for (const folder of leftovers) problems.push({ type: 'staging-leftover', path: `${folder}/` });
  return {
    case: id,
    ok: problems.length === 0,
    evidenceItems: record?.evidence.length ?? 0,
    filesChecked,
    journalEntries: journal.entries.length,
    journalHead: journal.entries.at(-1)?.hash ?? null,
    problems,
  };
}
