import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { foldJournal, type JournalEntry } from '../core/case-events.js';
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
import { checkChain, sealEntry } from '../core/journal-chain.js';
import { UsageError } from '../errors.js';
import { CASE_FILE, type CaseStore, JOURNAL_FILE } from './case-store.js';
import { appendDurably, ensureDir, removeQuietly, writeFileAtomically } from './file-system.js';
import { readJournal } from './journal-file.js';
import { withLock } from './lock.js';
import { extractZip, listFiles, UnsafeArchiveError, writeZip } from './zip-archive.js';

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

/**
 * Bring an exported case in under a fresh id. Everything is checked before anything lands: the manifest,
 * every file's hash, the journal chain, and that case.json is what the journal says; a case already here
 * (same first journal entry) is refused. The new id is recorded as a `case.imported` journal entry.
 */
export async function importCase(store: CaseStore, zipPath: string, now: Date): Promise<ImportResult> {
  await ensureDir(store.casesDir);
  const staging = path.join(store.casesDir, `.import-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await ensureDir(staging);
    try {
      await extractZip(zipPath, staging);
    } catch (error) {
      if (error instanceof UnsafeArchiveError) throw new UsageError('import.unsafe', { file: zipPath, entry: error.message });
      throw new UsageError('import.notZip', { file: zipPath, reason: (error as Error).message });
    }
    const top = await listFiles(staging);
    const manifestPath = top.find((name) => name.endsWith(`/${MANIFEST_NAME}`) && name.split('/').length === 2);
    if (!manifestPath) throw new UsageError('import.noManifest', { file: zipPath });
    let manifest: ExportManifest;
    try {
      manifest = ExportManifestSchema.parse(JSON.parse(await readFile(path.join(staging, ...manifestPath.split('/')), 'utf8')));
    } catch {
      throw new UsageError('import.badManifest', { file: zipPath });
    }
    if (manifest.redacted) throw new UsageError('import.redacted', { file: zipPath });
    const folder = path.join(staging, manifestPath.split('/')[0]!);
    const present = (await listFiles(folder)).filter((name) => name !== MANIFEST_NAME);
    const listed = new Set(manifest.files.map((f) => f.path));
    const problems: string[] = [];
    for (const file of manifest.files) {
      const full = path.join(folder, ...file.path.split('/'));
      if (!present.includes(file.path)) problems.push(`${file.path}: missing`);
      else if ((await sha256File(full)) !== file.sha256) problems.push(`${file.path}: changed`);
    }
    for (const name of present) if (!listed.has(name)) problems.push(`${name}: not in the manifest`);
    const journal = await readJournal(path.join(folder, JOURNAL_FILE));
    if (journal.entries.length === 0 || journal.badLines.length > 0 || checkChain(journal.entries).length > 0) problems.push(`${JOURNAL_FILE}: broken hash chain`);
    if (problems.length > 0) throw new UsageError('import.checkFailed', { file: zipPath, problems: problems.join('; ') });

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
