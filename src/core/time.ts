import { DateTime } from 'luxon';
import { InputError } from '../errors.js';
import { toHalfWidth } from './text-normalize.js';

export { DEFAULT_TIME_ZONE } from './enums.js';

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

const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

/** An ISO instant shown as "YYYY-MM-DD HH:mm" in `zone` (Intl, cached per zone: `list` formats thousands). */
export function formatLocalTime(iso: string, zone: string): string {
  let format = wallClockFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    wallClockFormats.set(zone, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(new Date(iso))) parts[part.type] = part.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** The ISO form, in `zone`, of an instant. */
export function toZonedIso(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant).setZone(zone).toISO({ suppressMilliseconds: true })!;
}
