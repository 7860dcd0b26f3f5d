import { chmod, mkdir, open, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
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

/** Whether a path lies inside a folder (the data home): such files stay private whatever the umask. */
export function isInsideFolder(folder: string, target: string): boolean {
  const relative = path.relative(path.resolve(folder), path.resolve(target));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Write a file the user asked for (-o, --ics): inside the data home it is private (0600, folders 0700) like
 * everything there; outside it follows the user's umask, as any program's output does. Atomic either way.
 */
export async function writeRequestedFile(file: string, content: string | Buffer, dataHome: string): Promise<void> {
  if (isInsideFolder(dataHome, file)) {
    await ensureDir(path.dirname(file));
    await writeFileAtomically(file, content);
    return;
  }
  await mkdir(path.dirname(file), { recursive: true });
  const { default: writeFileAtomic } = await import('write-file-atomic');
  // no mode: an existing file keeps its own, a new one gets 0666 less the umask
  await writeFileAtomic(file, content, { fsync: true });
}

/**
 * The modes the user's umask gives a new folder and a new file here (0777 and 0666 less the umask), read from
 * a probe folder made next to `near` (process.umask() without an argument is deprecated).
 */
export async function umaskModes(near: string): Promise<{ dir: number; file: number }> {
  await mkdir(path.dirname(near), { recursive: true });
  const probe = tempSibling(near, 'umask');
  await mkdir(probe, { mode: 0o777 });
  try {
    const dir = (await stat(probe)).mode & 0o777;
    return { dir, file: dir & 0o666 };
  } finally {
    await rmdir(probe).catch(() => undefined);
  }
}

/**
 * A folder the user asked for outside the data home, written privately while it was built: its folders and
 * files now take the modes the user's umask gives (see writeRequestedFile for single files).
 */
export async function followUmask(folder: string, modes: { dir: number; file: number }): Promise<void> {
  await chmod(folder, modes.dir);
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) await followUmask(full, modes);
    else if (entry.isFile()) await chmod(full, modes.file);
  }
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
