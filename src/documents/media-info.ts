import { open } from 'node:fs/promises';

/**
 * What a recording or a video is, for the exhibit page that stands in for it on paper: its kind and, where
 * the file says so, its duration. MP4/MOV/M4A and the common audio formats are read by music-metadata; AMR
 * and WeChat's SILK voice messages are counted frame by frame (20 ms each). Never throws.
 */

export type MediaInfo = { kind: 'video' | 'audio' | 'voice'; format: string; durationSeconds?: number };

const AMR_NB_FRAME_BYTES = [12, 13, 15, 17, 19, 20, 26, 31, 5, 0, 0, 0, 0, 0, 0, 0];

/** Duration of an AMR-NB file ("#!AMR\n" then frames, 20 ms each). */
export function amrDuration(data: Buffer): number | undefined {
  if (data.toString('latin1', 0, 6) !== '#!AMR\n') return undefined;
  let offset = 6;
  let frames = 0;
  while (offset < data.length) {
    const type = (data[offset]! >> 3) & 0x0f;
    offset += 1 + AMR_NB_FRAME_BYTES[type]!;
    frames += 1;
  }
  return frames * 0.02;
}

/** Duration of a SILK v3 voice message (WeChat prefixes 0x02): frames of a 16-bit length and a payload, 20 ms each. */
export function silkDuration(data: Buffer): number | undefined {
  const start = data[0] === 0x02 ? 1 : 0;
  if (data.toString('latin1', start, start + 9) !== '#!SILK_V3') return undefined;
  let offset = start + 9;
  let frames = 0;
  while (offset + 2 <= data.length) {
    const length = data.readInt16LE(offset);
    if (length <= 0) break;
    offset += 2 + length;
    frames += 1;
  }
  return frames * 0.02;
}

/**
 * The movie's duration from its `mvhd` box (ISO-BMFF: MP4, MOV, M4A), for files whose tracks music-metadata
 * does not describe (a video without an audio track). Reads the top-level boxes only.
 */
export function movieHeaderDuration(data: Buffer): number | undefined {
  const find = (from: number, to: number, type: string): { start: number; end: number } | undefined => {
    let offset = from;
    while (offset + 8 <= to) {
      let size = data.readUInt32BE(offset);
      let header = 8;
      if (size === 1 && offset + 16 <= to) {
        size = Number(data.readBigUInt64BE(offset + 8));
        header = 16;
      } else if (size === 0) size = to - offset;
      if (size < header) return undefined;
      if (data.toString('latin1', offset + 4, offset + 8) === type) return { start: offset + header, end: Math.min(to, offset + size) };
      offset += size;
    }
    return undefined;
  };
  const moov = find(0, data.length, 'moov');
  const mvhd = moov && find(moov.start, moov.end, 'mvhd');
  if (!mvhd || mvhd.end - mvhd.start < 32) return undefined;
  const version = data[mvhd.start]!;
  const timescale = version === 1 ? data.readUInt32BE(mvhd.start + 20) : data.readUInt32BE(mvhd.start + 12);
  const duration = version === 1 ? Number(data.readBigUInt64BE(mvhd.start + 24)) : data.readUInt32BE(mvhd.start + 16);
  return timescale > 0 && duration > 0 && duration !== 0xffffffff ? duration / timescale : undefined;
}

export function isMedia(mime: string, name: string): boolean {
  return /^(audio|video)\//.test(mime) || /\.(mp4|mov|m4v|3gp|m4a|amr|silk|mp3|aac|wav|ogg|opus|slk)$/i.test(name);
}

export async function mediaInfo(file: string, mime: string, name: string): Promise<MediaInfo> {
  const extension = (name.split('.').at(-1) ?? '').toLowerCase();
  const video = mime.startsWith('video/') || ['mp4', 'mov', 'm4v', '3gp'].includes(extension);
  let head = Buffer.alloc(0);
  try {
    const handle = await open(file, 'r');
    try {
      const size = (await handle.stat()).size;
      head = Buffer.alloc(Math.min(size, 8 * 1024 * 1024));
      await handle.read(head, 0, head.length, 0);
    } finally {
      await handle.close();
    }
  } catch {
    return { kind: video ? 'video' : 'audio', format: extension.toUpperCase() };
  }
  const amr = amrDuration(head);
  if (amr !== undefined) return { kind: 'voice', format: 'AMR', durationSeconds: amr };
  const silk = silkDuration(head);
  if (silk !== undefined) return { kind: 'voice', format: 'SILK', durationSeconds: silk };
  const format = extension === 'mov' ? 'QuickTime MOV' : extension.toUpperCase();
  try {
    const { parseFile } = await import('music-metadata');
    const parsed = await parseFile(file, { duration: true, skipCovers: true });
    const seconds = parsed.format.duration ?? movieHeaderDuration(head);
    return { kind: video ? 'video' : 'audio', format, ...(seconds !== undefined && Number.isFinite(seconds) ? { durationSeconds: seconds } : {}) };
  } catch {
    const seconds = movieHeaderDuration(head);
    return { kind: video ? 'video' : 'audio', format, ...(seconds !== undefined ? { durationSeconds: seconds } : {}) };
  }
}
