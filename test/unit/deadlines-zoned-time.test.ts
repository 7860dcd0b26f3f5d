import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addYears, endOfLocalDay, isoInZone, localDateOf } from '../../src/core/zoned-time.js';

describe('fast zoned time agrees with luxon', () => {
  const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'UTC'];
  // every 7 hours across 2026, including the DST changes
  const instants = Array.from({ length: 1300 }, (_, i) => Date.UTC(2026, 0, 1) + i * 7 * 3_600_000 + 59_000);

  it.each(zones)('%s', (zone) => {
    for (const ms of instants) {
      const reference = DateTime.fromMillis(ms).setZone(zone);
      expect(isoInZone(ms, zone)).toBe(reference.set({ millisecond: 0 }).toISO({ suppressMilliseconds: true, includeOffset: true })!.replace(/Z$/, '+00:00'));
      expect(localDateOf(ms, zone)).toBe(reference.toISODate());
    }
  });

  it('end of a local day, also on a DST change day', () => {
    expect(isoInZone(endOfLocalDay('2026-10-14', 'Asia/Shanghai'), 'Asia/Shanghai')).toBe('2026-10-14T23:59:59+08:00');
    expect(isoInZone(endOfLocalDay('2026-03-08', 'America/New_York'), 'America/New_York')).toBe('2026-03-08T23:59:59-04:00');
    expect(isoInZone(endOfLocalDay('2026-11-01', 'America/New_York'), 'America/New_York')).toBe('2026-11-01T23:59:59-05:00');
  });

  it('adds years, 29 February falling back to the 28th', () => {
    expect(addYears('2026-11-20', 3)).toBe('2029-11-20');
    expect(addYears('2028-02-29', 3)).toBe('2031-02-28');
    expect(addYears('2028-02-29', 4)).toBe('2032-02-29');
  });
});
