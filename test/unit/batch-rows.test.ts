import { describe, expect, it } from 'vitest';
import { checkRows, columnFlag, columnMap } from '../../src/core/batch-rows.js';
import { maskIdNumber, parseIdNumber } from '../../src/core/client.js';

const environment = { zone: 'Asia/Shanghai', now: new Date('2026-11-24T04:00:00Z') };
const defaults = { demand: '退款', status: '处理中' };
const good = { platform: '快充', order: 'A1', product: 'p', category: 'phone', account: '1', amount: '10', 'payment-method': '支付宝', 'ordered-at': '2026-11-20 10:00' };

describe('batch intake columns', () => {
  const map = columnMap({ amount: ['实付金额'] });
  it.each([
    ['platform-url', 'platform-url'],
    ['--platform-url', 'platform-url'],
    ['platformUrl', 'platform-url'],
    ['订单号', 'order'],
    ['平台', 'platform'],
    ['金额', 'amount'],
    ['实付金额', 'amount'],
    [' 下单时间 ', 'ordered-at'],
    ['投诉人', 'client'],
    ['colour', undefined],
  ])('%j → %j', (column, flag) => expect(columnFlag(map, column)).toBe(flag));
});

describe('batch intake rows', () => {
  it('good rows become facts; every problem of every row is named with its line and field', () => {
    const rows = [
      { line: 2, values: good },
      { line: 3, values: { ...good, order: 'A2', amount: '-1', category: 'cars' } },
      { line: 4, values: { ...good, order: 'A1' } },
      { line: 5, values: { platform: '快充' } },
    ];
    const { good: ok, problems } = checkRows(rows, environment, defaults);
    expect(ok.map((r) => r.facts.order.number)).toEqual(['A1']);
    expect(problems.map((p) => `${p.line} ${p.field}`)).toEqual([
      '3 --category',
      '3 --amount',
      '4 --order',
      '5 --order',
      '5 --product',
      '5 --category',
      '5 --account',
      '5 --amount',
      '5 --payment-method',
      '5 --ordered-at',
    ]);
  });
});

describe('ID numbers', () => {
  it('checks the GB 11643 check digit and masks', () => {
    expect(parseIdNumber('11010519491231002x')).toBe('11010519491231002X');
    expect(() => parseIdNumber('110105194912310021')).toThrow();
    expect(parseIdNumber('E12345678')).toBe('E12345678');
    expect(() => parseIdNumber('12')).toThrow();
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
  });
});
