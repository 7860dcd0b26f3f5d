import { InputError } from '../errors.js';
import { toHalfWidth } from './text-normalize.js';

/** The delivery promises the contract names; any "<n>m|h|d" is accepted too. */
export const PROMISE_PRESETS = ['instant', '30m', '2h', '24h', '3d', 'none'] as const;

const DURATION = /^(\d{1,4})\s*(m|min|h|d)$/i;

/** Normalise a promise ("秒充" → instant, "24H" → 24h); throws on anything else. */
export function parsePromise(raw: string): string {
  const text = toHalfWidth(raw).toLowerCase();
  if (text === '' || text === 'none' || text === '无' || text === '没有') return 'none';
  if (text === 'instant' || text === '秒充' || text === '即时' || text === '极速') return 'instant';
  const match = DURATION.exec(text);
  if (!match || Number(match[1]) <= 0) throw new InputError('input.promise.invalid', { value: raw, allowed: PROMISE_PRESETS.join('|') });
  const unit = match[2]!.startsWith('m') ? 'm' : match[2]!;
  return `${Number(match[1])}${unit}`;
}

/** Minutes a promise allows: instant → 0, none → undefined. */
export function promiseMinutes(promise: string): number | undefined {
  if (promise === 'none') return undefined;
  if (promise === 'instant') return 0;
  const match = DURATION.exec(promise);
  if (!match) return undefined;
  const n = Number(match[1]);
  const unit = match[2]!.toLowerCase();
  return unit.startsWith('m') ? n : unit === 'h' ? n * 60 : n * 24 * 60;
}

/** A duration such as "24h", "30m", "3d" in minutes, or undefined when the text is not a duration. */
export function parseDurationMinutes(raw: string): number | undefined {
  const match = DURATION.exec(toHalfWidth(raw).toLowerCase());
  if (!match || Number(match[1]) <= 0) return undefined;
  return promiseMinutes(`${Number(match[1])}${match[2]!.startsWith('m') ? 'm' : match[2]}`);
}
