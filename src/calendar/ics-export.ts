/**
 * Deadlines as an iCalendar file, through the `ics` library: one event per deadline with a stable UID
 * (`<case>-<deadline id>@weiquan`, so re-importing updates rather than duplicates), an all-day event for
 * working-day deadlines and a timed one (UTC) otherwise, and a display alarm one day before.
 */
import { DateTime } from 'luxon';
import type { Deadline } from '../core/deadlines.js';
import { addCalendarDays } from '../core/working-days.js';

export type IcsItem = { deadline: Deadline; title: string; description: string; alarm: string };

export function deadlineUid(deadline: Pick<Deadline, 'caseId' | 'id'>): string {
  return `${deadline.caseId}-${deadline.id}@weiquan`;
}

function dateArray(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

export async function buildIcs(items: readonly IcsItem[]): Promise<string> {
  const { createEvents } = await import('ics');
  const events = items.map(({ deadline, title, description, alarm }) => {
    const common = {
      uid: deadlineUid(deadline),
      title,
      description,
      categories: ['weiquan', deadline.kind],
      // 24 hours rather than 1 day: the library writes a day as "-P1DT", which strict parsers reject.
      alarms: [{ action: 'display' as const, description: alarm, trigger: { hours: 24, before: true } }],
    };
    if (deadline.dueDate) {
      return { ...common, start: dateArray(deadline.dueDate), end: dateArray(addCalendarDays(deadline.dueDate, 1)) };
    }
    const utc = DateTime.fromISO(deadline.due, { setZone: true }).toUTC();
    return {
      ...common,
      start: [utc.year, utc.month, utc.day, utc.hour, utc.minute] as [number, number, number, number, number],
      startInputType: 'utc' as const,
      startOutputType: 'utc' as const,
      duration: { minutes: 30 },
    };
  });
  const { error, value } = createEvents(events, { productId: 'weiquan', calName: 'weiquan' });
  if (error || value === null) throw error ?? new Error('ics: no output');
  return value;
}
