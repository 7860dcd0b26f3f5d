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

function unit(lang: 'zh' | 'en', n: number, name: 'day' | 'hour' | 'minute'): string {
  if (lang === 'zh') return `${n} ${{ day: '天', hour: '小时', minute: '分钟' }[name]}`;
  return `${n} ${name}${n === 1 ? '' : 's'}`;
}

export function formatDuration(totalMinutes: number, lang: 'zh' | 'en'): string {
  const { days, hours, minutes } = splitMinutes(totalMinutes);
  const pieces: string[] = [];
  if (days > 0) {
    pieces.push(unit(lang, days, 'day'));
    if (hours > 0) pieces.push(unit(lang, hours, 'hour'));
  } else if (hours > 0) {
    pieces.push(unit(lang, hours, 'hour'));
    if (minutes > 0) pieces.push(unit(lang, minutes, 'minute'));
  } else pieces.push(unit(lang, minutes, 'minute'));
  return pieces.join(' ');
}

/** Minutes between two instants (ISO strings or Dates), rounded down; negative when `to` is before `from`. */
export function minutesBetween(from: string | Date, to: string | Date): number {
  const a = typeof from === 'string' ? Date.parse(from) : from.getTime();
  const b = typeof to === 'string' ? Date.parse(to) : to.getTime();
  return Math.floor((b - a) / 60000);
}
