export { formatLocalTime } from './zoned-time.js';
import { DateTime } from 'luxon';
import { InputError } from '../errors.js';
import { toHalfWidth } from './text-normalize.js';

export { DEFAULT_TIME_ZONE } from './enums.js';

/**
 * This module owns time: it and its fast path (zoned-time.ts) are the only importers of the date library
 * (luxon; README "Design choices" says why not dayjs). Code that needs a zoned date-time uses this DateTime.
 */
export { DateTime };

const FORMATS = ['yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm', "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm"];

export function isValidTimeZone(zone: string): boolean {
  return DateTime.now().setZone(zone).isValid;
}

/**
 * Read "YYYY-MM-DD HH:mm[:ss]" as a wall-clock time in `zone` (whatever the machine's TZ),
 * reject impossible dates and times after `now`. Returns an ISO string with the zone's offset.
 */
export function parseLocalTime(raw: string, zone: string, now: Date, options: { allowFuture?: boolean } = {}): string {
  const text = toHalfWidth(raw).replace(/\s+/g, ' ');
  if (text === '') throw new InputError('input.time.empty', { value: raw });
  let parsed: DateTime | undefined;
  for (const format of FORMATS) {
    const candidate = DateTime.fromFormat(text, format, { zone, setZone: true });
    if (candidate.isValid) {
      parsed = candidate;
      break;
    }
  }
  if (!parsed) {
    const shapeOk = /^\d{4}-\d{1,2}-\d{1,2}[ T]\d{1,2}:\d{2}(:\d{2})?$/.test(text);
    throw new InputError(shapeOk ? 'input.time.impossible' : 'input.time.format', { value: raw });
  }
  if (!options.allowFuture && parsed.toMillis() > now.getTime()) {
    throw new InputError('input.time.future', { value: raw });
  }
  return parsed.toISO({ suppressMilliseconds: true })!;
}


/** The ISO form, in `zone`, of an instant. */
export function toZonedIso(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant).setZone(zone).toISO({ suppressMilliseconds: true })!;
}
