import { randomBytes } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { extractZip, listFiles, readZipContents, writeZip } from '../../src/store/zip-archive.js';
import { writeZipFile } from '../../src/store/zip-writer.js';
import { makeTempDir } from '../helpers/cli.js';

let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.map((c) => c()));
  cleanups = [];
});
async function tempDir() {
  const temp = await makeTempDir();
  cleanups.push(temp.cleanup);
  return temp.dir;
}

/** The central directory's CRC-32 of every entry, read by yauzl. */
async function centralCrcs(zipPath: string): Promise<Map<string, { crc: number; method: number; mode: number }>> {
  const yauzl = await import('yauzl');
  const zip = await new Promise<import('yauzl').ZipFile>((resolve, reject) => yauzl.open(zipPath, { lazyEntries: true }, (error, file) => (error ? reject(error) : resolve(file!))));
  const found = new Map<string, { crc: number; method: number; mode: number }>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: import('yauzl').Entry) => {
      found.set(entry.fileName, { crc: entry.crc32, method: entry.compressionMethod, mode: entry.externalFileAttributes >>> 16 });
      zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  zip.close();
  return found;
}

describe('zip writer', () => {
  it('stores compressed files, deflates the others, and every entry reads back byte for byte with its CRC-32', async () => {
    const dir = await tempDir();
    const source = path.join(dir, '包');
    await mkdir(path.join(source, 'evidence', 'E1'), { recursive: true });
    // larger than one read chunk, so CRC-32 and deflate run over several pieces
    const screenshot = randomBytes(2_500_000);
    const text = Buffer.from('投诉正文\n'.repeat(400_000), 'utf8');
    await writeFile(path.join(source, 'evidence', 'E1', '截图.png'), screenshot);
    await writeFile(path.join(source, 'complaint.txt'), text);
    await writeFile(path.join(source, 'empty.json'), '');
    const zipPath = path.join(dir, 'out.zip');
    await writeZip(zipPath, source, await listFiles(source), { prefix: '包', extra: { 'manifest.json': '{"a":1}\n' } });

    const crcs = await centralCrcs(zipPath);
    expect([...crcs.keys()].sort()).toEqual(['包/complaint.txt', '包/empty.json', '包/evidence/E1/截图.png', '包/manifest.json']);
    expect(crcs.get('包/evidence/E1/截图.png')).toMatchObject({ crc: crc32(screenshot) >>> 0, method: 0, mode: 0o100600 });
    expect(crcs.get('包/complaint.txt')).toMatchObject({ crc: crc32(text) >>> 0, method: 8 });
    expect((await stat(zipPath)).size).toBeLessThan(screenshot.length + text.length / 10);

    const out = path.join(dir, 'unpacked');
    await extractZip(zipPath, out);
    expect((await readFile(path.join(out, '包', 'evidence', 'E1', '截图.png'))).equals(screenshot)).toBe(true);
    expect((await readFile(path.join(out, '包', 'complaint.txt'))).equals(text)).toBe(true);
    expect(await readFile(path.join(out, '包', 'empty.json'), 'utf8')).toBe('');
    expect(await readFile(path.join(out, '包', 'manifest.json'), 'utf8')).toBe('{"a":1}\n');
  });

  it('writes ZIP64 sizes that readers follow (entries that large are written with them from the start)', async () => {
    const dir = await tempDir();
    const data = randomBytes(300_000);
    const zipPath = path.join(dir, 'wide.zip');
    const mtime = new Date('2026-11-24T12:00:00+08:00');
    await writeZipFile(zipPath, [
      { name: 'stored.bin', source: { data }, size: data.length, mtime, mode: 0o100600, compress: false },
      { name: 'deflated.txt', source: { data: Buffer.from('文'.repeat(100_000)) }, size: 300_000, mtime, mode: 0o100600, compress: true },
    ], 0o600, 1);
    const { contents } = await readZipContents(zipPath, () => true);
    expect(contents.get('stored.bin')!.equals(data)).toBe(true);
    expect(contents.get('deflated.txt')!.toString('utf8')).toBe('文'.repeat(100_000));
    expect((await centralCrcs(zipPath)).get('stored.bin')!.crc).toBe(crc32(data) >>> 0);
  });

  it('refuses a name that would leave the archive folder', async () => {
    const dir = await tempDir();
    await expect(writeZip(path.join(dir, 'bad.zip'), dir, [], { extra: { '../evil.txt': 'x' } })).rejects.toThrow(/not a name/);
  });
});
