import { chmod, copyFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { requireOptional } from '../optional.js';

/**
 * Copies sized for the upload form (default 5 MB a file, setting uploadLimitMB): a PDF over the limit is
 * split into parts with pdf-lib; an image over the limit is re-encoded (JPEG, then smaller) with sharp.
 * Only the copies in upload/ change; the originals in evidence/ stay byte for byte.
 *
 * how: copied (the original as it is), split (parts of a PDF), banded (a long screenshot cut into readable
 * parts), converted (an image format the form may not take, as PNG/JPEG; a text original as PDF), reencoded
 * (made smaller to fit), too-large (still over the limit: the user is told).
 */
export type UploadCopy = { path: string; size: number; from: string; how: 'copied' | 'split' | 'banded' | 'converted' | 'reencoded' | 'too-large' };

/**
 * Roughly how many bytes each page brings into a file of its own: the sizes of the streams it reaches
 * (content, images, fonts), each counted once per page. Used to pack pages into parts before building them.
 */
function pageWeights(source: import('@pdfme/pdf-lib').PDFDocument, lib: typeof import('@pdfme/pdf-lib')): { weights: number[]; refsOf: Set<string>[]; sizes: Map<string, number> } {
  const { PDFDict, PDFArray, PDFRef, PDFRawStream, PDFName } = lib;
  const sizes = new Map<string, number>();
  const refsOf: Set<string>[] = [];
  const parent = PDFName.of('Parent');
  for (const page of source.getPages()) {
    const refs = new Set<string>();
    const visit = (value: unknown) => {
      if (value instanceof PDFRef) {
        const key = value.toString();
        if (refs.has(key)) return;
        refs.add(key);
        const target = source.context.lookup(value);
        if (!sizes.has(key)) sizes.set(key, target instanceof PDFRawStream ? target.contents.length + 200 : 100);
        visit(target);
      } else if (value instanceof PDFRawStream) {
        visit(value.dict);
      } else if (value instanceof PDFDict) {
        for (const [name, entry] of value.entries()) if (name !== parent) visit(entry);
      } else if (value instanceof PDFArray) {
        for (let i = 0; i < value.size(); i += 1) visit(value.get(i));
      }
    };
    visit(page.node);
    refsOf.push(refs);
  }
  return { weights: refsOf.map((refs) => [...refs].reduce((sum, key) => sum + (sizes.get(key) ?? 0), 0)), refsOf, sizes };
}

/** Split a PDF into consecutive page ranges whose files each fit the limit (a single page that does not fit stays alone). */
export async function splitPdf(pdf: Buffer, limitBytes: number): Promise<Buffer[]> {
  if (pdf.length <= limitBytes) return [pdf];
  const lib = await import('@pdfme/pdf-lib');
  const source = await lib.PDFDocument.load(pdf);
  const total = source.getPageCount();
  const build = async (from: number, to: number) => {
    const part = await lib.PDFDocument.create();
    part.setTitle(`${source.getTitle() ?? 'complaint'} (${from + 1}–${to})`);
    const pages = await part.copyPages(source, Array.from({ length: to - from }, (_, i) => from + i));
    pages.forEach((page) => part.addPage(page));
    return Buffer.from(await part.save({ useObjectStreams: true }));
  };
  const { refsOf, sizes } = pageWeights(source, lib);
  const budget = limitBytes * 0.95 - 2000;
  const parts: Buffer[] = [];
  let start = 0;
  while (start < total) {
    // pack pages while the objects they reach (shared ones once) stay within the budget
    const seen = new Set<string>();
    let bytes = 0;
    let end = start;
    while (end < total) {
      let added = 0;
      for (const key of refsOf[end]!) if (!seen.has(key)) added += sizes.get(key) ?? 0;
      if (end > start && bytes + added > budget) break;
      for (const key of refsOf[end]!) seen.add(key);
      bytes += added;
      end += 1;
    }
    let part = await build(start, end);
    while (part.length > limitBytes && end - start > 1) {
      end = start + Math.max(1, Math.floor((end - start) / 2));
      part = await build(start, end);
    }
    parts.push(part);
    start = end;
  }
  return parts;
}

/** Re-encode an image until it fits: JPEG at falling quality, then smaller dimensions. */
export async function shrinkImage(data: Buffer, limitBytes: number): Promise<Buffer | undefined> {
  const sharp = await requireOptional('sharp');
  const meta = await sharp(data, { limitInputPixels: 400_000_000 }).metadata();
  let width = meta.width ?? 2000;
  for (let attempt = 0; attempt < 8; attempt += 1) {
    for (const quality of [85, 70]) {
      const out = await sharp(data, { limitInputPixels: 400_000_000 }).rotate().flatten({ background: '#ffffff' }).resize({ width, withoutEnlargement: true }).jpeg({ quality, mozjpeg: true }).toBuffer();
      if (out.length <= limitBytes) return out;
    }
    width = Math.floor(width * 0.75);
  }
  return undefined;
}

/** Copy a file and make the copy private (copyFile keeps the source's permissions). */
export async function copyPrivately(source: string, target: string): Promise<void> {
  await copyFile(source, target);
  await chmod(target, 0o600);
}

/** 1-based part numbers padded to the count's width, so part files sort in order (part01 … part12). */
export function partNumber(index: number, count: number): string {
  return String(index + 1).padStart(String(count).length, '0');
}

/**
 * Write a PDF into the upload folder, split into parts when it is over the limit; a part still over the limit
 * (a single page too heavy to split) is marked too-large, so the user is told.
 */
export async function writePdfCopies(dir: string, stem: string, pdf: Buffer, from: string, limitBytes: number, single: UploadCopy['how'] = 'copied'): Promise<UploadCopy[]> {
  const parts = await splitPdf(pdf, limitBytes);
  const copies: UploadCopy[] = [];
  for (const [index, part] of parts.entries()) {
    const name = parts.length === 1 ? `${stem}.pdf` : `${stem}-part${partNumber(index, parts.length)}.pdf`;
    await writeFile(path.join(dir, name), part, { mode: 0o600 });
    copies.push({ path: `upload/${name}`, size: part.length, from, how: part.length > limitBytes ? 'too-large' : parts.length === 1 ? single : 'split' });
  }
  return copies;
}

/** Write an image copy, re-encoded smaller when it is over the limit. */
export async function writeImageCopy(dir: string, stem: string, data: Buffer, extension: string, from: string, limitBytes: number, how: UploadCopy['how']): Promise<UploadCopy> {
  if (data.length <= limitBytes) {
    await writeFile(path.join(dir, `${stem}.${extension}`), data, { mode: 0o600 });
    return { path: `upload/${stem}.${extension}`, size: data.length, from, how };
  }
  const shrunk = await shrinkImage(data, limitBytes);
  const final = shrunk ?? data;
  const name = shrunk ? `${stem}.jpg` : `${stem}.${extension}`;
  await writeFile(path.join(dir, name), final, { mode: 0o600 });
  return { path: `upload/${name}`, size: final.length, from, how: shrunk ? 'reencoded' : 'too-large' };
}
