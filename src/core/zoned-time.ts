/**
 * Fast wall-clock arithmetic for the deadline engine. `list` and `due` compute deadlines for every case, and
 * luxon's per-call time-zone lookups dominated that (≈250 µs a case). Here the zone offset is looked up once
 * per zone and local day (checked at both ends of the day, so a DST change inside the day is still exact),
 * and the ISO text is built with plain arithmetic. The offset comes from Intl as luxon's IANAZone reads it
 * (the unit test checks the two agree), without loading luxon: a listing from the case index needs neither.
 */
const formats = new Map<string, Intl.DateTimeFormat>();
const dayOffsets = new Map<string, number | null>();
const DAY = 86_400_000;

function formatOf(name: string): Intl.DateTimeFormat {
  let format = formats.get(name);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        hourCycle: 'h23',
        timeZone: name,
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        era: 'short',
      });
    } catch {
      throw new Error(`unknown time zone: ${name}`);
    }
    formats.set(name, format);
  }
  return format;
}

/** The zone's offset at `ms`: the wall-clock time there, read as if UTC, minus the instant (whole seconds). */
function zoneOffset(name: string, ms: number): number {
  const fields: Record<string, string> = {};
  for (const part of formatOf(name).formatToParts(ms)) fields[part.type] = part.value;
  const year = fields.era === 'BC' || fields.era === 'B' ? 1 - Number(fields.year) : Number(fields.year);
  const hour = Number(fields.hour) === 24 ? 0 : Number(fields.hour);
  const wall = Date.UTC(year, Number(fields.month) - 1, Number(fields.day), hour, Number(fields.minute), Number(fields.second));
  const whole = ms - (((ms % 1000) + 1000) % 1000);
  // Date.UTC reads years 0–99 as 1900–1999; set the year itself for those
  const fixed = year >= 0 && year < 100 ? new Date(wall).setUTCFullYear(year) : wall;
  return (fixed - whole) / 60_000;
}

/** The zone's UTC offset in minutes at the instant `ms`. */
export function offsetMinutes(zone: string, ms: number): number {
  const utcDay = Math.floor(ms / DAY);
  const key = `${zone}|${utcDay}`;
  const cached = dayOffsets.get(key);
  if (typeof cached === 'number') return cached;
  if (cached === null) return zoneOffset(zone, ms);
  const first = zoneOffset(zone, utcDay * DAY);
  const last = zoneOffset(zone, utcDay * DAY + DAY - 1);
  dayOffsets.set(key, first === last ? first : null);
  return first === last ? first : zoneOffset(zone, ms);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** "2026-11-20T10:00:00+08:00": the instant in the zone, seconds precision. */
export function isoInZone(ms: number, zone: string): string {
  const whole = Math.floor(ms / 1000) * 1000;
  const offset = offsetMinutes(zone, whole);
  const local = new Date(whole + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** An ISO instant shown as "YYYY-MM-DD HH:mm" in `zone` (plain arithmetic on the zone's offset: `list` formats thousands). */
export function formatLocalTime(iso: string, zone: string): string {
  const ms = Date.parse(iso);
  const local = new Date(ms + offsetMinutes(zone, ms) * 60_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}

/** The local date (yyyy-MM-dd) of an instant in the zone. */
export function localDateOf(ms: number, zone: string): string {
  return new Date(ms + offsetMinutes(zone, ms) * 60_000).toISOString().slice(0, 10);
}

/** The instant of 23:59:59 on a local date in the zone. */
export function endOfLocalDay(date: string, zone: string): number {
  const wall = Date.parse(`${date}T23:59:59Z`);
  let ms = wall - offsetMinutes(zone, wall) * 60_000;
  ms = wall - offsetMinutes(zone, ms) * 60_000; // the offset at the answer, not at the guess
  return ms;
}

/** yyyy-MM-dd plus whole years; 29 February becomes 28 February in a common year. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const year = y + years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${year}-${pad(m)}-${pad(day)}`;
}
