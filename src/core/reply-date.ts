import { DateTime } from './time.js';

/** The end of a business day, used for reply dates given in whole days ("within 3 days" → day 3, 18:00). */
export const END_OF_BUSINESS_HOUR = 18;

/**
 * The reply date a written complaint states, `minutes` after `now` in `zone`. A period of whole days ends at
 * 18:00 on its last day, so the letter and the next-step message name the same, readable date; a shorter
 * period (e.g. 12h) ends exactly.
 */
export function replyDeadline(now: Date, zone: string, minutes: number): DateTime {
  const exact = DateTime.fromJSDate(now).setZone(zone).plus({ minutes });
  if (minutes % (24 * 60) !== 0) return exact;
  return exact.set({ hour: END_OF_BUSINESS_HOUR, minute: 0, second: 0, millisecond: 0 });
}
