import { open } from 'node:fs/promises';
import path from 'node:path';

export type SniffedType = { mime: string; extension?: string; detectedBy: 'content' | 'text' | 'unknown' };

const TEXT_SAMPLE_BYTES = 64 * 1024;

/** Plain text: no NUL bytes and valid UTF-8 (streaming decode: a character cut at the sample's end is fine). */
function looksLikeText(sample: Buffer): boolean {
  if (sample.length === 0 || sample.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * The type of a file judged by its content (magic numbers via file-type), never by its name. Text
 * files have no magic number: UTF-8 text is reported as text/plain.
 */
export async function sniffFileType(file: string): Promise<SniffedType> {
  const { fileTypeFromFile } = await import('file-type');
  const detected = await fileTypeFromFile(file);
  if (detected) return { mime: detected.mime, extension: detected.ext, detectedBy: 'content' };
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(TEXT_SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, TEXT_SAMPLE_BYTES, 0);
    if (looksLikeText(buffer.subarray(0, bytesRead))) return { mime: 'text/plain', detectedBy: 'text' };
  } finally {
    await handle.close();
  }
  return { mime: 'application/octet-stream', detectedBy: 'unknown' };
}

const EQUIVALENT_EXTENSIONS: Record<string, string[]> = {
  jpg: ['jpg', 'jpeg', 'jpe', 'jfif'],
  tif: ['tif', 'tiff'],
  mp4: ['mp4', 'm4v'],
  m4a: ['m4a', 'mp4', 'aac'],
  xml: ['xml', 'svg'],
  zip: ['zip'],
};

/** True when the file's name claims another type than its content (a PNG named .jpg). */
const BINARY_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'webp', 'heic', 'bmp', 'tif', 'tiff', 'pdf', 'mp3', 'm4a', 'amr', 'wav', 'aac', 'ogg', 'mp4', 'mov', 'zip', 'docx', 'xlsx']);

export function extensionDisagrees(fileName: string, sniffed: SniffedType): boolean {
  const named = path.extname(fileName).slice(1).toLowerCase();
  if (named === '') return false;
  if (sniffed.detectedBy === 'text') return BINARY_EXTENSIONS.has(named);
  if (sniffed.detectedBy !== 'content' || !sniffed.extension) return false;
  const accepted = EQUIVALENT_EXTENSIONS[sniffed.extension] ?? [sniffed.extension];
  // office documents, epub, apk … are zip containers: file-type may only see the container
  if (sniffed.extension === 'zip') return false;
  return !accepted.includes(named);
}
