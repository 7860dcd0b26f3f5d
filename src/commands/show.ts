import type { Context } from '../context.js';
import { printCaseDetail } from '../ui/case-view.js';
import { calendarWarnings } from '../core/deadlines.js';
import { evidenceChecklist } from '../core/evidence-checklist.js';
import { ladderRungs } from '../core/ladder/rungs.js';
import { formatChecklist, formatRungs, renderRungs } from '../ui/ladder-view.js';
import { deadlineSections, evaluateCase } from '../ui/timeline-view.js';
import { commandCalendar, warnAssumedYears } from './shared/calendar.js';

export async function run(context: Context, reference: string, options: { holidays?: string } = {}): Promise<void> {
  const calendar = await commandCalendar(context, options.holidays, { lenient: true });
  const store = await context.store();
  const record = await store.resolve(reference);
  const now = context.now();
  const view = evaluateCase(context, record, now, calendar);
  warnAssumedYears(context, calendarWarnings(view.deadlines));
  const routes = renderRungs(context, ladderRungs(record, view.deadlines, now), record, now);
  const checklist = evidenceChecklist(record);
  context.out.result({ ...record, stage: view.stage, deadlines: view.deadlines, next: view.next, routes, checklist }, () =>
    printCaseDetail(context, record, [
      ...deadlineSections(context, record, view, now),
      ...(routes.length > 0 ? [formatRungs(context, routes)] : []),
      formatChecklist(context, checklist, { suggest: !record.resolution }),
    ]),
  );
}
