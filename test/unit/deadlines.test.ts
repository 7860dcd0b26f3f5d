import { describe, expect, it } from 'vitest';
import { builtInHolidays } from '../../src/holidays/load.js';
import {
  calendarWarnings,
  computeDeadlines,
  type Deadline,
  nearestDeadline,
  platformDeadline,
  sortByUrgency,
} from '../../src/core/deadlines.js';
import { formatDuration } from '../../src/core/duration-text.js';
import { clockFor, LEGAL_CLOCKS } from '../../src/core/legal/clocks.js';
import { createWorkCalendar } from '../../src/core/working-days.js';
import { makeCase } from './deadlines-fixture.js';

const calendar = createWorkCalendar([builtInHolidays()]);
const NOW = new Date('2026-11-24T12:00:00+08:00');
const byId = (deadlines: Deadline[], id: string) => deadlines.find((d) => d.id === id)!;

describe('the platform promise', () => {
  it.each([
    // promise, order time, now → due, state, minutes
    ['instant', '2026-11-20T10:00:00+08:00', '2026-11-20T10:00:00+08:00', 'overdue', 4 * 1440 + 120],
    ['24h', '2026-11-20T10:00:00+08:00', '2026-11-21T10:00:00+08:00', 'overdue', 3 * 1440 + 120],
    ['2h', '2026-11-20T10:00:00+08:00', '2026-11-20T12:00:00+08:00', 'overdue', 4 * 1440],
    ['3d', '2026-11-23T09:00:00+08:00', '2026-11-26T09:00:00+08:00', 'open', 1 * 1440 + 21 * 60],
  ])('promise %s from %s is due %s', (promise, orderedAt, due, state, minutes) => {
    const [deadline] = computeDeadlines(makeCase({ order: { promise, orderedAt } }), NOW, calendar);
    expect(deadline).toMatchObject({ id: 'platform-promise', kind: 'platform-promise', due, state, precision: 'minute' });
    expect(state === 'overdue' ? deadline!.overdueMinutes : deadline!.minutesLeft).toBe(minutes);
    expect(deadline!.basis).toEqual({ type: 'fact', fact: 'platform-promise', params: { promise } });
  });

  it('starts at payment when payment came after the order', () => {
    const [deadline] = computeDeadlines(makeCase({ order: { promise: '24h', paidAt: '2026-11-20T11:30:00+08:00' } }), NOW, calendar);
    expect(deadline!.due).toBe('2026-11-21T11:30:00+08:00');
  });

  it('uses 48 hours as a reasonable period when nothing was promised', () => {
    const [deadline] = computeDeadlines(makeCase({ order: { promise: 'none' } }), NOW, calendar);
    expect(deadline).toMatchObject({ id: 'reasonable-period', due: '2026-11-22T10:00:00+08:00', state: 'overdue', overdueMinutes: 2 * 1440 + 120 });
    expect(deadline!.basis).toMatchObject({ type: 'fact', fact: 'no-promise', params: { hours: 48 } });
  });

  it('is met by delivery, late by how long', () => {
    const record = makeCase({ order: { promise: '24h' }, resolution: { outcome: 'delivered', at: '2026-11-22T10:30:00+08:00' } });
    const [deadline] = computeDeadlines(record, NOW, calendar);
    expect(deadline).toMatchObject({ state: 'met', metAt: '2026-11-22T10:30:00+08:00', lateMinutes: 1470 });
    expect(platformDeadline(record, NOW, calendar).state).toBe('met');
  });

  it('is closed, not overdue, when the case was withdrawn', () => {
    const record = makeCase({ resolution: { outcome: 'withdrawn', at: '2026-11-22T10:30:00+08:00' } });
    expect(computeDeadlines(record, NOW, calendar).every((d) => d.state === 'closed')).toBe(true);
  });
});

describe('overdue beyond the promise, for letters', () => {
  it('gives minutes past the promise and words for them', () => {
    const overrun = platformDeadline(makeCase({ order: { promise: '24h', orderedAt: '2026-11-21T07:48:00+08:00' } }), NOW, calendar);
    expect(overrun).toMatchObject({ kind: 'platform-promise', state: 'overdue', from: '2026-11-21T07:48:00+08:00', due: '2026-11-22T07:48:00+08:00', overdueMinutes: 2 * 1440 + 4 * 60 + 12 });
    expect(formatDuration(overrun.overdueMinutes!, 'zh')).toBe('2 天 4 小时');
    expect(formatDuration(overrun.overdueMinutes!, 'en')).toBe('2 days 4 hours');
  });

  it('is not overdue before the promise runs out', () => {
    expect(platformDeadline(makeCase({ order: { promise: '24h', orderedAt: '2026-11-24T11:00:00+08:00' } }), NOW, calendar).state).toBe('open');
  });
});

describe('a promise in working days (3个工作日内到账)', () => {
  it.each([
    // promise, paid (order) time, now → due date, state: counted from the day after, skipping weekends and holidays
    ['3wd', '2026-11-20T22:00:00+08:00', '2026-11-23T12:00:00+08:00', '2026-11-25', 'open'], // Fri → Mon, Tue, Wed
    ['1wd', '2026-11-21T10:00:00+08:00', '2026-11-23T12:00:00+08:00', '2026-11-23', 'open'], // Sat → Mon
    ['1wd', '2026-11-20T10:00:00+08:00', '2026-11-24T12:00:00+08:00', '2026-11-23', 'overdue'], // Fri → Mon, now Tue
    ['2wd', '2026-09-30T10:00:00+08:00', '2026-10-05T12:00:00+08:00', '2026-10-09', 'open'], // 国庆 2026: 10-01..10-07 off → Thu 10-08, Fri 10-09
  ])('%s from %s, at %s: due %s, %s', (promise, orderedAt, now, dueDate, state) => {
    const deadline = platformDeadline(makeCase({ order: { promise, orderedAt } }), new Date(now), calendar);
    expect(deadline).toMatchObject({ kind: 'platform-promise', precision: 'day', dueDate, due: `${dueDate}T23:59:59+08:00`, state });
    expect(deadline.promise).toEqual({ kind: 'working-days', code: promise, days: Number(promise[0]) });
    expect(deadline.basis).toEqual({ type: 'fact', fact: 'platform-promise', params: { promise } });
  });

  it('is the first deadline computeDeadlines returns, counted on the same calendar', () => {
    const [deadline] = computeDeadlines(makeCase({ order: { promise: '3wd', orderedAt: '2026-11-20T22:00:00+08:00' } }), NOW, calendar);
    expect(deadline).toMatchObject({ id: 'platform-promise', dueDate: '2026-11-25', state: 'open' });
  });
});

describe('durations in words', () => {
  it.each([
    [0, '0 分钟', '0 minutes'],
    [1, '1 分钟', '1 minute'],
    [59, '59 分钟', '59 minutes'],
    [60, '1 小时', '1 hour'],
    [125, '2 小时 5 分钟', '2 hours 5 minutes'],
    [1440, '1 天', '1 day'],
    [3 * 1440 + 4 * 60 + 59, '3 天 4 小时', '3 days 4 hours'],
  ])('%i minutes', (minutes, zh, en) => {
    expect(formatDuration(minutes, 'zh')).toBe(zh);
    expect(formatDuration(minutes, 'en')).toBe(en);
  });
});

describe('customer-service promises', () => {
  it('one deadline per promise; a passed promise is overdue, a coming one open', () => {
    const record = makeCase({
      contacts: [
        { at: '2026-11-21T09:00:00+08:00', agent: '小王', promisedBy: '2026-11-22T18:00:00+08:00' },
        { at: '2026-11-23T09:00:00+08:00', ticket: 'GD-8812', channel: 'phone' },
        { at: '2026-11-24T09:00:00+08:00', ticket: 'GD-8812', promisedBy: '2026-11-25T09:00:00+08:00' },
      ],
    });
    const deadlines = computeDeadlines(record, NOW, calendar);
    expect(deadlines.map((d) => d.id)).toEqual(['platform-promise', 'service-promise-K1', 'service-promise-K3', 'limitation']);
    expect(byId(deadlines, 'service-promise-K1')).toMatchObject({
      state: 'overdue',
      overdueMinutes: 1 * 1440 + 18 * 60,
      source: { event: 'contact.added', ref: 'K1' },
      basis: { type: 'fact', fact: 'service-promise', params: { contact: 'K1', agent: '小王', channel: 'app-chat' } },
    });
    expect(byId(deadlines, 'service-promise-K3')).toMatchObject({ state: 'open', minutesLeft: 21 * 60, basis: { params: { ticket: 'GD-8812' } } });
  });
});

describe('the written complaint', () => {
  it('the reply date of each letter sent', () => {
    const record = makeCase({ lettersSent: [{ at: '2026-11-22T10:00:00+08:00', replyBy: '2026-11-25T18:00:00+08:00', recordedAt: '2026-11-22T10:00:00+08:00' }] });
    expect(byId(computeDeadlines(record, NOW, calendar), 'letter-reply-L1')).toMatchObject({ state: 'open', due: '2026-11-25T18:00:00+08:00', source: { event: 'letter.sent', ref: 'L1' } });
  });
});

describe('after filing with the regulator', () => {
  const filing = (at: string, authority = '杭州市余杭区市场监督管理局') => ({ at, authority, complaintNo: '1234', recordedAt: at });

  it('received Tue 2026-09-29: handled by Wed 2026-10-14 (国庆 and the Sat 10-10 make-up day)', () => {
    const record = makeCase({ order: { orderedAt: '2026-09-20T10:00:00+08:00' }, filings: [filing('2026-09-29T15:00:00+08:00')] });
    const deadline = byId(computeDeadlines(record, new Date('2026-10-14T20:00:00+08:00'), calendar), 'regulator-handling-F1');
    expect(deadline).toMatchObject({ dueDate: '2026-10-14', due: '2026-10-14T23:59:59+08:00', precision: 'day', state: 'open' });
    expect(deadline.basis).toMatchObject({ type: 'rule', ruleId: 'cpl-46-handling', citation: '《中华人民共和国消费者权益保护法》第四十六条', verified: true });
    expect(deadline.assumedYears).toBeUndefined();
    const nextMorning = byId(computeDeadlines(record, new Date('2026-10-15T09:00:00+08:00'), calendar), 'regulator-handling-F1');
    expect(nextMorning).toMatchObject({ state: 'overdue', overdueMinutes: 9 * 60 });
  });

  it('received Thu 2026-02-12: due Sat 2026-02-28, itself a make-up working day after 春节', () => {
    const record = makeCase({ order: { orderedAt: '2026-02-10T10:00:00+08:00' }, filings: [filing('2026-02-12T11:00:00+08:00')] });
    const deadlines = computeDeadlines(record, NOW, calendar);
    expect(byId(deadlines, 'regulator-handling-F1').dueDate).toBe('2026-02-28');
    // before 2026-04-15 the interim measures apply: 45 working days from the latest acceptance day (02-28):
    // March 03-02..03-31 (22), April 1–3 (25), 清明 04-04..06 off, 04-07..04-30 (43), 劳动节 05-01..05 off, 05-06 (44), 05-07 (45)
    const mediation = byId(deadlines, 'mediation-F1');
    expect(mediation).toMatchObject({ estimated: true, basis: { ruleId: 'interim-21-mediation', verified: true }, dueDate: '2026-05-07' });
  });

  it('after 2026-04-15 the mediation limit is the reported 60 days, unverified and without an article number', () => {
    const record = makeCase({ filings: [filing('2026-11-23T10:00:00+08:00')] });
    const mediation = byId(computeDeadlines(record, NOW, calendar), 'mediation-F1');
    // latest acceptance: 7 working days after Mon 11-23 → Wed 12-02; + 60 days → 2027-01-31
    expect(mediation).toMatchObject({ dueDate: '2027-01-31', basis: { ruleId: 'measures-121-mediation-reported', verified: false } });
    expect((mediation.basis as { citation: string }).citation).not.toMatch(/第.+条/);
  });

  it('a filing in late December runs into 2027: Mon–Fri fallback, with a warning', () => {
    const record = makeCase({ filings: [filing('2026-12-28T10:00:00+08:00')] });
    const deadlines = computeDeadlines(record, new Date('2026-12-29T10:00:00+08:00'), calendar);
    const handling = byId(deadlines, 'regulator-handling-F1');
    expect(handling).toMatchObject({ dueDate: '2027-01-06', assumedYears: [2027] });
    expect(calendarWarnings(deadlines)).toEqual([2027]);
  });

  it('a filing with the consumer association starts no regulator clock', () => {
    const record = makeCase({ filings: [filing('2026-11-23T10:00:00+08:00', '浙江省消费者权益保护委员会（消保委）')] });
    expect(computeDeadlines(record, NOW, calendar).map((d) => d.kind)).toEqual(['platform-promise', 'limitation']);
  });
});

describe('the three-year limit', () => {
  it('runs from the order date and is met by filing with the regulator', () => {
    const open = byId(computeDeadlines(makeCase(), NOW, calendar), 'limitation');
    expect(open).toMatchObject({ dueDate: '2029-11-20', state: 'open', basis: { type: 'rule', ruleId: 'measures-121-three-years-reported', verified: false } });
    const filed = makeCase({ filings: [{ at: '2026-11-23T10:00:00+08:00', recordedAt: '2026-11-23T10:00:00+08:00' }] });
    expect(byId(computeDeadlines(filed, NOW, calendar), 'limitation')).toMatchObject({ state: 'met', metAt: '2026-11-23T10:00:00+08:00' });
  });

  it('before 2026-04-15 it cites 暂行办法第十五条', () => {
    const early = makeCase({ order: { orderedAt: '2026-01-05T10:00:00+08:00' }, filings: [{ at: '2026-01-10T10:00:00+08:00', recordedAt: '2026-01-10T10:00:00+08:00' }] });
    expect(byId(computeDeadlines(early, NOW, calendar), 'limitation').basis).toMatchObject({ ruleId: 'interim-15-three-years', citation: '《市场监督管理投诉举报处理暂行办法》第十五条' });
  });
});

describe('ordering', () => {
  it('overdue first, most overdue first, then open by due time', () => {
    const record = makeCase({
      order: { promise: '24h' },
      contacts: [
        { at: '2026-11-21T09:00:00+08:00', promisedBy: '2026-11-23T18:00:00+08:00' },
        { at: '2026-11-24T09:00:00+08:00', promisedBy: '2026-11-25T09:00:00+08:00' },
      ],
    });
    const sorted = sortByUrgency(computeDeadlines(record, NOW, calendar));
    expect(sorted.map((d) => d.id)).toEqual(['platform-promise', 'service-promise-K1', 'service-promise-K2', 'limitation']);
    expect(nearestDeadline(sorted)?.id).toBe('platform-promise');
  });
});

describe('the legal clocks data', () => {
  it('every clock has an id, a source and a citation; unverified ones cite no article', () => {
    const ids = new Set(LEGAL_CLOCKS.map((c) => c.id));
    expect(ids.size).toBe(LEGAL_CLOCKS.length);
    for (const clock of LEGAL_CLOCKS) {
      expect(clock.source).not.toBe('');
      if (!clock.verified) {
        expect(clock.article).toBeUndefined();
        expect(clock.citation).not.toMatch(/第.+条/);
      } else expect(clock.citation).toContain(clock.article!);
    }
  });

  it('chooses the rule set by date', () => {
    expect(clockFor('mediation', '2026-04-14')?.id).toBe('interim-21-mediation');
    expect(clockFor('mediation', '2026-04-15')?.id).toBe('measures-121-mediation-reported');
    expect(clockFor('regulator-handling', '2026-04-15')?.id).toBe('cpl-46-handling');
    expect(clockFor('regulator-handling', '2020-01-01')?.id).toBe('cpl-46-handling');
  });
});

describe('durations in words', () => {
  /** The rule as written: the two largest units from the largest present, a zero second unit left out. */
  function reference(total: number, lang: 'zh' | 'en'): string {
    const m = Math.max(0, Math.floor(total));
    const parts: [number, 'day' | 'hour' | 'minute'][] = [[Math.floor(m / 1440), 'day'], [Math.floor((m % 1440) / 60), 'hour'], [m % 60, 'minute']];
    const first = parts.findIndex(([n]) => n > 0);
    const shown = first < 0 ? [parts[2]!] : parts.slice(first, first + 2).filter(([n], i) => i === 0 || n > 0);
    const zh = { day: '天', hour: '小时', minute: '分钟' };
    return shown.map(([n, name]) => (lang === 'zh' ? `${n} ${zh[name]}` : `${n} ${name}${n === 1 ? '' : 's'}`)).join(' ');
  }
  it.each([0, 0.5, 1, 2, 59, 60, 61, 119, 120, 1439, 1440, 1441, 1500, 2880, 2941, 100_100, -5])('%d minutes', (minutes) => {
    for (const lang of ['zh', 'en'] as const) expect(formatDuration(minutes, lang)).toBe(reference(minutes, lang));
  });
});
