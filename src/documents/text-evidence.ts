/**
 * Text evidence (a chat export, a bill as .txt/.csv/.html) read for printing: the encoding detected (UTF-8 and
 * UTF-16 by their marks or validity, otherwise chardet's guess, where Chinese exports are usually GBK/GB18030)
 * and decoded with iconv-lite; HTML reduced to its visible text. The original bytes are never changed.
 */

export type TextEvidence = { lines: string[]; encoding: string };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The visible text of an HTML export: scripts and styles dropped, block ends as line breaks, entities decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|div|tr|li|h\d|table|section|article)>/gi, '\n')
    .replace(/<\/t[dh]>/gi, '\t')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n');
}

async function detectEncoding(data: Buffer): Promise<string> {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) return 'utf-8';
  if (data[0] === 0xff && data[1] === 0xfe) return 'utf-16le';
  if (data[0] === 0xfe && data[1] === 0xff) return 'utf-16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data);
    return 'utf-8';
  } catch {
    // not UTF-8: guess below
  }
  // CommonJS: its exports are the default export (also once bundled, where named exports are not copied)
  const { default: chardet } = await import('chardet');
  const guess = (chardet.detect(data.subarray(0, 256 * 1024)) ?? '').toLowerCase();
  if (/^(gb|big5|euc-kr|shift_jis|euc-jp|utf-16|iso-8859|windows-125)/.test(guess)) return /^gb/.test(guess) ? 'gb18030' : guess;
  return 'gb18030';
}

/** Decode and split into lines (control characters other than tabs removed). */
export async function readTextEvidence(data: Buffer, mime: string, name: string): Promise<TextEvidence> {
  const encoding = await detectEncoding(data);
  const { default: iconv } = await import('iconv-lite');
  let text = iconv.decode(data, encoding);
  if (/html/.test(mime) || /\.html?$/i.test(name)) text = htmlToText(text);
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b\ufeff]/g, '').replace(/\t/g, '    ').trimEnd());
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return { lines, encoding: encoding.toUpperCase() };
}

/** Whether an evidence file is printed as text. */
export function isTextEvidence(mime: string, name: string): boolean {
  return /^text\/(plain|csv|html|markdown)|json/.test(mime) || /\.(txt|csv|html?|log|json|md)$/i.test(name);
}
