import { mkdir, open, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

export async function ensureDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: DIR_MODE });
}

/** Write a file so that readers see the old or the new content, never a torn one (temp, fsync, rename). */
export async function writeFileAtomically(file: string, content: string | Buffer): Promise<void> {
  const { default: writeFileAtomic } = await import('write-file-atomic'); // loaded only by commands that write
  await writeFileAtomic(file, content, { mode: FILE_MODE, fsync: true });
}

/** Append and fsync, so that a line reported as written survives a crash. */
export async function appendDurably(file: string, content: string): Promise<void> {
  const handle = await open(file, 'a', FILE_MODE);
  try {
    await handle.appendFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A sibling temp path, unique per process and call. */
export function tempSibling(target: string, label = 'tmp'): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${label}-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** Copy bytes into place atomically: write to a temp sibling, fsync, rename. */
export async function moveIntoPlace(temp: string, target: string): Promise<void> {
  await rename(temp, target);
}

export async function removeQuietly(target: string): Promise<void> {
  await rm(target, { recursive: true, force: true }).catch(() => undefined);
}
