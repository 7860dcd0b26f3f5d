import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Case, CaseSchema, type EvidenceItem } from '../core/case-model.js';
import { applyEntry, checkEvents } from '../core/case-events.js';
import { stableJson } from '../core/case-compare.js';
import { casePath, type CasePathProblem, inspectCasePath } from '../store/case-path.js';
import { CASE_FILE, type CaseStore, JOURNAL_FILE } from '../store/case-store.js';
import { DataError } from '../errors.js';
import { hashFile } from './hashing.js';
import { STAGING_PREFIX } from './staging.js';

export type VerifyProblem =
  | { type: 'changed'; path: string; evidence: string; expected: string; actual: string; expectedSize: number; actualSize: number }
  | { type: 'missing'; path: string; evidence: string }
  | { type: 'outside'; path: string; evidence: string; problem: CasePathProblem }
  | { type: 'unexpected'; path: string }
  | { type: 'symlink'; path: string }
  | { type: 'in-lock'; path: string }
  | { type: 'empty-folder'; path: string }
  | { type: 'staging-leftover'; path: string }
  | { type: 'journal'; problem: string; line: number; detail?: string }
  | { type: 'gap'; journalSeq: number; snapshotSeq: number; journalBytes: number; snapshotBytes: number }
  | { type: 'snapshot'; detail: string }
  /** a finding from an extra check (see `VerifyCheck`); `detail` is shown as is */
  | { type: 'other'; code: string; detail: string; path?: string };

export type VerifyReport = {
  case: string;
  ok: boolean;
  evidenceItems: number;
  filesChecked: number;
  journalEntries: number;
  journalHead: string | null;
  problems: VerifyProblem[];
};

/**
 * A further check another module adds to verify (e.g. timestamp tokens): it gets the case folder and the
 * case as its journal records it, and returns its findings, which are appended to the report.
 */
export type VerifyCheck = (input: { dir: string; id: string; record: Case | undefined }) => Promise<VerifyProblem[]>;

/** One evidence file re-hashed against what the case recorded for it. */
export type FileCheck = {
  item: string;
  path: string;
  sha256: string;
  size: number;
  role: string;
  status: 'ok' | 'changed' | 'missing';
  actualSha256?: string;
  actualSize?: number;
};

/**
 * Re-hash every file of the items, for a document that cites their hashes (the bundle). A stored path that
 * leaves the case folder is a DataError naming the item (casePath); a missing file is a finding.
 */
export async function checkEvidenceFiles(items: readonly Pick<EvidenceItem, 'id' | 'files'>[], caseDir: string): Promise<FileCheck[]> {
  const checks: FileCheck[] = [];
  for (const item of items) {
    for (const file of item.files) {
      const base = { item: item.id, path: file.path, sha256: file.sha256, size: file.size, role: file.role };
      let actual: { sha256: string; size: number };
      try {
        actual = await hashFile(casePath(caseDir, file.path, item.id));
      } catch (error) {
        if (error instanceof DataError) throw error;
        checks.push({ ...base, status: 'missing' });
        continue;
      }
      const same = actual.sha256 === file.sha256 && actual.size === file.size;
      checks.push(same ? { ...base, status: 'ok' } : { ...base, status: 'changed', actualSha256: actual.sha256, actualSize: actual.size });
    }
  }
  return checks;
}

/** Not part of the evidence: the lock folder (checked apart), generated documents (out/ can always be made again). */
const LOCK_DIR = '.lock';
const IGNORED_TOP_LEVEL = new Set([LOCK_DIR, 'out']);

type Walked = { files: string[]; links: string[]; emptyFolders: string[]; other: string[] };

async function walk(root: string, relative = '', found: Walked = { files: [], links: [], emptyFolders: [], other: [] }): Promise<Walked> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true });
  if (entries.length === 0 && relative !== '') found.emptyFolders.push(relative);
  for (const entry of entries) {
    const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (relative === '' && IGNORED_TOP_LEVEL.has(entry.name)) continue;
    if (entry.isSymbolicLink()) found.links.push(child);
    else if (entry.isDirectory()) await walk(root, child, found);
    else if (entry.isFile()) found.files.push(child);
    else found.other.push(child);
  }
  return found;
}

/** Files inside the lock folder: proper-lockfile keeps it empty, so anything there was put there to hide. */
async function filesInLock(dir: string): Promise<string[]> {
  const lock = path.join(dir, LOCK_DIR);
  try {
    if (!(await lstat(lock)).isDirectory()) return [];
    const found = await walk(lock);
    return [...found.files, ...found.links, ...found.other, ...found.emptyFolders].map((name) => `${LOCK_DIR}/${name}`);
  } catch {
    return [];
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.slice(0, 200);
}

/**
 * Check a case folder against its own record: the journal's hash chain, case.json against the fold of the
 * journal (and a journal shorter than case.json), every evidence file's SHA-256 and size inside the case
 * folder, and no files, links or folders the case does not list. Reads only, and never throws on damaged
 * data: every problem is a finding.
 */
export async function verifyCase(store: CaseStore, id: string, extraChecks: readonly VerifyCheck[] = []): Promise<VerifyReport> {
  const dir = store.caseDir(id);
  const problems: VerifyProblem[] = [];
  let journal: Awaited<ReturnType<CaseStore['journal']>> = { entries: [], bytes: 0, badLines: [], tornTail: false, chainProblems: [] };
  try {
    journal = await store.journal(id);
  } catch (error) {
    problems.push({ type: 'journal', problem: 'unreadable', line: 0, detail: (error as NodeJS.ErrnoException).code ?? firstLine((error as Error).message) });
  }
  for (const line of journal.badLines) problems.push({ type: 'journal', problem: 'bad-json', line });
  for (const chain of journal.chainProblems) problems.push({ type: 'journal', problem: chain.problem, line: chain.line });
  if (journal.tornTail) problems.push({ type: 'journal', problem: 'torn-tail', line: journal.entries.length + journal.badLines.length + 1 });
  if (journal.entries.length === 0 && journal.badLines.length === 0) problems.push({ type: 'journal', problem: 'empty', line: 0 });
  // an entry whose data is not what its event type records is a finding; the fold passes over it
  const badEvents = checkEvents(journal.entries);
  for (const bad of badEvents) problems.push({ type: 'journal', problem: 'bad-event', line: lineOf(journal, bad.line - 1), detail: `${bad.type}: ${bad.reason}` });
  const damaged = new Set(badEvents.map((bad) => bad.line - 1));

  let snapshot: Case | undefined;
  try {
    const parsed = CaseSchema.safeParse(JSON.parse(await readFile(path.join(dir, CASE_FILE), 'utf8')));
    if (parsed.success) snapshot = parsed.data;
    else problems.push({ type: 'snapshot', detail: 'case.json does not match the case format' });
  } catch (error) {
    problems.push({ type: 'snapshot', detail: `case.json unreadable: ${(error as NodeJS.ErrnoException).code ?? firstLine((error as Error).message)}` });
  }

  // The truth is the journal: fold it line by line (a line that cannot be applied is a finding with its
  // number), then compare case.json with the fold at the snapshot's position.
  let folded: Case | undefined;
  let snapshotFold: Case | undefined;
  let bytes = 0;
  let foldBroken = false;
  for (const [index, entry] of journal.entries.entries()) {
    bytes += Buffer.byteLength(`${JSON.stringify(entry)}\n`);
    try {
      if (!damaged.has(index)) folded = applyEntry(folded, entry, bytes, index + 1);
    } catch (error) {
      problems.push({ type: 'journal', problem: 'cannot-apply', line: lineOf(journal, index), detail: firstLine((error as Error).message) });
      foldBroken = true;
      break;
    }
    if (snapshot && entry.seq === snapshot.journal.seq) snapshotFold = folded;
  }
  let record: Case | undefined;
  if (folded && !foldBroken) {
    const parsed = CaseSchema.safeParse(folded);
    if (parsed.success) record = parsed.data;
    else problems.push({ type: 'journal', problem: 'bad-data', line: firstBadLine(journal), detail: parsed.error.issues.slice(0, 2).map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') });
  }

  const last = journal.entries.at(-1);
  if (snapshot && (!last || snapshot.journal.seq > last.seq)) {
    problems.push({ type: 'gap', journalSeq: last?.seq ?? 0, snapshotSeq: snapshot.journal.seq, journalBytes: journal.bytes, snapshotBytes: snapshot.journal.bytes });
  } else if (snapshot && snapshot.journal.seq === last?.seq && snapshot.journal.bytes !== journal.bytes && journal.chainProblems.length === 0) {
    problems.push({ type: 'journal', problem: 'length', line: 0, detail: `${journal.bytes} bytes, case.json records ${snapshot.journal.bytes}` });
  } else if (snapshot && folded && !foldBroken) {
    const atSnapshot = snapshotFold ? CaseSchema.safeParse(snapshotFold) : undefined;
    if (!atSnapshot) problems.push({ type: 'snapshot', detail: `case.json refers to journal entry ${snapshot.journal.seq}, which does not exist` });
    else if (!atSnapshot.success || stableJson(atSnapshot.data) !== stableJson(snapshot)) problems.push({ type: 'snapshot', detail: 'case.json differs from what the journal records' });
  }

  const evidenceSource = record ?? snapshot;
  const expected = new Set<string>([CASE_FILE, JOURNAL_FILE]);
  let filesChecked = 0;
  for (const item of evidenceSource?.evidence ?? []) {
    for (const file of item.files) {
      filesChecked += 1;
      const inspected = inspectCasePath(dir, file.path);
      if ('problem' in inspected) {
        problems.push(inspected.problem === 'symlink' ? { type: 'symlink', path: file.path } : { type: 'outside', path: file.path, evidence: item.id, problem: inspected.problem });
        expected.add(file.path);
        continue;
      }
      expected.add(file.path);
      let actual: { sha256: string; size: number };
      try {
        actual = await hashFile(inspected.absolute);
      } catch {
        problems.push({ type: 'missing', path: file.path, evidence: item.id });
        continue;
      }
      if (actual.sha256 !== file.sha256 || actual.size !== file.size) {
        problems.push({ type: 'changed', path: file.path, evidence: item.id, expected: file.sha256, actual: actual.sha256, expectedSize: file.size, actualSize: actual.size });
      }
    }
  }

  // trusted-timestamp tokens and chains are the case's own files too (checked by the stamp module's VerifyCheck)
  for (const stamp of evidenceSource?.stamps ?? []) expected.add(stamp.token.path).add(stamp.chain.path);

  let walked: Walked = { files: [], links: [], emptyFolders: [], other: [] };
  try {
    walked = await walk(dir);
  } catch (error) {
    problems.push({ type: 'snapshot', detail: `case folder unreadable: ${(error as NodeJS.ErrnoException).code ?? firstLine((error as Error).message)}` });
  }
  const leftovers = new Set<string>();
  const isStaging = (relative: string) => relative.split('/')[0]!.startsWith(STAGING_PREFIX);
  for (const file of [...walked.files, ...walked.other]) {
    if (expected.has(file)) continue;
    if (isStaging(file)) leftovers.add(file.split('/')[0]!);
    else problems.push({ type: 'unexpected', path: file });
  }
  for (const link of walked.links) {
    if (isStaging(link)) leftovers.add(link.split('/')[0]!);
    else if (!problems.some((problem) => problem.type === 'symlink' && problem.path === link)) problems.push({ type: 'symlink', path: link });
  }
  // an empty folder a recorded file should be in is already a `missing` finding; any other is stray
  const recordedFolders = new Set([...expected].flatMap((file) => file.split('/').slice(0, -1).map((_, index, parts) => parts.slice(0, index + 1).join('/'))));
  for (const folder of walked.emptyFolders) {
    if (isStaging(folder)) leftovers.add(folder.split('/')[0]!);
    else if (!recordedFolders.has(folder)) problems.push({ type: 'empty-folder', path: `${folder}/` });
  }
  for (const folder of leftovers) problems.push({ type: 'staging-leftover', path: `${folder}/` });
  for (const hidden of await filesInLock(dir)) problems.push({ type: 'in-lock', path: hidden });

  for (const check of extraChecks) {
    try {
      problems.push(...(await check({ dir, id, record: evidenceSource })));
    } catch (error) {
      problems.push({ type: 'other', code: 'check-failed', detail: firstLine((error as Error).message) });
    }
  }
  return {
    case: id,
    ok: problems.length === 0,
    evidenceItems: evidenceSource?.evidence.length ?? 0,
    filesChecked,
    journalEntries: journal.entries.length,
    journalHead: journal.entries.at(-1)?.hash ?? null,
    problems,
  };
}

/** The file line of the index-th parsed entry (lines that did not parse are skipped in `entries`). */
function lineOf(journal: { badLines: number[] }, index: number): number {
  let line = index + 1;
  for (const bad of [...journal.badLines].sort((a, b) => a - b)) if (bad <= line) line += 1;
  return line;
}

/** The first line whose event data does not fit the case format: fold again, checking after each entry. */
function firstBadLine(journal: { entries: readonly import('../core/case-events.js').JournalEntry[]; badLines: number[] }): number {
  let current: Case | undefined;
  for (const [index, entry] of journal.entries.entries()) {
    try {
      current = applyEntry(current, entry, 0);
    } catch {
      return lineOf(journal, index);
    }
    if (!CaseSchema.safeParse(current).success) return lineOf(journal, index);
  }
  return 0;
}
