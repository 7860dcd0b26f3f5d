import { randomBytes } from 'node:crypto';
import { copyFile, constants, open, rename, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { type Case, type EvidenceFile, type EvidenceItem, nextId } from '../core/case-model.js';
import type { CaseEvent } from '../core/case-events.js';
import { toZonedIso } from '../core/time.js';
import { DataError } from '../errors.js';
import type { CaseStore } from '../store/case-store.js';
import { ensureDir, FILE_MODE, removeQuietly } from '../store/file-system.js';
import { hashFile } from './hashing.js';

/** Evidence folders live here inside a case folder: evidence/E1, evidence/E2 … */
export const EVIDENCE_DIR = 'evidence';
/** Prefix of the temp folders a capture or import fills before it is filed (inside the case folder). */
export const STAGING_PREFIX = '.staging-';

/** A temp folder inside the case folder: same file system as evidence/, so filing is one rename. */
export type Staging = { dir: string; remove(): Promise<void> };

export async function createStaging(caseDir: string): Promise<Staging> {
  const dir = path.join(caseDir, `${STAGING_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`);
  await ensureDir(dir);
  return { dir, remove: () => removeQuietly(dir) };
}

/**
 * Write bytes into the staging folder durably (written, then fsynced). No temp-and-rename: the folder is
 * private to this run, and it only becomes evidence by the rename that files it.
 */
export async function stageBuffer(staging: Staging, name: string, content: Buffer | string): Promise<void> {
  const handle = await open(path.join(staging.dir, name), 'w', FILE_MODE);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Copy a file into the staging folder byte for byte and prove it: the copy is fsynced and its SHA-256
 * must equal the source's, read separately.
 */
export async function stageCopy(staging: Staging, source: string, name: string): Promise<{ sha256: string; size: number }> {
  const target = path.join(staging.dir, name);
  await copyFile(source, target, constants.COPYFILE_EXCL);
  const handle = await open(target, 'r+');
  try {
    await handle.chmod(FILE_MODE); // a copy keeps the source's permissions; case files are private
    await handle.sync();
  } finally {
    await handle.close();
  }
  const [original, copy] = await Promise.all([hashFile(source), hashFile(target)]);
  if (original.sha256 !== copy.sha256 || original.size !== copy.size) throw new DataError('evidence.copyMismatch', { file: source });
  return copy;
}

/** The file entry for a staged file, with the path it will have once filed as evidence `id`. */
export async function describeStagedFile(staging: Staging, id: string, name: string, role: EvidenceFile['role'], mime?: string): Promise<EvidenceFile> {
  const { sha256, size } = await hashFile(path.join(staging.dir, name));
  return { path: `${EVIDENCE_DIR}/${id}/${name}`, role, sha256, size, ...(mime ? { mime } : {}) };
}

/** Something captured or imported, waiting in a staging folder for its id. */
export type PendingEvidence = {
  staging: Staging;
  /**
   * Called under the case lock once the id is known. May add files that need the id (a captioned copy,
   * the sidecar) to the staging folder, and returns the item as it will be recorded.
   */
  finish(id: string, current: Case, addedAt: string): Promise<EvidenceItem>;
};

async function exists(target: string): Promise<boolean> {
  try {
    await stat(target);
    return true;
  } catch {
    return false;
  }
}

/**
 * File pending evidence into a case: under the case lock, assign E-ids, move each staging folder to
 * evidence/E<k> and record one `evidence.added` event each. Any failure moves nothing into the case
 * for good: folders already moved are removed again and every staging folder is deleted.
 */
export async function fileEvidence(store: CaseStore, caseId: string, now: () => Date, pending: PendingEvidence[]): Promise<{ record: Case; items: EvidenceItem[] }> {
  const moved: string[] = [];
  const items: EvidenceItem[] = [];
  let createdEvidenceDir: string | undefined;
  try {
    const record = await store.mutate(caseId, now, async (current, caseDir) => {
      const ids = current.evidence.map((item) => item.id);
      const addedAt = toZonedIso(now(), current.timeZone);
      const events: CaseEvent[] = [];
      const evidenceDir = path.join(caseDir, EVIDENCE_DIR);
      if (!(await exists(evidenceDir))) {
        await ensureDir(evidenceDir);
        createdEvidenceDir = evidenceDir;
      }
      for (const entry of pending) {
        const id = nextId(ids, 'E');
        ids.push(id);
        const target = path.join(caseDir, EVIDENCE_DIR, id);
        if (await exists(target)) throw new DataError('evidence.folderExists', { folder: target }, 'evidence.hint.verify', { id: current.id });
        const item = await entry.finish(id, current, addedAt);
        await rename(entry.staging.dir, target);
        moved.push(target);
        items.push(item);
        events.push({ type: 'evidence.added', data: item });
      }
      return events;
    });
    return { record, items };
  } catch (error) {
    for (const folder of moved) await removeQuietly(folder);
    if (createdEvidenceDir) await rmdir(createdEvidenceDir).catch(() => undefined);
    throw error;
  } finally {
    for (const entry of pending) await entry.staging.remove();
  }
}
