import { eastAsianWidth } from 'get-east-asian-width';
import { describe, expect, it } from 'vitest';
import { alignColumns, displayWidth } from '../../src/ui/columns.js';

/** The plain definition: every code point, wide ones two columns, control characters none. */
function reference(text: string): number {
  let width = 0;
  for (const character of text) {
    const code = character.codePointAt(0)!;
    width += code < 0x1100 ? (code >= 0x20 ? 1 : 0) : eastAsianWidth(code);
  }
  return width;
}

describe('displayWidth', () => {
  it.each([
    ['', 0],
    ['KM2026000001', 12],
    ['卡盟7', 5],
    ['处理中', 6],
    ['平台承诺到账 2026-11-20 12:00 超期 4 天', 39],
    ['ｱｲｳ', 3], // half-width katakana: narrow
    ['ＡＢ', 4], // full-width Latin: wide
    ['한국', 4],
    ['😀x', 3], // a wide emoji outside the BMP, as a surrogate pair
    ['𠀀', 2], // CJK Extension B, outside the BMP
    ['a\u0007b', 2], // a control character takes no column
    ['\ud800x', 2], // a lone surrogate is one narrow character
    ['é', 1],
  ])('%j is %i columns wide', (text, width) => {
    expect(displayWidth(text)).toBe(width);
    expect(displayWidth(text)).toBe(reference(text));
  });
});

describe('alignColumns', () => {
  it('pads every column to its widest cell by display width, with the gap, and trims line ends', () => {
    const text = alignColumns(['Case', '平台', 'State'], [
      ['C1', '卡盟7', 'overdue'],
      ['C10', 'shop', ''],
    ]);
    expect(text.split('\n')).toEqual(['Case  平台   State', 'C1    卡盟7  overdue', 'C10   shop']);
  });

  it('a row longer than the head: its extra cells follow unpadded', () => {
    expect(alignColumns(['A'], [['x', 'y', 'z']])).toBe('A\nx  yz');
  });
});
