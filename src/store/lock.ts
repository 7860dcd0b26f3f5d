import { stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Run `work` while holding an exclusive lock on `dir` (a lock folder inside it, so it works on every OS
 * and across processes). A lock left by a killed process goes stale after 5 s and is taken over.
 */
export async function withLock<T>(dir: string, name: string, work: () => Promise<T>): Promise<T> {
  // the lock library retries every failure, a missing folder too: a case that is not there fails at once
  await stat(dir);
  const { default: lockfile } = await import('proper-lockfile'); // loaded only by commands that write
  const release = await lockfile.lock(dir, {
    lockfilePath: path.join(dir, name),
    stale: 5_000,
    update: 1_000,
    retries: { retries: 400, factor: 1.2, minTimeout: 10, maxTimeout: 150, randomize: true },
    realpath: false,
  });
  try {
    return await work();
  } finally {
    await release().catch(() => undefined);
  }
}
