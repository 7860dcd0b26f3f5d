import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

export function sha256Of(content: Buffer | string): string {
  return createHash('sha256').update(content).digest('hex');
}

/** SHA-256 and size of a file, streamed so a long call recording never sits in memory whole. */
export async function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  const info = await stat(file);
  if (info.size !== size) throw new Error(`${file} changed while it was being hashed`);
  return { sha256: hash.digest('hex'), size };
}
