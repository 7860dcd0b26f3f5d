import { describe, expect, it } from 'vitest';
import { computeDeadlines, type Deadline } from '../../src/core/deadlines.js';
import { createWorkCalendar } from '../../src/core/working-days.js';
import { builtInHolidays } from '../../src/holidays/load.js';
import { deadlineBasis } from '../../src/ui/deadline-text.js';
import { createTranslator } from '../../src/ui/i18n.js';
import { makeCase } from './deadlines-fixture.js';

const calendar = createWorkCalendar([builtInHolidays()]);
const NOW = new Date('2026-11-24T12:00:00+08:00');
const filing = (at: string) => ({ at, recordedAt: at, authority: '杭州市余杭区市场监督管理局' });

describe('the basis of a deadline in words', () => {
  it('texts shared by many deadlines are made once a run, and never stand in for a different basis', () => {
    const deadlines: Deadline[] = [
      ...computeDeadlines(makeCase({ order: { promise: '2h' } }), NOW, calendar),
      ...computeDeadlines(makeCase({ order: { promise: '30m' } }), NOW, calendar),
      ...computeDeadlines(makeCase({ order: { promise: 'none' } }), NOW, calendar),
      ...computeDeadlines(makeCase({ order: { orderedAt: '2026-02-10T10:00:00+08:00' }, filings: [filing('2026-02-12T11:00:00+08:00')] }), NOW, calendar),
      ...computeDeadlines(makeCase({ filings: [filing('2026-11-23T10:00:00+08:00')] }), NOW, calendar),
    ];
    expect(deadlines.some((d) => d.estimated)).toBe(true);
    for (const lang of ['zh', 'en'] as const) {
      const context = { t: createTranslator(lang), lang };
      // the same translator's texts, asked twice over in mixed order, against a fresh translator each time
      for (const long of [false, true]) {
        const first = deadlines.map((d) => deadlineBasis(context, d, { long }));
        const again = [...deadlines].reverse().map((d) => deadlineBasis(context, d, { long })).reverse();
        const fresh = deadlines.map((d) => deadlineBasis({ t: createTranslator(lang), lang }, d, { long }));
        expect(again).toEqual(first);
        expect(first).toEqual(fresh);
      }
      const platform = deadlines.filter((d) => d.kind === 'platform-promise').map((d) => deadlineBasis(context, d));
      expect(new Set(platform).size).toBe(2); // 2 hours and 30 minutes read differently
    }
  });
});
