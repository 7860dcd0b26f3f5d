import { type FileHandle, open } from 'node:fs/promises';
import { constants, crc32, createDeflateRaw } from 'node:zlib';

/**
 * Writing a zip file: each entry's header, then its bytes (stored, or deflated), then its CRC-32 and sizes
 * written back into the header (the output is a file, so no data descriptors are needed); the central
 * directory last. CRC-32 is node's own (zlib.crc32): a JavaScript CRC over a 12315 package of a hundred
 * screenshots cost about a second, more than reading and writing its bytes. ZIP64 records are added only
 * where a size, an offset or the count needs them. Names are UTF-8 (flag bit 11); times are the DOS
 * local time plus the UTC modification time (extra field 0x5455), as common zip tools write them.
 */

export type ZipSource = { file: string } | { data: Buffer };
export type ZipEntry = { name: string; source: ZipSource; mtime: Date; mode: number; compress: boolean };

const CHUNK = 1024 * 1024;
const MAX32 = 0xffffffff;
/** An entry at least this large gets ZIP64 sizes from the start (its deflated size may outgrow its size a little). */
const ZIP64_ENTRY = 0xffff0000;

type Written = { name: Buffer; large: boolean; offset: number; crc: number; compressed: number; size: number; method: number; time: number; date: number; unixTime: number; mode: number };

function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.min(Math.max(date.getFullYear(), 1980), 2107);
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

/** The extended timestamp extra field: the modification time in UTC seconds. */
function timestampExtra(unixTime: number): Buffer {
  const extra = Buffer.alloc(9);
  extra.writeUInt16LE(0x5455, 0);
  extra.writeUInt16LE(5, 2);
  extra.writeUInt8(1, 4);
  extra.writeUInt32LE(unixTime >>> 0, 5);
  return extra;
}

class Output {
  position = 0;
  constructor(readonly handle: FileHandle) {}
  async write(data: Buffer): Promise<void> {
    let done = 0;
    while (done < data.length) done += (await this.handle.write(data, done, data.length - done, this.position + done)).bytesWritten;
    this.position += data.length;
  }
  async writeAt(data: Buffer, position: number): Promise<void> {
    await this.handle.write(data, 0, data.length, position);
  }
}

/** The chunks of a source: a file read in pieces through one buffer, or a buffer in memory. */
async function* chunksOf(source: ZipSource): AsyncGenerator<Buffer> {
  if ('data' in source) {
    yield source.data;
    return;
  }
  const handle = await open(source.file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/** Stream the source into the output, deflated or not; its CRC-32 and both sizes. */
async function writeData(out: Output, source: ZipSource, compress: boolean): Promise<{ crc: number; size: number; compressed: number }> {
  let crc = 0;
  let size = 0;
  const start = out.position;
  if (!compress) {
    for await (const chunk of chunksOf(source)) {
      crc = crc32(chunk, crc);
      size += chunk.length;
      await out.write(chunk);
    }
    return { crc, size, compressed: out.position - start };
  }
  const deflate = createDeflateRaw({ level: constants.Z_DEFAULT_COMPRESSION });
  const drained = (async () => {
    for await (const piece of deflate) await out.write(piece as Buffer);
  })();
  drained.catch(() => undefined); // awaited below
  try {
    for await (const chunk of chunksOf(source)) {
      crc = crc32(chunk, crc);
      size += chunk.length;
      // a copy: the file's read buffer is reused for the next chunk while zlib may still hold this one
      if (!deflate.write(Buffer.from(chunk))) await new Promise((resolve) => deflate.once('drain', resolve));
    }
    deflate.end();
  } catch (error) {
    deflate.destroy();
    throw error;
  }
  await drained;
  return { crc, size, compressed: out.position - start };
}

function zip64Extra(fields: number[]): Buffer {
  const extra = Buffer.alloc(4 + fields.length * 8);
  extra.writeUInt16LE(0x0001, 0);
  extra.writeUInt16LE(fields.length * 8, 2);
  fields.forEach((value, index) => extra.writeBigUInt64LE(BigInt(value), 4 + index * 8));
  return extra;
}

async function writeEntry(out: Output, entry: ZipEntry, expectedSize: number, zip64From: number): Promise<Written> {
  const name = Buffer.from(entry.name, 'utf8');
  const { time, date } = dosDateTime(entry.mtime);
  const unixTime = Math.floor(entry.mtime.getTime() / 1000);
  const method = entry.compress ? 8 : 0;
  const large = expectedSize >= zip64From;
  const offset = out.position;
  const extra = Buffer.concat([...(large ? [zip64Extra([0, 0])] : []), timestampExtra(unixTime)]);
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(large ? 45 : 20, 4);
  header.writeUInt16LE(0x0800, 6);
  header.writeUInt16LE(method, 8);
  header.writeUInt16LE(time, 10);
  header.writeUInt16LE(date, 12);
  header.writeUInt16LE(name.length, 26);
  header.writeUInt16LE(extra.length, 28);
  await out.write(Buffer.concat([header, name, extra]));
  const data = await writeData(out, entry.source, entry.compress);
  if (!large && (data.size >= MAX32 || data.compressed >= MAX32)) throw new Error(`${entry.name} grew past 4 GB while it was zipped`);
  // the CRC-32 and sizes, written back into the local header
  const known = Buffer.alloc(12);
  known.writeUInt32LE(data.crc >>> 0, 0);
  known.writeUInt32LE(large ? MAX32 : data.compressed, 4);
  known.writeUInt32LE(large ? MAX32 : data.size, 8);
  await out.writeAt(known, offset + 14);
  if (large) await out.writeAt(zip64Extra([data.size, data.compressed]).subarray(4), offset + 30 + name.length + 4);
  return { name, large, offset, crc: data.crc >>> 0, compressed: data.compressed, size: data.size, method, time, date, unixTime, mode: entry.mode };
}

function centralRecord(entry: Written): Buffer {
  // an entry written with ZIP64 sizes keeps them here; an offset past 4 GB is given in the same extra field
  const wide = [...(entry.large ? [entry.size, entry.compressed] : []), ...(entry.offset >= MAX32 ? [entry.offset] : [])];
  const extra = Buffer.concat([...(wide.length > 0 ? [zip64Extra(wide)] : []), timestampExtra(entry.unixTime)]);
  const record = Buffer.alloc(46);
  record.writeUInt32LE(0x02014b50, 0);
  record.writeUInt16LE((3 << 8) | 45, 4); // made by: Unix (the mode below is a Unix mode)
  record.writeUInt16LE(wide.length > 0 ? 45 : 20, 6);
  record.writeUInt16LE(0x0800, 8);
  record.writeUInt16LE(entry.method, 10);
  record.writeUInt16LE(entry.time, 12);
  record.writeUInt16LE(entry.date, 14);
  record.writeUInt32LE(entry.crc, 16);
  record.writeUInt32LE(entry.large ? MAX32 : entry.compressed, 20);
  record.writeUInt32LE(entry.large ? MAX32 : entry.size, 24);
  record.writeUInt16LE(entry.name.length, 28);
  record.writeUInt16LE(extra.length, 30);
  record.writeUInt32LE(((entry.mode & 0xffff) << 16) >>> 0, 38);
  record.writeUInt32LE(Math.min(entry.offset, MAX32), 42);
  return Buffer.concat([record, entry.name, extra]);
}

function endRecords(count: number, directoryOffset: number, directorySize: number): Buffer {
  const needs64 = count >= 0xffff || directoryOffset >= MAX32 || directorySize >= MAX32;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(count, 0xffff), 8);
  end.writeUInt16LE(Math.min(count, 0xffff), 10);
  end.writeUInt32LE(Math.min(directorySize, MAX32), 12);
  end.writeUInt32LE(Math.min(directoryOffset, MAX32), 16);
  if (!needs64) return end;
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE((3 << 8) | 45, 12);
  record.writeUInt16LE(45, 14);
  record.writeBigUInt64LE(BigInt(count), 24);
  record.writeBigUInt64LE(BigInt(count), 32);
  record.writeBigUInt64LE(BigInt(directorySize), 40);
  record.writeBigUInt64LE(BigInt(directoryOffset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(directoryOffset + directorySize), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([record, locator, end]);
}

/**
 * Write the entries, in order, into a new zip file at `zipPath` (created with `fileMode`). `zip64From`: the
 * size from which an entry is written with ZIP64 sizes (lowered only by tests, to read such entries back).
 */
export async function writeZipFile(zipPath: string, entries: readonly (ZipEntry & { size: number })[], fileMode: number, zip64From = ZIP64_ENTRY): Promise<void> {
  const handle = await open(zipPath, 'w', fileMode);
  try {
    const out = new Output(handle);
    const written: Written[] = [];
    for (const entry of entries) written.push(await writeEntry(out, entry, entry.size, zip64From));
    const directoryOffset = out.position;
    const directory = Buffer.concat(written.map(centralRecord));
    await out.write(directory);
    await out.write(endRecords(written.length, directoryOffset, directory.length));
  } finally {
    await handle.close();
  }
}
