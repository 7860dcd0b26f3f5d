import { describe, expect, it } from 'vitest';
import { describePromiseText } from '../../src/ui/deadline-text.js';
import { createTranslator } from '../../src/ui/i18n.js';

const zh = { t: createTranslator('zh'), lang: 'zh' as const };
const en = { t: createTranslator('en'), lang: 'en' as const };

describe('a delivery promise in words', () => {
  it('custom durations go through formatDuration, with no space between the unit and 内', () => {
    expect(describePromiseText(zh, '45m')).toBe('45 分钟内到账');
    expect(describePromiseText(en, '45m')).toBe('within 45 minutes');
    expect(describePromiseText(zh, '36h')).toBe('1 天 12 小时内到账');
    expect(describePromiseText(en, '90m')).toBe('within 1 hour 30 minutes');
  });

  it('presets read the same way', () => {
    expect(describePromiseText(zh, '2h')).toBe('2 小时内到账');
    expect(describePromiseText(zh, '24h')).toBe('24 小时内到账');
    expect(describePromiseText(en, '2h')).toBe('within 2 hours');
    expect(describePromiseText(zh, 'none')).toBe('未承诺时限');
  });
});

describe('the letter states the promise the same way', () => {
  it('45m in the letter: "45 分钟内到账"', async () => {
    const { assembleLetter } = await import('../../src/core/letter-facts.js');
    const { makeCase } = await import('./deadlines-fixture.js');
    const options = { now: new Date('2026-11-24T14:00:00+08:00'), lang: 'zh' as const, complainant: { name: '张三', phone: '13800138000', address: '北京市' }, replyWithinMinutes: 3 * 1440, deliverWithinHours: 24 };
    const content = assembleLetter(makeCase({ order: { promise: '45m' } }), options, createTranslator('zh'));
    expect(content.promise.text).toBe('45 分钟内到账');
    expect(content.promise.text).toBe(describePromiseText(zh, '45m'));
  });
});
