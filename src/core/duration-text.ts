/**
 * Elapsed time in words, for "已超过承诺时限 3 天 4 小时" / "3 days 4 hours overdue". Pure; both languages here
 * because letters and messages need the same rounding everywhere.
 *
 * Rounding: whole minutes, rounded down; the two largest units are shown (days + hours from one day on,
 * hours + minutes from one hour on, else minutes). A zero second unit is left out: "2 天", "5 小时".
 */
export type DurationParts = { days: number; hours: number; minutes: number };

export function splitMinutes(totalMinutes: number): DurationParts {
  const total = Math.max(0, Math.floor(totalMinutes));
  return { days: Math.floor(total / 1440), hours: Math.floor((total % 1440) / 60), minutes: total % 60 };
}

const UNITS = { zh: { day: ' 天', hour: ' 小时', minute: ' 分钟' }, en: { day: ' day', hour: ' hour', minute: ' minute' } } as const;

function unit(lang: 'zh' | 'en', n: number, name: 'day' | 'hour' | 'minute'): string {
  return lang === 'zh' || n === 1 ? `${n}${UNITS[lang][name]}` : `${n}${UNITS[lang][name]}s`;
}

export function formatDuration(totalMinutes: number, lang: 'zh' | 'en'): string {
  // no parts object, no array: listings format thousands
  const total = Math.max(0, Math.floor(totalMinutes));
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const minutes = total % 60;
  if (days > 0) return hours > 0 ? `${unit(lang, days, 'day')} ${unit(lang, hours, 'hour')}` : unit(lang, days, 'day');
  if (hours > 0) return minutes > 0 ? `${unit(lang, hours, 'hour')} ${unit(lang, minutes, 'minute')}` : unit(lang, hours, 'hour');
  return unit(lang, minutes, 'minute');
}

/** Minutes between two instants (ISO strings or Dates), rounded down; negative when `to` is before `from`. */
export function minutesBetween(from: string | Date, to: string | Date): number {
  const a = typeof from === 'string' ? Date.parse(from) : from.getTime();
  const b = typeof to === 'string' ? Date.parse(to) : to.getTime();
  return Math.floor((b - a) / 60000);
}
