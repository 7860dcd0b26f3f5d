/**
 * The block markup the document templates render to. A template (nunjucks) produces plain text; each
 * block is one of:
 *   # title   ## heading   ### sub-heading   1. numbered item   - bullet   > quotation   >> right-aligned line
 *   ^^ centred line   :: key | value   (rows of a two-column table)   ---   (a rule)   | line   (a paragraph line, not indented)
 *   !newpage   anything else: paragraph text (consecutive lines are one paragraph; a blank line ends it).
 * Pure.
 */
export type Block =
  | { type: 'title'; text: string }
  | { type: 'heading'; level: 1 | 2; text: string }
  | { type: 'paragraph'; text: string; indent: boolean }
  | { type: 'list'; numbered: boolean; start: number; items: string[] }
  | { type: 'quote'; text: string }
  | { type: 'right'; lines: string[] }
  | { type: 'center'; text: string }
  | { type: 'keyValues'; rows: [string, string][] }
  | { type: 'rule' }
  | { type: 'newpage' };

const NUMBERED = /^(\d{1,3})[.、]\s+(.*)$/;

/** Join two lines of one paragraph: a space between Latin text, nothing around Chinese. */
function joinLines(a: string, b: string): string {
  if (a === '') return b;
  const last = a.at(-1)!;
  const first = b[0] ?? '';
  return /[\x21-\x7e]/.test(last) && /[\x21-\x7e]/.test(first) ? `${a} ${b}` : `${a}${b}`;
}

export function parseMarkup(text: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: { text: string; indent: boolean } | undefined;
  const endParagraph = () => {
    if (paragraph && paragraph.text.trim() !== '') blocks.push({ type: 'paragraph', text: paragraph.text.trim(), indent: paragraph.indent });
    paragraph = undefined;
  };
  const last = () => blocks.at(-1);
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/\s+$/u, '');
    const trimmed = line.trim();
    if (trimmed === '') {
      endParagraph();
      continue;
    }
    if (trimmed.startsWith('| ') || trimmed === '|') {
      // a line of its own, not indented: consecutive ones stay separate lines
      endParagraph();
      blocks.push({ type: 'paragraph', text: trimmed.slice(1).trim(), indent: false });
      continue;
    }
    let match: RegExpExecArray | null;
    if (trimmed.startsWith('### ')) {
      endParagraph();
      blocks.push({ type: 'heading', level: 2, text: trimmed.slice(4).trim() });
    } else if (trimmed.startsWith('## ')) {
      endParagraph();
      blocks.push({ type: 'heading', level: 1, text: trimmed.slice(3).trim() });
    } else if (trimmed.startsWith('# ')) {
      endParagraph();
      blocks.push({ type: 'title', text: trimmed.slice(2).trim() });
    } else if (trimmed === '---') {
      endParagraph();
      blocks.push({ type: 'rule' });
    } else if (trimmed === '!newpage') {
      endParagraph();
      blocks.push({ type: 'newpage' });
    } else if (trimmed.startsWith('^^ ')) {
      endParagraph();
      blocks.push({ type: 'center', text: trimmed.slice(3).trim() });
    } else if (trimmed.startsWith('>> ') || trimmed === '>>') {
      endParagraph();
      const previous = last();
      const content = trimmed.slice(2).trim();
      if (previous?.type === 'right') previous.lines.push(content);
      else blocks.push({ type: 'right', lines: [content] });
    } else if (trimmed.startsWith('> ')) {
      endParagraph();
      const previous = last();
      if (previous?.type === 'quote') previous.text = joinLines(previous.text, trimmed.slice(2).trim());
      else blocks.push({ type: 'quote', text: trimmed.slice(2).trim() });
    } else if (trimmed.startsWith(':: ')) {
      endParagraph();
      const body = trimmed.slice(3);
      const bar = body.indexOf(' | ');
      const row: [string, string] = bar < 0 ? [body.trim(), ''] : [body.slice(0, bar).trim(), body.slice(bar + 3).trim()];
      const previous = last();
      if (previous?.type === 'keyValues') previous.rows.push(row);
      else blocks.push({ type: 'keyValues', rows: [row] });
    } else if ((match = NUMBERED.exec(trimmed))) {
      endParagraph();
      const previous = last();
      if (previous?.type === 'list' && previous.numbered) previous.items.push(match[2]!);
      else blocks.push({ type: 'list', numbered: true, start: Number(match[1]), items: [match[2]!] });
    } else if (trimmed.startsWith('- ')) {
      endParagraph();
      const previous = last();
      if (previous?.type === 'list' && !previous.numbered) previous.items.push(trimmed.slice(2).trim());
      else blocks.push({ type: 'list', numbered: false, start: 1, items: [trimmed.slice(2).trim()] });
    } else {
      paragraph ??= { text: '', indent: true };
      paragraph.text = joinLines(paragraph.text, trimmed);
    }
  }
  endParagraph();
  return blocks;
}
