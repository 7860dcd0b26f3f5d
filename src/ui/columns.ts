import { eastAsianWidth } from 'get-east-asian-width';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Display width in a terminal: CJK and other East Asian wide characters take two columns. */
export function displayWidth(text: string): number {
  // most cells (ids, order numbers, amounts, times) are printable ASCII: one column a character
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let width = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x1100) width += code >= 0x20 ? 1 : 0;
    // CJK Unified Ideographs, the bulk of Chinese text: wide, without the table lookup
    else if (code >= 0x4e00 && code <= 0x9fff) width += 2;
    else {
      const next = code >= 0xd800 && code <= 0xdbff ? text.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        width += eastAsianWidth((code - 0xd800) * 0x400 + (next - 0xdc00) + 0x10000);
        i += 1;
      } else width += eastAsianWidth(code);
    }
  }
  return width;
}

/**
 * Plain aligned columns for long listings. cli-table3 (with string-width) spent ~200 ms drawing 1,000
 * rows, most of the budget of `list`; this pads by display width and nothing else.
 */
export function alignColumns(head: string[], rows: string[][], gap = 2): string {
  const columns = head.length;
  const widths = head.map(displayWidth);
  const cellWidths: number[][] = rows.map((row) => {
    const measured = new Array<number>(row.length);
    for (let column = 0; column < row.length; column += 1) {
      const width = displayWidth(row[column]!);
      measured[column] = width;
      if (column < columns && width > widths[column]!) widths[column] = width;
    }
    return measured;
  });
  const pads = new Map<number, string>();
  const pad = (n: number) => {
    let spaces = pads.get(n);
    if (spaces === undefined) pads.set(n, (spaces = ' '.repeat(n)));
    return spaces;
  };
  const line = (row: string[], measured: number[]) => {
    let text = '';
    const last = row.length - 1;
    for (let column = 0; column < last; column += 1) text += row[column]! + (column < columns ? pad(widths[column]! - measured[column]! + gap) : '');
    text += row[last] ?? '';
    return text.trimEnd();
  };
  const lines = new Array<string>(rows.length + 1);
  lines[0] = line(head, head.map(displayWidth));
  for (let i = 0; i < rows.length; i += 1) lines[i + 1] = line(rows[i]!, cellWidths[i]!);
  return lines.join('\n');
}
