import { describe, expect, it } from 'vitest';
import { builtInHolidays } from '../../src/holidays/load.js';
import { parseHolidayFile } from '../../src/holidays/holiday-file.js';
import { addWorkingDays, createWorkCalendar, workingDaysBetween } from '../../src/core/working-days.js';
import { InputError } from '../../src/errors.js';

const calendar = createWorkCalendar([builtInHolidays()]);

describe('the official calendar (chinese-days)', () => {
  it('knows 2026 and not 2027', () => {
    expect(calendar.hasYear(2026)).toBe(true);
    expect(calendar.hasYear(2027)).toBe(false);
  });

  it.each([
    ['2026-10-01', 'holiday', false],
    ['2026-10-07', 'holiday', false],
    ['2026-10-10', 'makeup-workday', true], // Saturday, 调休上班
    ['2026-10-11', 'weekend', false],
    ['2026-02-14', 'makeup-workday', true],
    ['2026-02-28', 'makeup-workday', true],
    ['2026-02-23', 'holiday', false], // Monday inside 春节
    ['2026-02-13', 'workday', true],
    ['2027-01-09', 'assumed-weekend', false],
    ['2027-01-11', 'assumed-workday', true],
  ] as const)('%s is %s', (date, kind, working) => {
    expect(calendar.kindOf(date)).toBe(kind);
    expect(calendar.isWorkingDay(date)).toBe(working);
  });

  it('names holidays', () => {
    expect(calendar.nameOf('2026-10-03')).toBe('国庆节');
  });
});

describe('counting working days from the day after receipt', () => {
  it.each([
    // received Tue 09-29: 09-30 (1), 国庆 10-01..07 off, 10-08 (2), 10-09 (3), Sat 10-10 make-up (4), 10-12 (5), 10-13 (6), 10-14 (7)
    ['2026-09-29', 7, '2026-10-14'],
    // received Thu 02-12: 02-13 (1), Sat 02-14 make-up (2), 春节 02-15..23 off, 02-24..27 (3–6), Sat 02-28 make-up (7)
    ['2026-02-12', 7, '2026-02-28'],
    // received on a holiday: 10-08 (1), 10-09 (2), Sat 10-10 (3), 10-12..10-15 (4–7)
    ['2026-10-03', 7, '2026-10-15'],
    // received on a Saturday
    ['2026-11-21', 7, '2026-12-01'],
    ['2026-11-24', 1, '2026-11-25'],
  ])('received %s + %i working days → %s', (start, days, due) => {
    const result = addWorkingDays(start, days, calendar);
    expect(result).toEqual({ date: due, assumedYears: [] });
  });

  it('a year without data falls back to Monday–Friday and says which year', () => {
    // 2026-12-28 (Mon) received: 12-29, 12-30, 12-31 (1–3), then 2027 counted Mon–Fri: Fri 01-01 (4), 01-04..06 (5–7)
    expect(addWorkingDays('2026-12-28', 7, calendar)).toEqual({ date: '2027-01-06', assumedYears: [2027] });
    expect(addWorkingDays('2027-03-01', 7, calendar)).toEqual({ date: '2027-03-10', assumedYears: [2027] });
  });

  it('counts working days between two dates', () => {
    expect(workingDaysBetween('2026-09-29', '2026-10-14', calendar)).toBe(7);
    expect(workingDaysBetween('2026-10-14', '2026-09-29', calendar)).toBe(0);
  });

  it('rejects a non-positive count', () => {
    expect(() => addWorkingDays('2026-01-05', 0, calendar)).toThrow();
  });
});

describe('a user holiday file fills a missing year', () => {
  const file2027 = JSON.stringify({
    source: '国务院办公厅关于2027年部分节假日安排的通知',
    holidays: { '2027-01-01': '元旦', '2027-02-05..2027-02-11': '春节' },
    workdays: ['2027-02-14'],
  });

  it('parses ranges, names and infers the year', () => {
    const data = parseHolidayFile(file2027, '/tmp/h.json');
    expect(data.years).toEqual([2027]);
    expect(Object.keys(data.holidays)).toHaveLength(8);
    expect(data.holidays['2027-02-08']).toBe('春节');
    expect(data.workdays).toEqual({ '2027-02-14': '' });
    expect(data.source).toContain('2027');
  });

  it('replaces the Monday–Friday guess for that year', () => {
    const withFile = createWorkCalendar([builtInHolidays(), parseHolidayFile(file2027, 'h.json')]);
    expect(withFile.hasYear(2027)).toBe(true);
    // received Thu 2027-02-04: Fri 02-05..Thu 02-11 off, Fri 02-12 (1), Sun 02-14 make-up (2), 02-15..19 (3–7)
    expect(addWorkingDays('2027-02-04', 7, withFile)).toEqual({ date: '2027-02-19', assumedYears: [] });
    expect(addWorkingDays('2027-02-04', 7, calendar)).toEqual({ date: '2027-02-15', assumedYears: [2027] });
  });

  it.each([
    ['not json', 'calendar.file.notJson'],
    ['{"holidays": 5}', 'calendar.file.shape'],
    ['{"holidays": ["2027-02-30"]}', 'calendar.file.badDate'],
    ['{"holidays": ["2027-02-10..2027-02-01"]}', 'calendar.file.badDate'],
    ['{"holidays": ["2027-01-01"], "workdays": ["2027-01-01"]}', 'calendar.file.both'],
    ['{}', 'calendar.file.empty'],
    ['{"years": [2027], "holidays": ["2028-01-01"]}', 'calendar.file.outsideYears'],
  ])('rejects %s with %s', (text, key) => {
    try {
      parseHolidayFile(text, 'h.json');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).key).toBe(key);
    }
  });
});

describe('the calendar fingerprint (what cached deadlines are keyed by)', () => {
  it('is equal for equal data and changes with any holiday, make-up day or year', () => {
    const data = builtInHolidays();
    const again = createWorkCalendar([{ ...data, holidays: { ...data.holidays }, workdays: { ...data.workdays } }]);
    expect(again.fingerprint!()).toBe(calendar.fingerprint!());
    const moved = { ...data.holidays };
    delete moved['2026-10-07'];
    expect(createWorkCalendar([{ ...data, holidays: moved }]).fingerprint!()).not.toBe(calendar.fingerprint!());
    const extraWorkday = { ...data.workdays, '2026-10-11': '国庆节' };
    expect(createWorkCalendar([{ ...data, workdays: extraWorkday }]).fingerprint!()).not.toBe(calendar.fingerprint!());
    const file2027 = JSON.stringify({ holidays: { '2027-01-01': '元旦' }, workdays: [] });
    expect(createWorkCalendar([data, parseHolidayFile(file2027, 'h.json')]).fingerprint!()).not.toBe(calendar.fingerprint!());
    // a holiday listed for a year another data set covers says nothing: kindOf does not read it
    const stray = createWorkCalendar([{ ...data, holidays: { ...data.holidays, '2030-01-02': 'x' } }]);
    expect(stray.fingerprint!()).toBe(calendar.fingerprint!());
  });
});
