import { createWriteStream } from 'node:fs';
import { mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DIR_MODE, FILE_MODE } from './file-system.js';
import { type ZipEntry, writeZipFile } from './zip-writer.js';

/** Every file below `dir`, as paths relative to it with forward slashes, sorted; `skip` filters names. */
export async function listFiles(dir: string, skip: (relative: string) => boolean = () => false): Promise<string[]> {
  const found: string[] = [];
  const walk = async (current: string) => {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      const relative = path.relative(dir, full).split(path.sep).join('/');
      if (skip(relative)) continue;
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) found.push(relative);
    }
  };
  await walk(dir);
  return found.sort();
}

/** Files whose content is compressed already: stored as they are (deflating them again only costs time). */
export const ALREADY_COMPRESSED = /\.(png|jpe?g|webp|gif|heic|heif|avif|pdf|zip|gz|mp3|m4a|aac|amr|silk|mp4|mov)$/i;

/**
 * Zip files (relative to `baseDir`) into `zipPath`, under `prefix/` inside the archive; extra entries from
 * memory. Files are streamed from disk; already-compressed ones are stored without deflating.
 */
export async function writeZip(
  zipPath: string,
  baseDir: string,
  files: readonly string[],
  options: { prefix?: string; extra?: Record<string, string | Buffer>; fileMode?: number } = {},
): Promise<void> {
  const fileMode = options.fileMode ?? FILE_MODE;
  const name = (relative: string) => {
    const entryName = options.prefix ? `${options.prefix}/${relative}` : relative;
    if (isUnsafeName(entryName)) throw new Error(`not a name to put in a zip: ${entryName}`);
    return entryName;
  };
  const entries: (ZipEntry & { size: number })[] = [];
  for (const relative of files) {
    const full = path.join(baseDir, ...relative.split('/'));
    const info = await stat(full);
    entries.push({ name: name(relative), source: { file: full }, size: info.size, mtime: info.mtime, mode: 0o100000 | fileMode, compress: !ALREADY_COMPRESSED.test(relative) });
  }
  const now = new Date();
  for (const [relative, content] of Object.entries(options.extra ?? {})) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
    entries.push({ name: name(relative), source: { data }, size: data.length, mtime: now, mode: 0o100000 | fileMode, compress: true });
  }
  await writeZipFile(zipPath, entries, fileMode);
}

export class UnsafeArchiveError extends Error {}

export type ZipEntryInfo = { name: string; size: number; isDirectory: boolean; isLink: boolean };

async function openZip(zipPath: string) {
  const { default: yauzl } = await import('yauzl');
  return new Promise<import('yauzl').ZipFile>((resolve, reject) =>
    yauzl.open(zipPath, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true }, (error, file) => (error ? reject(error) : resolve(file!))),
  );
}

function isUnsafeName(name: string): boolean {
  return path.isAbsolute(name) || /^[a-zA-Z]:/.test(name) || name.split('/').includes('..') || name.includes('\\');
}

/**
 * Read an archive's table of contents without extracting anything: every entry's name and declared size
 * (yauzl checks while extracting that no entry inflates beyond what it declares), and the content of the
 * small entries `wanted` asks for (at most `maxWantedBytes` each).
 */
export async function readZipContents(
  zipPath: string,
  wanted: (name: string) => boolean = () => false,
  maxWantedBytes = 16 * 1024 * 1024,
): Promise<{ entries: ZipEntryInfo[]; contents: Map<string, Buffer> }> {
  const zip = await openZip(zipPath);
  const entries: ZipEntryInfo[] = [];
  const contents = new Map<string, Buffer>();
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: import('yauzl').Entry) => {
        const handle = async () => {
          const isLink = ((entry.externalFileAttributes >>> 16) & 0o170000) === 0o120000;
          const info = { name: entry.fileName, size: entry.uncompressedSize, isDirectory: entry.fileName.endsWith('/'), isLink };
          entries.push(info);
          if (info.isDirectory || isLink || !wanted(info.name) || info.size > maxWantedBytes) return;
          const stream = await new Promise<NodeJS.ReadableStream>((res, rej) => zip.openReadStream(entry, (error, s) => (error ? rej(error) : res(s!))));
          const chunks: Buffer[] = [];
          for await (const chunk of stream) chunks.push(chunk as Buffer);
          contents.set(info.name, Buffer.concat(chunks));
        };
        handle().then(() => zip.readEntry(), reject);
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  return { entries, contents };
}

/** The first entry whose name would land outside the target folder, or is a link. */
export function unsafeEntry(entries: readonly ZipEntryInfo[]): ZipEntryInfo | undefined {
  return entries.find((entry) => entry.isLink || isUnsafeName(entry.name));
}

/**
 * Extract a zip into `targetDir` (which should be new and empty). Entries that would land outside it
 * (absolute paths, `..`), links, or more than `maxBytes` in all are refused.
 */
export async function extractZip(zipPath: string, targetDir: string, maxBytes = 2 * 1024 ** 3): Promise<string[]> {
  const zip = await openZip(zipPath);
  const written: string[] = [];
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: import('yauzl').Entry) => {
        const handle = async () => {
          const name = entry.fileName;
          if (name.endsWith('/')) return;
          const isLink = ((entry.externalFileAttributes >>> 16) & 0o170000) === 0o120000;
          const destination = path.resolve(targetDir, ...name.split('/'));
          if (isLink || isUnsafeName(name) || !destination.startsWith(path.resolve(targetDir) + path.sep)) {
            throw new UnsafeArchiveError(name);
          }
          total += entry.uncompressedSize;
          if (total > maxBytes) throw new UnsafeArchiveError(`${name}: archive larger than ${maxBytes} bytes`);
          await mkdir(path.dirname(destination), { recursive: true, mode: DIR_MODE });
          const stream = await new Promise<NodeJS.ReadableStream>((res, rej) => zip.openReadStream(entry, (error, s) => (error ? rej(error) : res(s!))));
          await pipeline(stream, createWriteStream(destination, { mode: FILE_MODE, flags: 'wx' }));
          written.push(name);
        };
        handle().then(() => zip.readEntry(), reject);
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  return written;
}
