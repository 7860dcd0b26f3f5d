/**
 * A user-supplied holiday file fills a year the built-in data does not cover yet (the 国务院办公厅 notice for a
 * new year usually appears in November or December). JSON, for example:
 *
 *   {
 *     "source": "国务院办公厅关于2027年部分节假日安排的通知",
 *     "holidays": { "2027-01-01": "元旦", "2027-02-05..2027-02-11": "春节" },
 *     "workdays": ["2027-02-14"]
 *   }
 *
 * `holidays` and `workdays` (调休上班) take either an object (date or range → name) or a list of dates/ranges;
 * a range is "FROM..TO", both ends included. `years` is optional: by default every year a date falls in.
 * The file describes each of its years completely: for those years it replaces the built-in data.
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { addCalendarDays, type HolidayData, isIsoDate } from '../core/working-days.js';

const DayList = z.union([z.array(z.string()), z.record(z.string(), z.string())]);

const HolidayFileSchema = z.object({
  source: z.string().optional(),
  years: z.array(z.number().int().min(1949).max(2200)).optional(),
  holidays: DayList.default([]),
  workdays: DayList.default([]),
});

/** "2027-02-05..2027-02-11" → each date; a single date → itself. Throws a plain Error with the bad text. */
function expand(entry: string): string[] {
  const [from, to, ...rest] = entry.trim().split('..');
  if (rest.length > 0 || from === undefined || !isIsoDate(from) || (to !== undefined && !isIsoDate(to))) throw new Error(entry);
  if (to === undefined) return [from];
  if (to < from) throw new Error(entry);
  const days: string[] = [];
  for (let date = from; date <= to; date = addCalendarDays(date, 1)) {
    days.push(date);
    if (days.length > 366) throw new Error(entry);
  }
  return days;
}

function toMap(list: z.infer<typeof DayList>, file: string): Record<string, string> {
  const entries: Array<[string, string]> = Array.isArray(list) ? list.map((d) => [d, '']) : Object.entries(list);
  const map: Record<string, string> = {};
  for (const [key, name] of entries) {
    let dates: string[];
    try {
      dates = expand(key);
    } catch {
      throw new InputError('calendar.file.badDate', { file, value: key });
    }
    for (const date of dates) map[date] = name;
  }
  return map;
}

/** Parse the text of a holiday file (`file` only names it in messages). */
export function parseHolidayFile(text: string, file: string): HolidayData {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InputError('calendar.file.notJson', { file, reason: error instanceof Error ? error.message : String(error) });
  }
  const parsed = HolidayFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError('calendar.file.shape', { file, reason: `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? ''}` });
  }
  const holidays = toMap(parsed.data.holidays, file);
  const workdays = toMap(parsed.data.workdays, file);
  for (const date of Object.keys(workdays)) {
    if (date in holidays) throw new InputError('calendar.file.both', { file, date });
  }
  const dates = [...Object.keys(holidays), ...Object.keys(workdays)];
  const years = parsed.data.years ?? [...new Set(dates.map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);
  if (years.length === 0) throw new InputError('calendar.file.empty', { file });
  for (const date of dates) {
    if (!years.includes(Number(date.slice(0, 4)))) throw new InputError('calendar.file.outsideYears', { file, date, years: years.join(', ') });
  }
  return { source: parsed.data.source ? `${parsed.data.source} (${file})` : file, years, holidays, workdays };
}
