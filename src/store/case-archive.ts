import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, rename, rm, stat, statfs } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { checkEvents, foldJournal, type JournalEntry } from '../core/case-events.js';
import { type Case, CaseSchema } from '../core/case-model.js';
import {
  EXPORT_FORMAT,
  EXPORT_FORMAT_VERSION,
  type ExportManifest,
  ExportManifestSchema,
  isExportable,
  MANIFEST_NAME,
  redactCase,
} from '../core/case-export.js';
import { sameCase } from '../core/case-compare.js';
import { checkChain, sealEntry } from '../core/journal-chain.js';
import { UsageError } from '../errors.js';
import { CASE_FILE, type CaseStore, JOURNAL_FILE } from './case-store.js';
import { appendDurably, ensureDir, removeQuietly, writeFileAtomically } from './file-system.js';
import { readJournal } from './journal-file.js';
import { withLock } from './lock.js';
import { casePath, casePathTextProblem, inspectCasePath } from './case-path.js';
import { extractZip, listFiles, readZipContents, UnsafeArchiveError, unsafeEntry, writeZip } from './zip-archive.js';

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/**
 * Write a case folder as a zip (`<id>/…` plus a manifest with every file's SHA-256), under the case's lock
 * so no change lands half-way through. A redacted export holds only a masked case.json.
 */
export async function exportCase(store: CaseStore, record: Case, zipPath: string, options: { redact: boolean; now: Date; version: string }): Promise<ExportManifest> {
  const dir = store.caseDir(record.id);
  return withLock(dir, '.lock', async () => {
    const current = await store.load(record.id);
    // a stored path that leads outside the case is refused here too, not quietly left out of the archive
    for (const item of current.evidence) for (const file of item.files) casePath(dir, file.path, item.id);
    const journal = await readJournal(path.join(dir, JOURNAL_FILE));
    const base = {
      format: EXPORT_FORMAT,
      version: EXPORT_FORMAT_VERSION,
      exportedAt: options.now.toISOString(),
      weiquanVersion: options.version,
      caseId: current.id,
      orderNumber: current.order.number,
      ...(journal.entries[0] ? { genesis: journal.entries[0].hash } : {}),
    } as const;
    const temp = `${zipPath}.${randomBytes(4).toString('hex')}.partial`;
    try {
      let manifest: ExportManifest;
      if (options.redact) {
        const redacted = `${JSON.stringify(redactCase(current), null, 2)}\n`;
        manifest = { ...base, redacted: true, files: [{ path: CASE_FILE, sha256: createHash('sha256').update(redacted).digest('hex'), size: Buffer.byteLength(redacted) }] };
        await writeZip(temp, dir, [], { prefix: current.id, extra: { [CASE_FILE]: redacted, [MANIFEST_NAME]: `${JSON.stringify(manifest, null, 2)}\n` } });
      } else {
        const files = await listFiles(dir, (relative) => !isExportable(relative));
        const described = [];
        for (const relative of files) {
          const full = path.join(dir, ...relative.split('/'));
          described.push({ path: relative, sha256: await sha256File(full), size: (await stat(full)).size });
        }
        manifest = { ...base, redacted: false, files: described };
        await writeZip(temp, dir, files, { prefix: current.id, extra: { [MANIFEST_NAME]: `${JSON.stringify(manifest, null, 2)}\n` } });
      }
      await rename(temp, zipPath);
      return manifest;
    } finally {
      await removeQuietly(temp);
    }
  });
}

export type ImportResult = { record: Case; manifest: ExportManifest };

/** The most an import may write, whatever the archive claims; also bounded by the free space on the disk. */
export const MAX_IMPORT_BYTES = 2 * 1024 ** 3;

/** Files of a case folder that no journal entry lists but that may travel with it: generated documents. */
function isGeneratedDocument(relative: string): boolean {
  return relative.startsWith('out/');
}

async function freeBytes(dir: string): Promise<number> {
  try {
    const info = await statfs(dir);
    return Number(info.bavail) * Number(info.bsize);
  } catch {
    return Number.POSITIVE_INFINITY; // cannot tell: the extraction's own limit still applies
  }
}

/**
 * Check an archive from its table of contents and manifest alone, before a byte is extracted: one case
 * folder, no unsafe names, every file declared in the manifest with the size the archive gives it, and
 * the total within `maxBytes` and the free space.
 */
async function precheckArchive(zipPath: string, casesDir: string, maxBytes: number): Promise<{ folderName: string; manifest: ExportManifest }> {
  let contents: Awaited<ReturnType<typeof readZipContents>>;
  try {
    contents = await readZipContents(zipPath, (name) => name.split('/').length === 2 && name.endsWith(`/${MANIFEST_NAME}`));
  } catch (error) {
    throw new UsageError('import.notZip', { file: zipPath, reason: (error as Error).message });
  }
  const unsafe = unsafeEntry(contents.entries);
  if (unsafe) throw new UsageError('import.unsafe', { file: zipPath, entry: unsafe.name });
  const files = contents.entries.filter((entry) => !entry.isDirectory);
  const tops = [...new Set(contents.entries.map((entry) => entry.name.split('/')[0]!))];
  const loose = files.filter((entry) => !entry.name.includes('/'));
  if (tops.length > 1 || loose.length > 0) {
    throw new UsageError('import.notOneCase', { file: zipPath, folders: tops.join(', ') });
  }
  const manifestBytes = [...contents.contents.values()][0];
  if (!manifestBytes || tops.length !== 1) throw new UsageError('import.noManifest', { file: zipPath });
  let manifest: ExportManifest;
  try {
    manifest = ExportManifestSchema.parse(JSON.parse(manifestBytes.toString('utf8')));
  } catch {
    throw new UsageError('import.badManifest', { file: zipPath });
  }
  if (manifest.redacted) throw new UsageError('import.redacted', { file: zipPath });
  const folderName = tops[0]!;
  const declared = new Map(manifest.files.map((file) => [file.path, file]));
  const problems: string[] = [];
  for (const file of manifest.files) {
    const problem = casePathTextProblem(file.path);
    if (problem) throw new UsageError('import.pathOutsideCase', { file: zipPath, path: JSON.stringify(file.path), entry: MANIFEST_NAME, problem });
  }
  const present = new Set<string>();
  for (const entry of files) {
    const relative = entry.name.slice(folderName.length + 1);
    if (relative === MANIFEST_NAME) continue;
    present.add(relative);
    const listed = declared.get(relative);
    if (!listed) problems.push(`${relative}: not in the manifest`);
    else if (listed.size !== entry.size) problems.push(`${relative}: ${entry.size} bytes, the manifest says ${listed.size}`);
  }
  for (const file of manifest.files) if (!present.has(file.path)) problems.push(`${file.path}: missing`);
  if (problems.length > 0) throw new UsageError('import.checkFailed', { file: zipPath, problems: problems.join('; ') });
  const total = files.reduce((sum, entry) => sum + entry.size, 0);
  const limit = Math.min(maxBytes, await freeBytes(casesDir));
  if (total > limit) throw new UsageError('import.tooLarge', { file: zipPath, size: total, limit });
  return { folderName, manifest };
}

/**
 * Check an extracted case folder against its own journal: the chain, case.json equal to the fold of the
 * journal, every evidence file inside the folder (no `..`, no absolute path, no link) with the hash and
 * size the journal recorded, and no file the journal does not account for. Returns the folded case.
 */
async function checkAgainstJournal(folder: string, zipPath: string, entries: readonly JournalEntry[]): Promise<Case> {
  let folded: Case;
  try {
    folded = CaseSchema.parse(foldJournal(entries));
  } catch (error) {
    throw new UsageError('import.checkFailed', { file: zipPath, problems: `${JOURNAL_FILE}: ${(error as Error).message.split('\n')[0]}` });
  }
  const problems: string[] = [];
  const accounted = new Set<string>([CASE_FILE, JOURNAL_FILE, MANIFEST_NAME]);
  for (const item of folded.evidence) {
    for (const file of item.files) {
      const inspected = inspectCasePath(folder, file.path);
      if ('problem' in inspected) throw new UsageError('import.pathOutsideCase', { file: zipPath, path: JSON.stringify(file.path), entry: item.id, problem: inspected.problem });
      accounted.add(file.path);
      let actual: { sha256: string; size: number };
      try {
        actual = { sha256: await sha256File(inspected.absolute), size: (await stat(inspected.absolute)).size };
      } catch {
        problems.push(`${file.path} (${item.id}): missing`);
        continue;
      }
      if (actual.sha256 !== file.sha256 || actual.size !== file.size) problems.push(`${file.path} (${item.id}): not the file the journal recorded`);
    }
  }
  for (const name of await listFiles(folder)) if (!accounted.has(name) && !isGeneratedDocument(name)) problems.push(`${name}: not recorded in the journal`);
  let snapshot: unknown;
  try {
    snapshot = JSON.parse(await readFile(path.join(folder, CASE_FILE), 'utf8'));
  } catch {
    snapshot = undefined;
  }
  if (!sameCase(snapshot, folded)) problems.push(`${CASE_FILE}: differs from what ${JOURNAL_FILE} records`);
  if (problems.length > 0) throw new UsageError('import.checkFailed', { file: zipPath, problems: problems.join('; ') });
  return folded;
}

/**
 * Bring an exported case in under a fresh id. Everything is checked before anything lands: the archive's
 * table of contents and declared sizes (before extracting), the manifest, every file's hash, the journal
 * chain, every evidence file against the journal's own hashes (a manifest can be recomputed by anyone),
 * and that case.json is what the journal says; a case already here (same first journal entry) is refused.
 * The new id is recorded as a `case.imported` journal entry.
 */
export async function importCase(store: CaseStore, zipPath: string, now: Date, options: { maxBytes?: number } = {}): Promise<ImportResult> {
  await ensureDir(store.casesDir);
  const { folderName, manifest } = await precheckArchive(zipPath, store.casesDir, options.maxBytes ?? MAX_IMPORT_BYTES);
  const staging = path.join(store.casesDir, `.import-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await ensureDir(staging);
    try {
      await extractZip(zipPath, staging, options.maxBytes ?? MAX_IMPORT_BYTES);
    } catch (error) {
      if (error instanceof UnsafeArchiveError) throw new UsageError('import.unsafe', { file: zipPath, entry: error.message });
      throw new UsageError('import.notZip', { file: zipPath, reason: (error as Error).message });
    }
    const folder = path.join(staging, folderName);
    const problems: string[] = [];
    for (const file of manifest.files) {
      const full = path.join(folder, ...file.path.split('/'));
      if ((await sha256File(full)) !== file.sha256) problems.push(`${file.path}: changed`);
    }
    const journal = await readJournal(path.join(folder, JOURNAL_FILE));
    if (journal.entries.length === 0 || journal.badLines.length > 0 || journal.tornTail || checkChain(journal.entries).length > 0) problems.push(`${JOURNAL_FILE}: broken hash chain`);
    for (const bad of checkEvents(journal.entries)) problems.push(`${JOURNAL_FILE} line ${bad.line} (${bad.type}): ${bad.reason}`);
    if (problems.length > 0) throw new UsageError('import.checkFailed', { file: zipPath, problems: problems.join('; ') });
    await checkAgainstJournal(folder, zipPath, journal.entries);

    const genesis = journal.entries[0]!.hash;
    for (const id of await store.ids()) {
      const existing = await readJournal(path.join(store.caseDir(id), JOURNAL_FILE)).catch(() => undefined);
      if (existing?.entries[0]?.hash === genesis) throw new UsageError('import.duplicate', { file: zipPath, id });
    }

    // The manifest describes the archive, not the case: it does not stay in the case folder.
    await rm(path.join(folder, MANIFEST_NAME), { force: true });
    const journalFile = path.join(folder, JOURNAL_FILE);
    const original = await readFile(journalFile);
    for (let attempt = 0; attempt < 1000; attempt += 1) {
      const ids = await store.ids();
      const id = `C${ids.length === 0 ? 1 : Number(ids.at(-1)!.slice(1)) + 1}`;
      await writeFileAtomically(journalFile, original);
      const last = journal.entries.at(-1)!;
      const entry: JournalEntry = sealEntry(last.seq + 1, now.toISOString(), 'case.imported', { from: path.basename(zipPath), id, originalId: manifest.caseId }, last.hash);
      const line = `${JSON.stringify(entry)}\n`;
      await appendDurably(journalFile, line);
      const record = CaseSchema.parse(foldJournal([...journal.entries, entry]));
      await writeFileAtomically(path.join(folder, CASE_FILE), `${JSON.stringify(record, null, 2)}\n`);
      try {
        await rename(folder, store.caseDir(id));
        return { record, manifest };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'EPERM' || code === 'EACCES') continue;
        throw error;
      }
    }
    throw new UsageError('import.noId', { file: zipPath });
  } finally {
    await removeQuietly(staging);
  }
}
