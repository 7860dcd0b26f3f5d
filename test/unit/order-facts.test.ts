import { describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter, parseCreditCode } from '../../src/core/credit-code.js';
import { durationCode, parseDuration } from '../../src/core/duration.js';
import { buildCaseFacts, parsePlatformKind } from '../../src/core/order-fields.js';
import { describePromise, parsePromise, readPromise } from '../../src/core/promise.js';
import { platformDeadline } from '../../src/core/deadlines.js';
import { InputError } from '../../src/errors.js';
import { createTranslator } from '../../src/ui/i18n.js';
import { makeCase } from './deadlines-fixture.js';
import { builtInHolidays } from '../../src/holidays/load.js';
import { createWorkCalendar } from '../../src/core/working-days.js';

const calendar = createWorkCalendar([builtInHolidays()]);

const keyOf = (fn: () => unknown) => {
  try {
    fn();
    return 'no error';
  } catch (error) {
    return error instanceof InputError ? error.key : String(error);
  }
};

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it.each(['91350100M000100Y43', '91110000802100433B', '91440300708461136T', ' 9111 0108 5513 8508 2q '])('accepts %s', (raw) => {
    expect(parseCreditCode(raw)).toMatch(/^[0-9A-HJ-NPQRTUWXY]{18}$/);
  });
  it.each([
    ['91350100M000100Y44', 'input.creditCode.check'],
    ['91350100M000100Y4', 'input.creditCode.length'],
    ['91350100M000100YI3', 'input.creditCode.character'],
    ['', 'input.creditCode.length'],
  ])('rejects %s (%s)', (raw, key) => {
    expect(keyOf(() => parseCreditCode(raw))).toBe(key);
  });
  it('computes the check character over the weighted sum mod 31', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheckCharacter('9135010OM000100Y4')).toBeUndefined();
  });
});

describe('durations and the promise: one parser, one typed value, one wording', () => {
  it.each([
    ['30m', 30], ['45min', 45], ['2h', 120], ['24H', 1440], ['3d', 4320], ['2 小时', 120], ['３天', 4320], ['90分钟', 90],
  ])('parseDuration(%s) = %s minutes', (raw, minutes) => {
    expect(parseDuration(raw)).toBe(minutes);
  });
  it.each(['0h', '-2h', 'soon', '2w', '2026-11-20 10:00', ''])('parseDuration(%s) is not a duration', (raw) => {
    expect(parseDuration(raw)).toBeUndefined();
  });
  it('codes durations compactly', () => {
    expect([durationCode(30), durationCode(120), durationCode(1440), durationCode(90)]).toEqual(['30m', '2h', '1d', '90m']);
  });
  it('stores a promise typed in Chinese as its code, and reads it back typed', () => {
    expect(parsePromise('2 小时')).toBe('2h');
    expect(readPromise('2h')).toEqual({ kind: 'within', code: '2h', minutes: 120 });
    expect(readPromise('instant')).toEqual({ kind: 'instant', code: 'instant', minutes: 0 });
    expect(readPromise('none')).toEqual({ kind: 'none', code: 'none' });
  });
  it.each([
    ['3wd', '3wd'],
    ['3 个工作日', '3wd'],
    ['3个工作日', '3wd'],
    ['３工作日', '3wd'],
    ['2 working days', '2wd'],
  ])('stores a promise in working days, %s, as %s and words it so', (typed, code) => {
    expect(parsePromise(typed)).toBe(code);
    const promise = readPromise(code);
    expect(promise).toEqual({ kind: 'working-days', code, days: Number(code[0]) });
    expect(describePromise(promise, createTranslator('zh'), 'zh')).toBe(`${code[0]} 个工作日内到账`);
    expect(describePromise(promise, createTranslator('en'), 'en')).toBe(`within ${code[0]} working days`);
  });
  it.each(['0wd', '0 个工作日', '工作日', '3 工作周'])('refuses %s as a promise', (typed) => {
    expect(keyOf(() => parsePromise(typed))).toBe('input.promise.invalid');
  });
  it('hands the typed promise on in the platform Deadline, and words it once', () => {
    const deadline = platformDeadline(makeCase({ order: { promise: '45m' } }), new Date('2026-11-24T14:00:00+08:00'), calendar);
    expect(deadline.promise).toEqual({ kind: 'within', code: '45m', minutes: 45 });
    expect(describePromise(deadline.promise, createTranslator('zh'), 'zh')).toBe('45 分钟内到账');
    expect(platformDeadline(makeCase({ order: { promise: 'none' } }), new Date(), calendar).kind).toBe('reasonable-period');
  });
});

describe('new order facts', () => {
  const environment = { zone: 'Asia/Shanghai', now: new Date('2026-11-24T14:00:00+08:00') };
  const defaults = { demand: 'd', status: 's' };
  const raw = { platform: '快充', order: 'KM1', product: '话费', category: 'phone', account: '138', amount: '100', 'payment-method': '支付宝', 'ordered-at': '2026-11-20 10:00' };
  it('records credit code, region, platform kind, partial delivery and fraud grounds', () => {
    const facts = buildCaseFacts({ ...raw, 'credit-code': '91350100M000100Y43', region: '浙江省杭州市', 'platform-kind': '平台内店铺', delivered: '30', fraud: '明知无货仍收款' }, environment, defaults);
    expect(facts.platform).toMatchObject({ creditCode: '91350100M000100Y43', region: '浙江省杭州市', kind: 'shop-on-platform' });
    expect(facts.order.deliveredFen).toBe(3000);
    expect(facts.fraudGrounds).toBe('明知无货仍收款');
  });
  it.each([
    [{ delivered: '100' }, 'input.delivered.tooLarge'],
    [{ 'credit-code': '123' }, 'input.creditCode.length'],
    [{ 'platform-kind': 'mall' }, 'input.platformKind.invalid'],
  ])('rejects %o', (extra, key) => {
    expect(keyOf(() => buildCaseFacts({ ...raw, ...extra }, environment, defaults))).toBe(key);
  });
  it('reads platform kinds in both languages', () => {
    expect(['self-run', '自营', 'platform', '平台'].map(parsePlatformKind)).toEqual(['self-run', 'self-run', 'platform', 'platform']);
  });
});
