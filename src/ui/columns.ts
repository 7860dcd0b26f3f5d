import { eastAsianWidth } from 'get-east-asian-width';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Display width in a terminal: CJK and other East Asian wide characters take two columns. */
export function displayWidth(text: string): number {
  // most cells (ids, order numbers, amounts, times) are printable ASCII: one column a character
  if (PRINTABLE_ASCII.test(text)) return text.length;
  let width = 0;
  for (const character of text) {
    const code = character.codePointAt(0)!;
    width += code < 0x1100 ? (code >= 0x20 ? 1 : 0) : eastAsianWidth(code);
  }
  return width;
}

/**
 * Plain aligned columns for long listings. cli-table3 (with string-width) spent ~200 ms drawing 1,000
 * rows, most of the budget of `list`; this pads by display width and nothing else.
 */
export function alignColumns(head: string[], rows: string[][], gap = 2): string {
  const all = [head, ...rows];
  const cellWidths = all.map((row) => row.map(displayWidth));
  const widths = head.map((_, column) => Math.max(...cellWidths.map((row) => row[column] ?? 0)));
  const line = (row: string[], rowIndex: number) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell + ' '.repeat(widths[column]! - cellWidths[rowIndex]![column]! + gap)))
      .join('')
      .trimEnd();
  return all.map(line).join('\n');
}
