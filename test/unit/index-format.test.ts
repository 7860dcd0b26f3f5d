import { describe, expect, it } from 'vitest';
import { settleStored, summarizeCase } from '../../src/core/case-summary.js';
import { computeDeadlines, pendingDeadlines } from '../../src/core/deadlines.js';
import { createWorkCalendar } from '../../src/core/working-days.js';
import { builtInHolidays } from '../../src/holidays/load.js';
import { isPackedDueCase, isPackedSummary, packDeadline, packDueCase, packSummary, unpackDeadline, unpackDueCase, unpackSummary } from '../../src/store/index-format.js';
import { makeCase } from './deadlines-fixture.js';

const calendar = createWorkCalendar([builtInHolidays()]);
// after every event of the cases below: an index is made from what has been recorded
const BUILT = new Date('2027-01-04T12:00:00+08:00');
const filing = (at: string, authority = '杭州市余杭区市场监督管理局') => ({ at, recordedAt: at, authority });

/** Without the keys whose value is undefined: the index's deadlines have every key, JSON drops the absent ones. */
const defined = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

// every kind of deadline and every optional part: working days with an assumed year, an estimated start,
// legal rules by id, a contact's promise with agent and ticket, a letter's reply date
const CASES = {
  'a 2h promise, a contact promise and a letter': makeCase({
    contacts: [{ at: '2026-11-21T09:00:00+08:00', agent: '小王', ticket: 'GD-1', promisedBy: '2026-11-22T09:00:00+08:00' }],
    lettersSent: [{ at: '2026-11-22T10:00:00+08:00', recordedAt: '2026-11-22T10:00:00+08:00', replyBy: '2026-11-29T10:00:00+08:00' } as never],
  }),
  'working days into a year without data, a regulator filing': makeCase({
    order: { promise: '3wd', orderedAt: '2026-12-30T10:00:00+08:00' },
    filings: [filing('2026-12-31T15:00:00+08:00')],
  }),
  'no promise; a mediation estimated from an assumed acceptance': makeCase({ order: { promise: 'none', orderedAt: '2026-02-10T10:00:00+08:00' }, filings: [filing('2026-02-12T11:00:00+08:00')] }),
  'a client and a resolution': { ...makeCase({ resolution: { outcome: 'refunded', at: '2026-11-23T10:00:00+08:00' } as never }), complainant: { clientId: 'P2', name: '王五' } as never },
};

describe('the case index entries', () => {
  it("the cases above cover every optional part of a deadline", () => {
    const all = Object.values(CASES).flatMap((record) => summarizeCase(record, { now: BUILT, calendar }).deadlines ?? []);
    for (const part of ["dueDate", "assumedYears", "estimated", "promise"] as const) expect(all.some((d) => d[part] !== undefined), part).toBe(true);
    expect(new Set(all.map((d) => d.basis.type))).toEqual(new Set(["fact", "rule"]));
    expect(all.some((d) => d.source.ref !== undefined)).toBe(true);
  });

  it.each(Object.entries(CASES))('%s: every running deadline comes back as the engine settles it, at any later time', (_name, record) => {
    const summary = summarizeCase(record, { now: BUILT, calendar });
    const due = unpackDueCase('C1', packDueCase('key', summary));
    expect(due).toEqual({ id: 'C1', order: summary.order, platform: summary.platform, stage: summary.stage, ...(summary.outcome ? { outcome: summary.outcome } : {}), ...(summary.client ? { client: summary.client } : {}) });
    for (const later of [BUILT, new Date('2027-01-20T00:00:00+08:00'), new Date('2030-06-01T00:00:00+08:00')]) {
      const expected = pendingDeadlines(computeDeadlines(record, later, calendar));
      const packed = packDueCase('key', summary)[6];
      const settled = packed.map((p) => settleStored(unpackDeadline(p), 'C1', p[0], later, summary.outcome !== undefined)).filter((d) => d.state === 'open' || d.state === 'overdue');
      expect(defined(settled)).toEqual(defined(expected.sort((a, b) => Date.parse(a.due) - Date.parse(b.due) || a.id.localeCompare(b.id))));
    }
  });

  it.each(Object.entries(CASES))('%s: the listing entry keeps the summary and its nearest deadline', (_name, record) => {
    const summary = summarizeCase(record, { now: BUILT, calendar });
    const back = unpackSummary('C1', JSON.parse(JSON.stringify(packSummary('key', summary))));
    const { deadlines, ...rest } = summary;
    const { deadlines: backDeadlines, ...backRest } = back;
    expect(backRest).toEqual(rest);
    expect(backDeadlines).toHaveLength(deadlines!.length > 0 ? 1 : 0);
    if (deadlines![0]) {
      const { basis: _basis, from: _from, ...shown } = deadlines![0];
      expect(defined(backDeadlines![0])).toEqual(defined(shown));
    }
    // made without deadlines: none kept, and the entry says so
    expect(unpackSummary('C1', packSummary('key', summarizeCase(record))).deadlines).toBeUndefined();
  });
});

describe('a deadline packed with short codes', () => {
  it('keeps an id that is not the usual kind-and-ref, a rule basis the rules no longer know, and a working-day promise', () => {
    const stored = {
      id: 'platform-promise-legacy',
      kind: 'platform-promise' as const,
      due: '2026-11-26T23:59:59+08:00',
      dueDate: '2026-11-26' as const,
      precision: 'day' as const,
      from: '2026-11-23T10:00:00+08:00',
      basis: { type: 'rule' as const, ruleId: 'gone', citation: '某条', quote: '原文', summaryEn: 'a rule', verified: false, source: '某处' },
      source: { event: 'case.created' as const },
      promise: { kind: 'working-days' as const, code: '3wd', days: 3 },
      assumedYears: [2027],
      estimated: true,
    };
    const packed = packDeadline(stored);
    expect(packed[1]).toBe('platform-promise-legacy');
    expect(typeof packed[2]).toBe('number');
    expect(packed[10]).toBe('3wd');
    expect(defined(unpackDeadline(JSON.parse(JSON.stringify(packed))))).toEqual(stored);
    // the usual id is not written, and comes back
    const usual = packDeadline({ ...stored, id: 'platform-promise' });
    expect(usual[1]).toBe(0);
    expect(unpackDeadline(usual).id).toBe('platform-promise');
  });
});

describe('an entry read back from the data home', () => {
  const summary = summarizeCase(CASES['a 2h promise, a contact promise and a letter'], { now: BUILT, calendar });
  const due = JSON.parse(JSON.stringify(packDueCase('key', summary))) as unknown[];
  const listed = JSON.parse(JSON.stringify(packSummary('key', summary))) as unknown[];
  const forge = (entry: unknown[], at: number[], value: unknown) => {
    const copy = JSON.parse(JSON.stringify(entry)) as unknown[];
    let target = copy;
    for (const i of at.slice(0, -1)) target = target[i] as unknown[];
    target[at.at(-1)!] = value;
    return copy;
  };

  it('is used as written by weiquan', () => {
    expect(isPackedDueCase(due)).toBe(true);
    expect(isPackedSummary(listed)).toBe(true);
    expect(isPackedSummary(JSON.parse(JSON.stringify(packSummary('key', summarizeCase(CASES['working days into a year without data, a regulator filing'], { now: BUILT, calendar })))))).toBe(true);
  });

  // shown or used without the case format's check: a forged or damaged part makes the entry be made again
  it.each([
    ['a stage that is no stage (printed through the catalogue)', [3], '\u001b]0;owned\u0007'],
    ['an outcome that is no outcome', [4], 'paid'],
    ['a due time that is not a time (printed as it is)', [6, 0, 3], '\u001b[2J2026-11-20'],
    ['a due date that is not a date', [6, 0, 4], '2026-11-20\u001b[0m'],
    ['a reference with a control character', [6, 1, 9], 'K1\u001b[31m'],
    ['a kind code out of range', [6, 0, 2], 42],
    ['a fact that is no fact', [6, 1, 7], ['owned', {}]],
    ['a deadline cut short', [6, 0], [1, 'x']],
    ['deadlines that are not a list', [6], 'none'],
  ])('%s is refused', (_name, at, value) => {
    expect(isPackedDueCase(forge(due, at as number[], value))).toBe(false);
  });

  it.each([
    ['a stage that is no stage', [6], 'escalated\u001b[2J'],
    ['an order time in another shape (printed as it is)', [4], '\u001b[2J'],
    ['an amount that is not a number', [3], '100'],
    ['a nearest deadline forged', [9, 3], 'soon'],
    ['a client that is not one', [8], 'C1'],
    ['not a list at all', [], null],
  ])('a listing entry with %s is refused', (_name, at, value) => {
    expect(isPackedSummary(at.length ? forge(listed, at as number[], value) : value)).toBe(false);
  });
});

describe('a legal rule by its id', () => {
  it('is used only when the rules in force know it (its basis is looked up by that id)', () => {
    const summary = summarizeCase(CASES['working days into a year without data, a regulator filing'], { now: BUILT, calendar });
    const entry = JSON.parse(JSON.stringify(packDueCase('key', summary))) as unknown[][];
    const rule = (entry[6] as unknown[][]).find((d) => typeof d[7] === 'string')!;
    expect(isPackedDueCase(entry)).toBe(true);
    rule[7] = 'no-such-rule';
    expect(isPackedDueCase(entry)).toBe(false);
  });
});
