/**
 * Folders named after the process that owns them (a capture's `.staging-<pid>-…`, a browser's throw-away profile)
 * are left behind when that process is killed; the next run removes them once their owner is gone.
 */

/** Whether process `pid` still runs. EPERM means it does, as another user. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
