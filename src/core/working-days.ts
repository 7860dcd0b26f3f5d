/**
 * Chinese working days (工作日): Monday–Friday, minus the statutory holidays, plus the official 调休 make-up
 * working days, as set each year by the 国务院办公厅 notice. Pure: the holiday data is passed in (see
 * src/calendar for where it comes from). For a year without data, counting falls back to Monday–Friday and the
 * result names that year so callers can warn.
 */

/** yyyy-MM-dd, a calendar date without a time or zone. */
export type IsoDate = string;

/** One year's (or several years') official arrangement. */
export type HolidayData = {
  /** where the data comes from, e.g. "chinese-days 1.5.7" or a user file's path */
  source: string;
  /** years this data fully describes; only these count as "known" */
  years: number[];
  /** statutory rest days (法定节假日, including the weekend days inside a holiday block): date → name */
  holidays: Record<IsoDate, string>;
  /** make-up working days on a weekend (调休上班): date → the holiday they belong to */
  workdays: Record<IsoDate, string>;
};

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup-workday' | 'assumed-workday' | 'assumed-weekend';

export type WorkCalendar = {
  /** the data sets, latest last (later ones override earlier ones for the years they cover) */
  readonly sources: readonly string[];
  /** years with official data */
  knownYears(): number[];
  hasYear(year: number): boolean;
  kindOf(date: IsoDate): DayKind;
  isWorkingDay(date: IsoDate): boolean;
  /** the holiday's name for a rest day or make-up day, if any */
  nameOf(date: IsoDate): string | undefined;
  /**
   * A short digest of what the calendar says (its years with data, and every holiday and make-up working day
   * in them): equal digests, equal answers. Caches of computed deadlines are keyed by it.
   */
  fingerprint?(): string;
};

/** FNV-1a, 32 bits, as hex. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const d = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return d.toISOString().slice(0, 10) === text;
}

function parts(date: IsoDate): { year: number; utc: Date } {
  const match = ISO_DATE.exec(date);
  if (!match) throw new Error(`not a yyyy-MM-dd date: ${date}`);
  const year = Number(match[1]);
  return { year, utc: new Date(Date.UTC(year, Number(match[2]) - 1, Number(match[3]))) };
}

/** The date `days` after `date` (negative goes back). */
export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  const { utc } = parts(date);
  utc.setUTCDate(utc.getUTCDate() + days);
  return utc.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return parts(date).utc.getUTCDay();
}

export function yearOf(date: IsoDate): number {
  return parts(date).year;
}

/**
 * A calendar from data sets; a later set replaces an earlier one for every year the later one covers (so a
 * user's holiday file for 2027 wins over anything built in for 2027).
 */
export function createWorkCalendar(datasets: readonly HolidayData[]): WorkCalendar {
  const byYear = new Map<number, HolidayData>();
  for (const data of datasets) for (const year of data.years) byYear.set(year, data);
  const kindOf = (date: IsoDate): DayKind => {
    const { year } = parts(date);
    const day = weekday(date);
    const weekend = day === 0 || day === 6;
    const data = byYear.get(year);
    if (!data) return weekend ? 'assumed-weekend' : 'assumed-workday';
    if (date in data.holidays) return 'holiday';
    if (date in data.workdays) return 'makeup-workday';
    return weekend ? 'weekend' : 'workday';
  };
  const knownYears = () => [...byYear.keys()].sort((a, b) => a - b);
  let fingerprint: string | undefined;
  return {
    sources: datasets.map((d) => d.source),
    knownYears,
    hasYear: (year) => byYear.has(year),
    kindOf,
    isWorkingDay: (date) => {
      const kind = kindOf(date);
      return kind === 'workday' || kind === 'makeup-workday' || kind === 'assumed-workday';
    },
    nameOf: (date) => {
      const data = byYear.get(parts(date).year);
      return data?.holidays[date] ?? data?.workdays[date];
    },
    fingerprint: () => {
      if (fingerprint !== undefined) return fingerprint;
      // the days kindOf answers 'holiday' or 'makeup-workday' for; every other day follows from the weekday
      const special: string[] = [];
      for (const [year, data] of byYear) {
        const prefix = `${year}-`;
        for (const date of Object.keys(data.holidays)) if (date.startsWith(prefix)) special.push(`${date}h`);
        for (const date of Object.keys(data.workdays)) if (date.startsWith(prefix) && !(date in data.holidays)) special.push(`${date}m`);
      }
      fingerprint = `${knownYears().join(',')}#${fnv1a(special.sort().join(''))}`;
      return fingerprint;
    },
  };
}

export type WorkingDayCount = {
  /** the last of the counted working days */
  date: IsoDate;
  /** years the count passed through without official data (counted Monday–Friday) */
  assumedYears: number[];
};

/**
 * The `count`-th working day after `start`, counting from the day after `start` ("自收到投诉之日起七个工作日内":
 * the day of receipt is not counted, whether or not it is a working day).
 */
export function addWorkingDays(start: IsoDate, count: number, calendar: WorkCalendar): WorkingDayCount {
  if (!Number.isInteger(count) || count < 1) throw new Error(`working-day count must be a positive integer: ${count}`);
  const assumed = new Set<number>();
  let date = start;
  let counted = 0;
  // A year has at least ~240 working days; the guard only stops a broken calendar from looping forever.
  for (let guard = 0; counted < count; guard++) {
    if (guard > count * 7 + 400) throw new Error('calendar has no working days');
    date = addCalendarDays(date, 1);
    const year = yearOf(date);
    if (!calendar.hasYear(year)) assumed.add(year);
    if (calendar.isWorkingDay(date)) counted++;
  }
  return { date, assumedYears: [...assumed].sort((a, b) => a - b) };
}

/** Working days strictly after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: IsoDate, to: IsoDate, calendar: WorkCalendar): number {
  let count = 0;
  for (let date = addCalendarDays(from, 1); date <= to; date = addCalendarDays(date, 1)) if (calendar.isWorkingDay(date)) count++;
  return count;
}
