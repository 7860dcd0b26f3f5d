/**
 * The working-day calendar the commands use: the official holiday arrangement shipped by `chinese-days`,
 * then the user's holiday file (setting `holidaysFile`), then `--holidays FILE` — a later source replaces an
 * earlier one for the years it covers.
 *
 * Why chinese-days rather than lunar-javascript's HolidayUtil: chinese-days ships the arrangement as plain JSON
 * (holidays, 调休 make-up workdays) that we read as data, so the engine stays pure, we can tell "a year we have
 * no data for" from "an ordinary weekday" (HolidayUtil answers for any date and cannot say it is guessing), and
 * a user's file merges in the same shape. Both carry the official data through 2026.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createWorkCalendar, type HolidayData, type WorkCalendar } from '../core/working-days.js';
import { InputError } from '../errors.js';

type ChineseDaysJson = { holidays: Record<string, string>; workdays: Record<string, string> };

/** "Spring Festival,春节,4" → "春节" */
function holidayName(value: string): string {
  const parts = value.split(',');
  return parts[1] ?? parts[0] ?? value;
}

let builtIn: HolidayData | undefined;

/** The official data bundled with chinese-days (read once per process). */
export function builtInHolidays(): HolidayData {
  if (builtIn) return builtIn;
  const require = createRequire(import.meta.url);
  const data = require('chinese-days/dist/chinese-days.json') as ChineseDaysJson;
  const { version } = require('chinese-days/package.json') as { version: string };
  const holidays: Record<string, string> = {};
  const workdays: Record<string, string> = {};
  for (const [date, value] of Object.entries(data.holidays)) holidays[date] = holidayName(value);
  for (const [date, value] of Object.entries(data.workdays)) workdays[date] = holidayName(value);
  const years = [...new Set(Object.keys(holidays).map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);
  builtIn = { source: `chinese-days ${version}`, years, holidays, workdays };
  return builtIn;
}

/** A user's holiday file, checked (the file format's schema is loaded only when there is a file to read). */
export async function readHolidayFile(file: string, origin: 'flag' | 'setting'): Promise<HolidayData> {
  const { parseHolidayFile } = await import('./holiday-file.js');
  const absolute = path.resolve(file);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new InputError('calendar.file.unreadable', { file: absolute, reason }, origin === 'setting' ? 'calendar.file.settingHint' : undefined);
  }
  try {
    return parseHolidayFile(text, absolute);
  } catch (error) {
    if (origin === 'setting' && error instanceof InputError) throw new InputError(error.key, error.params, 'calendar.file.settingHint');
    throw error;
  }
}

/** The calendar for a command: built-in data, the `holidaysFile` setting, then `--holidays FILE`. */
export async function loadWorkCalendar(files: { setting?: string | undefined; flag?: string | undefined } = {}): Promise<WorkCalendar> {
  const datasets = [builtInHolidays()];
  const { setting, flag: flagFile } = files;
  if (setting !== undefined && setting !== '') datasets.push(await readHolidayFile(setting, 'setting'));
  if (flagFile !== undefined && flagFile !== '') datasets.push(await readHolidayFile(flagFile, 'flag'));
  return createWorkCalendar(datasets);
}
