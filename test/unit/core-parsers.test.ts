import { describe, expect, it } from 'vitest';
import { formatFen, parseAmountToFen } from '../../src/core/money.js';
import { parseLocalTime } from '../../src/core/time.js';
import { parseDurationMinutes, parsePromise, promiseMinutes } from '../../src/core/promise.js';
import { parseEmail, parsePhone, parseWebUrl } from '../../src/core/contact-details.js';
import { parseCategory } from '../../src/core/order-fields.js';
import { InputError } from '../../src/errors.js';

function keyOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error.key;
    throw error;
  }
  return 'no error';
}

describe('parseAmountToFen', () => {
  it.each([
    ['100', 10000],
    ['100.5', 10050],
    ['100.50', 10050],
    ['0.01', 1],
    ['¥1,000.00', 100000],
    ['￥ 1,000', 100000],
    ['１００', 10000],
    ['１００．５', 10050],
    ['100元', 10000],
    ['RMB 88.8', 8880],
    ['1,000,000', 100_000_000],
    ['  42 ', 4200],
    ['7.', 700],
  ])('%s → %i fen', (raw, fen) => {
    expect(parseAmountToFen(raw)).toBe(fen);
  });

  it.each([
    ['-5', 'input.amount.notPositive'],
    ['0', 'input.amount.notPositive'],
    ['0.00', 'input.amount.notPositive'],
    ['NaN', 'input.amount.notNumber'],
    ['abc', 'input.amount.notNumber'],
    ['1.001', 'input.amount.tooManyDecimals'],
    ['1,00', 'input.amount.notNumber'],
    ['1e3', 'input.amount.notNumber'],
    ['1000000.01', 'input.amount.tooLarge'],
    ['99999999999', 'input.amount.tooLarge'],
    ['', 'input.amount.empty'],
    ['Infinity', 'input.amount.notNumber'],
  ])('rejects %s (%s)', (raw, key) => {
    expect(keyOf(() => parseAmountToFen(raw))).toBe(key);
  });

  it('formats fen back as two decimals', () => {
    expect(formatFen(10000)).toBe('100.00');
    expect(formatFen(10050)).toBe('100.50');
    expect(formatFen(1)).toBe('0.01');
  });
});

describe('parseLocalTime', () => {
  const now = new Date('2026-11-24T04:00:00Z'); // 12:00 in Shanghai

  it.each([
    ['2026-11-20 10:00', '2026-11-20T10:00:00+08:00'],
    ['2026-11-20 10:00:30', '2026-11-20T10:00:30+08:00'],
    ['2026-11-20T10:00', '2026-11-20T10:00:00+08:00'],
    ['２０２６-１１-２０ １０:００', '2026-11-20T10:00:00+08:00'],
    ['2024-02-29 23:59', '2024-02-29T23:59:00+08:00'],
    ['2026-11-24 12:00', '2026-11-24T12:00:00+08:00'],
  ])('%s in Asia/Shanghai → %s', (raw, iso) => {
    expect(parseLocalTime(raw, 'Asia/Shanghai', now)).toBe(iso);
  });

  it('reads the wall clock in the case zone whatever the machine TZ is', () => {
    expect(parseLocalTime('2026-07-01 09:00', 'Europe/Berlin', now)).toBe('2026-07-01T09:00:00+02:00');
  });

  it.each([
    ['2026-02-30 10:00', 'input.time.impossible'],
    ['2026-13-01 10:00', 'input.time.impossible'],
    ['2026-11-20 24:30', 'input.time.impossible'],
    ['2025-02-29 10:00', 'input.time.impossible'],
    ['2026-11-24 12:01', 'input.time.future'],
    ['2027-01-01 00:00', 'input.time.future'],
    ['yesterday', 'input.time.format'],
    ['2026/11/20 10:00', 'input.time.format'],
    ['2026-11-20', 'input.time.format'],
    ['', 'input.time.empty'],
  ])('rejects %s (%s)', (raw, key) => {
    expect(keyOf(() => parseLocalTime(raw, 'Asia/Shanghai', now))).toBe(key);
  });
});

describe('promises', () => {
  it.each([
    ['instant', 'instant', 0],
    ['秒充', 'instant', 0],
    ['30m', '30m', 30],
    ['2h', '2h', 120],
    ['24H', '24h', 1440],
    ['3d', '3d', 4320],
    ['none', 'none', undefined],
    ['', 'none', undefined],
    ['45min', '45m', 45],
  ])('%s → %s (%s minutes)', (raw, normal, minutes) => {
    const parsed = parsePromise(raw);
    expect(parsed).toBe(normal);
    expect(promiseMinutes(parsed)).toBe(minutes);
  });

  it.each(['soon', '0h', '-2h', '2w', 'h'])('rejects %s', (raw) => {
    expect(keyOf(() => parsePromise(raw))).toBe('input.promise.invalid');
  });

  it('reads durations for promised-by', () => {
    expect(parseDurationMinutes('24h')).toBe(1440);
    expect(parseDurationMinutes('2026-11-20 10:00')).toBeUndefined();
  });
});

describe('URLs', () => {
  it.each(['https://kachong.example.com/order/1', 'http://127.0.0.1:8080/x'])('accepts %s', (raw) => {
    expect(parseWebUrl(raw)).toBe(new URL(raw).toString());
  });
  it.each([
    ['javascript:alert(1)', 'input.url.scheme'],
    ['file:///etc/passwd', 'input.url.scheme'],
    ['ftp://example.com', 'input.url.scheme'],
    ['data:text/html,hi', 'input.url.scheme'],
    ['example.com', 'input.url.invalid'],
    ['', 'input.url.invalid'],
  ])('rejects %s', (raw, key) => {
    expect(keyOf(() => parseWebUrl(raw))).toBe(key);
  });
});

describe('phone numbers', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['１３８００１３８０００', '13800138000'],
    ['010-62345678', '010-62345678'],
    ['0571-8765432', '0571-8765432'],
    ['021 6123 4567', '021-61234567'],
    ['010-62345678-123', '010-62345678-123'],
    ['+86 10 6234 5678', '010-62345678'],
  ])('accepts %s → %s', (raw, normal) => {
    expect(parsePhone(raw)).toBe(normal);
  });
  it.each(['12800138000', '1380013800', '138001380001', '12345', 'phone', '010-1234', '0000-0000000'])('rejects %s', (raw) => {
    expect(keyOf(() => parsePhone(raw))).toBe('input.phone.invalid');
  });
});

describe('emails and categories', () => {
  it('accepts a plain address and rejects junk', () => {
    expect(parseEmail('wang@example.com')).toBe('wang@example.com');
    expect(keyOf(() => parseEmail('wang@'))).toBe('input.email.invalid');
  });
  it.each([
    ['game', 'game'],
    ['Phone', 'phone'],
    ['话费', 'phone'],
    ['流量', 'data'],
    ['gift-card', 'gift-card'],
    ['游戏点卡', 'game'],
  ])('category %s → %s', (raw, value) => {
    expect(parseCategory(raw)).toBe(value);
  });
  it('rejects an unknown category', () => {
    expect(keyOf(() => parseCategory('cars'))).toBe('input.category.invalid');
  });
});
