import { describe, expect, it } from 'vitest';
import { breakLines, NO_LINE_END, NO_LINE_START, units } from '../../src/documents/line-break.js';
import { parseMarkup } from '../../src/documents/markup.js';

/** A monospace-ish measure: wide characters 10, others 5. */
const measure = (text: string) => Array.from(text).reduce((w, c) => w + (/[\u2E80-\uFFEF]/u.test(c) ? 10 : 5), 0);

const SAMPLE =
  '本人于 2026-11-20 10:01 支付订单 KM20261120001 的全部价款 100.00 元，购买“中国移动话费 100 元”，充值账号为 13800138000。贵方承诺该商品 2 小时内到账，即应于 2026-11-20 12:01 前到账。截至本函出具之日（2026年11月24日），订单仍显示“处理中”，充值未进入本人指定的账号，已超过承诺时限 3 天 23 小时。《中华人民共和国电子商务法》第二十条：“电子商务经营者应当按照承诺……”！？';

describe('breakLines', () => {
  it('never starts a line with closing punctuation nor ends one with opening punctuation, at any width', () => {
    for (let width = 40; width <= 400; width += 7) {
      const lines = breakLines(SAMPLE, width, measure);
      lines.forEach((line, index) => {
        if (index > 0) expect(NO_LINE_START.has(Array.from(line)[0]!), `width ${width}: "${line}"`).toBe(false);
        if (index < lines.length - 1) expect(NO_LINE_END.has(Array.from(line).at(-1)!), `width ${width}: "${line}"`).toBe(false);
      });
    }
  });

  it('keeps every character, in order, and no line wider than the width unless a unit cannot be split', () => {
    for (const width of [60, 123, 250]) {
      const lines = breakLines(SAMPLE, width, measure);
      expect(lines.join('').replace(/\s+/g, '')).toBe(SAMPLE.replace(/\s+/g, ''));
      for (const line of lines) expect(measure(line)).toBeLessThanOrEqual(width + 20); // a glued closing mark may overhang
    }
  });

  it('breaks Latin text at spaces only, and an over-long token anywhere', () => {
    const lines = breakLines('order KM20261120001 and ticket GD20261120-0042 here', 100, measure);
    for (const line of lines) expect(line).not.toMatch(/^\s|\s$/);
    expect(lines.join(' ')).toBe('order KM20261120001 and ticket GD20261120-0042 here');
    const hash = 'a'.repeat(64);
    const hashLines = breakLines(hash, 100, measure);
    expect(hashLines.join('')).toBe(hash);
    expect(hashLines.every((l) => measure(l) <= 100)).toBe(true);
  });

  it('treats newlines as hard breaks and keeps a first-line indent narrower', () => {
    expect(breakLines('甲乙\n丙丁', 100, measure)).toEqual(['甲乙', '丙丁']);
    const lines = breakLines('一二三四五六七八九十', 50, measure, 30);
    expect(lines[0]).toBe('一二三');
  });

  it('glues closing marks to the unit before and opening marks to the unit after', () => {
    expect(units('好。”（注')).toEqual(['好。”', '（注']);
  });
});

describe('parseMarkup', () => {
  it('reads the block markup templates render to', () => {
    const blocks = parseMarkup(['# 标题', '', '| 致：某公司', '| 地址：某地', '', ':: 订单 | KM1', ':: 金额 | 100.00 元', '', '正文第一行', '接第二行', '', '1. 一', '2. 二', '', '- 甲', '> 引文', '>> 签名', '>> 日期', '---', '## 小标题'].join('\n'));
    expect(blocks.map((b) => b.type)).toEqual(['title', 'paragraph', 'paragraph', 'keyValues', 'paragraph', 'list', 'list', 'quote', 'right', 'rule', 'heading']);
    expect(blocks[3]).toEqual({ type: 'keyValues', rows: [['订单', 'KM1'], ['金额', '100.00 元']] });
    expect(blocks[4]).toEqual({ type: 'paragraph', text: '正文第一行接第二行', indent: true });
    expect(blocks[5]).toEqual({ type: 'list', numbered: true, start: 1, items: ['一', '二'] });
    expect(blocks[8]).toEqual({ type: 'right', lines: ['签名', '日期'] });
  });

  it('joins English lines of a paragraph with a space', () => {
    expect(parseMarkup('one line\nand another')).toEqual([{ type: 'paragraph', text: 'one line and another', indent: true }]);
  });
});
