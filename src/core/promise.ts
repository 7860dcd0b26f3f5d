/**
 * The platform's delivery promise: the one owner of what `--promise` means. It is parsed once from what the user
 * typed (parsePromise → the stored code "instant" | "none" | "<n>m|h|d" | "<n>wd", the last in working days as
 * agreements often put it: "3个工作日内到账"), read once into a typed value
 * (readPromise, used by the deadline engine, which hands it on in the platform Deadline), and put into words by
 * one function (describePromise) for the terminal and the documents alike.
 */
import { InputError } from '../errors.js';
import { formatDuration, parseDuration } from './duration.js';
import { toHalfWidth } from './text-normalize.js';

/** The delivery promises the contract names; any "<n>m|h|d" and "<n>wd" (working days) is accepted too. */
export const PROMISE_PRESETS = ['instant', '30m', '2h', '24h', '3d', 'none'] as const;

/** What the platform promised, typed. */
export type DeliveryPromise =
  /** nothing recorded: weiquan assumes a reasonable period (not a promise) */
  | { kind: 'none'; code: 'none' }
  /** 秒充 / 即时 / 极速到账 */
  | { kind: 'instant'; code: 'instant'; minutes: 0 }
  /** within a stated time */
  | { kind: 'within'; code: string; minutes: number }
  /** within a number of working days (工作日), counted by the deadline engine on the official calendar */
  | { kind: 'working-days'; code: string; days: number };

const NONE_WORDS = new Set(['', 'none', '无', '没有', '未承诺']);
const INSTANT_WORDS = new Set(['instant', '秒充', '即时', '极速', '即时到账', '极速到账']);
/** "3wd", "3 个工作日", "3工作日", "3 working days" → 3 */
const WORKING_DAYS = /^(\d{1,3})\s*(?:wd|个?\s*工作日|working\s*days?)$/;
const UNIT_LETTER: Record<string, string> = { m: 'm', min: 'm', mins: 'm', 分: 'm', 分钟: 'm', h: 'h', 时: 'h', 小时: 'h', 个小时: 'h', d: 'd', 天: 'd', 日: 'd' };

/** Normalise a promise as typed ("秒充" → instant, "24H" → 24h, "2 小时" → 2h); throws on anything else. */
export function parsePromise(raw: string): string {
  const text = toHalfWidth(raw).trim().toLowerCase();
  if (NONE_WORDS.has(text)) return 'none';
  if (INSTANT_WORDS.has(text)) return 'instant';
  const working = WORKING_DAYS.exec(text);
  if (working && Number(working[1]) > 0) return `${Number(working[1])}wd`;
  const match = /^(\d{1,4})\s*(.+)$/.exec(text);
  const unit = match ? UNIT_LETTER[match[2]!] : undefined;
  if (!match || unit === undefined || parseDuration(text) === undefined) {
    throw new InputError('input.promise.invalid', { value: raw, allowed: PROMISE_PRESETS.join('|') });
  }
  return `${Number(match[1])}${unit}`;
}

/** The stored code ("instant", "none", "24h") as a typed promise. A code that is not one reads as none. */
export function readPromise(code: string): DeliveryPromise {
  if (code === 'instant') return { kind: 'instant', code, minutes: 0 };
  const working = /^([1-9]\d{0,2})wd$/.exec(code);
  if (working) return { kind: 'working-days', code, days: Number(working[1]) };
  const minutes = code === 'none' ? undefined : parseDuration(code);
  return minutes === undefined ? { kind: 'none', code: 'none' } : { kind: 'within', code, minutes };
}

/**
 * Minutes a promise allows, for comparing promises (which is the longer): instant → 0, none → undefined; a
 * working-day promise counts at least its days in calendar time, which is what it is ranked by. Deadlines are
 * never computed from this: the engine counts working days on the calendar.
 */
export function promiseMinutes(promise: string | DeliveryPromise): number | undefined {
  const typed = typeof promise === 'string' ? readPromise(promise) : promise;
  if (typed.kind === 'none') return undefined;
  return typed.kind === 'working-days' ? typed.days * 1440 : typed.minutes;
}

/** A duration such as "24h", "30m", "3d" in minutes, or undefined when the text is not a duration. */
export function parseDurationMinutes(raw: string): number | undefined {
  return parseDuration(raw);
}

type Translate = (key: string, params?: Record<string, string | number>) => string;

/**
 * The promise in words, the one wording everywhere: a preset's own text ("2 小时内到账", "秒充（即时到账）"),
 * else the duration through formatDuration ("45 分钟内到账" / "within 45 minutes"), or the working days ("3 个工作日内到账");
 * none → "未承诺时限".
 */
export function describePromise(promise: DeliveryPromise, t: Translate, lang: 'zh' | 'en'): string {
  const key = `promise.${promise.code}`;
  const preset = t(key);
  if (preset !== key) return preset;
  if (promise.kind === 'working-days') return t('promise.withinWorkingDays', { days: promise.days });
  return t('promise.within', { duration: formatDuration(promise.kind === 'none' ? 0 : promise.minutes, lang) });
}
