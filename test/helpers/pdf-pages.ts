/**
 * What each page of a PDF holds, read with poppler (pdftohtml -xml for the text with its font size, weight and
 * place; pdfimages -list for the images), and the page faults a reader would notice: a page with nothing on
 * it, a page holding only a heading, a table header or a signature, a heading or a table header left at the
 * foot of a page, a signature block cut from the paragraph before it.
 */
import { execFileSync } from 'node:child_process';

/** pdftohtml's zoom: coordinates and sizes are 1.5 × points. */
const ZOOM = 1.5;
const A4_WIDTH_PT = 595.28;
const FOOTER_TOP_PT = 841.89 - 70;

export type TextPiece = { top: number; left: number; width: number; height: number; size: number; bold: boolean; text: string };
export type PageContent = { page: number; body: TextPiece[]; footer: TextPiece[]; images: number };

function decode(text: string): string {
  return text
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}

/** Every page's text pieces (in points) and image count. */
export function readPages(pdf: string): PageContent[] {
  const xml = execFileSync('pdftohtml', ['-xml', '-i', '-stdout', '-q', pdf], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const images = new Map<number, number>();
  const list = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  for (const line of list.split('\n').slice(2)) {
    const match = /^\s*(\d+)\s+\d+\s+(image|smask|mask|stencil)/.exec(line);
    if (match && match[2] === 'image') images.set(Number(match[1]), (images.get(Number(match[1])) ?? 0) + 1);
  }
  const fonts = new Map<string, number>();
  const pages: PageContent[] = [];
  for (const pageMatch of xml.matchAll(/<page number="(\d+)"[^>]*>([\s\S]*?)<\/page>/g)) {
    const number = Number(pageMatch[1]);
    const body: TextPiece[] = [];
    const footer: TextPiece[] = [];
    for (const spec of pageMatch[2]!.matchAll(/<fontspec id="(\d+)" size="([\d.]+)"/g)) fonts.set(spec[1]!, Number(spec[2]) / ZOOM);
    for (const t of pageMatch[2]!.matchAll(/<text top="([\d.-]+)" left="([\d.-]+)" width="([\d.]+)" height="([\d.]+)" font="(\d+)">([\s\S]*?)<\/text>/g)) {
      const piece = { top: Number(t[1]) / ZOOM, left: Number(t[2]) / ZOOM, width: Number(t[3]) / ZOOM, height: Number(t[4]) / ZOOM, size: fonts.get(t[5]!) ?? 0, bold: /<b>/.test(t[6]!), text: decode(t[6]!).trim() };
      if (piece.text === '') continue;
      (piece.top >= FOOTER_TOP_PT ? footer : body).push(piece);
    }
    pages.push({ page: number, body, footer, images: images.get(number) ?? 0 });
  }
  return pages;
}

/** Pieces on one line (tops within a few points), top to bottom. */
export function rows(pieces: readonly TextPiece[]): TextPiece[][] {
  const sorted = [...pieces].sort((a, b) => a.top - b.top || a.left - b.left);
  const out: TextPiece[][] = [];
  for (const piece of sorted) {
    const last = out.at(-1);
    if (last && Math.abs(last[0]!.top - piece.top) < 4) last.push(piece);
    else out.push([piece]);
  }
  return out;
}

const isHeading = (row: readonly TextPiece[]) => row.every((p) => p.bold && p.size >= 11.9);
/** A table's header row: every cell bold, smaller than a heading, more than one cell. */
const isTableHeader = (row: readonly TextPiece[]) => row.length > 1 && row.every((p) => p.bold && p.size < 11.9);
/** A right-aligned line (a signature, a date under it): starts in the right part of the page. */
const isRightAligned = (row: readonly TextPiece[]) => Math.min(...row.map((p) => p.left)) > A4_WIDTH_PT * 0.45;
const rowText = (row: readonly TextPiece[]) => row.map((p) => p.text).join(' ');

/** The faults of one page, in words ("page 3: only a heading: 二、事件时间线"). */
export function pageFaults(page: PageContent, previous?: PageContent): string[] {
  const lines = rows(page.body);
  const where = `page ${page.page}`;
  if (lines.length === 0 && page.images === 0) return [`${where}: empty`];
  const faults: string[] = [];
  if (page.images === 0) {
    if (lines.every(isHeading)) faults.push(`${where}: only a heading: ${lines.map(rowText).join(' / ')}`);
    else if (lines.every((row) => isHeading(row) || isTableHeader(row))) faults.push(`${where}: only a table header: ${lines.map(rowText).join(' / ')}`);
    else if (lines.every((row) => isRightAligned(row) || isHeading(row))) faults.push(`${where}: only a signature block: ${lines.map(rowText).join(' / ')}`);
    else if (lines.length <= 1) faults.push(`${where}: a single line: ${lines.map(rowText).join(' / ')}`);
  }
  const last = lines.at(-1);
  if (last && lines.length > 1 && isHeading(last)) faults.push(`${where}: heading left at the foot of the page: ${rowText(last)}`);
  if (last && lines.length > 1 && isTableHeader(last)) faults.push(`${where}: table header left at the foot of the page: ${rowText(last)}`);
  const first = lines[0];
  const previousLast = previous ? rows(previous.body).at(-1) : undefined;
  if (first && isRightAligned(first) && previousLast && !isRightAligned(previousLast)) faults.push(`${where}: signature block cut from the paragraph before it: ${rowText(first)}`);
  return faults;
}

/** Every page fault of a PDF. */
export function documentFaults(pdf: string): string[] {
  const pages = readPages(pdf);
  return pages.flatMap((page, index) => pageFaults(page, pages[index - 1]));
}

/**
 * The contents table on a document's first page ("目录"): each listed section and its page; and every
 * numbered section heading ("一、…") the document has, with the page it starts on.
 */
export function contentsAndSections(pages: readonly PageContent[]): { listed: { section: string; page: number }[]; present: { section: string; page: number }[] } {
  const firstRows = rows(pages[0]?.body ?? []);
  const start = firstRows.findIndex((row) => isHeading(row) && /^(目录|Contents)$/.test(rowText(row)));
  const listed = firstRows
    .slice(start + 1)
    .filter((row) => !isTableHeader(row) && row.length === 2 && /^\d+$/.test(row[1]!.text))
    .map((row) => ({ section: row[0]!.text, page: Number(row[1]!.text) }));
  const present = pages.flatMap((page) =>
    rows(page.body)
      .filter((row) => isHeading(row) && /^([一二三四五六七八九十]+、|\d+\. )/.test(rowText(row)))
      .map((row) => ({ section: rowText(row), page: page.page })),
  );
  return { listed: start < 0 ? [] : listed, present };
}
