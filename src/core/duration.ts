/**
 * Durations: the one parser ("30m", "24h", "3d", "2 小时" …) and, beside it, the formatter (re-exported from
 * duration-text.ts). Every flag that takes a duration (--promise, --promised-by 24h, --reply-within,
 * --deliver-within) reads it here. Pure.
 */
import { toHalfWidth } from './text-normalize.js';

export { formatDuration, minutesBetween, splitMinutes, type DurationParts } from './duration-text.js';

const UNIT_MINUTES: Record<string, number> = {
  m: 1, min: 1, mins: 1, minute: 1, minutes: 1, 分: 1, 分钟: 1,
  h: 60, hr: 60, hrs: 60, hour: 60, hours: 60, 时: 60, 小时: 60, 个小时: 60,
  d: 1440, day: 1440, days: 1440, 天: 1440, 日: 1440,
};

const DURATION = /^(\d{1,4})\s*([a-z]+|分钟|分|个小时|小时|时|天|日)$/i;

/** A duration in whole minutes, or undefined when the text is not a positive duration. */
export function parseDuration(raw: string): number | undefined {
  const match = DURATION.exec(toHalfWidth(raw).trim().toLowerCase());
  if (!match) return undefined;
  const n = Number(match[1]);
  const unit = UNIT_MINUTES[match[2]!];
  if (unit === undefined || n <= 0) return undefined;
  return n * unit;
}

/** The canonical stored form of a duration: "30m", "24h", "3d" (the largest unit that divides it). */
export function durationCode(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}
