import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Context } from '../context.js';
import { calendarWarnings, computeDeadlines, type Deadline, pendingDeadlines, sortByUrgency } from '../core/deadlines.js';
import { caseStage } from '../core/stage.js';
import { EnvironmentError } from '../errors.js';
import { alignColumns } from '../ui/columns.js';
import { deadlineBasis, deadlineDue, deadlineKind, deadlineState } from '../ui/deadline-text.js';
import { commandCalendar, warnAssumedYears } from './shared/calendar.js';

type Options = { ics?: string; holidays?: string };

/**
 * Every open or overdue deadline across cases, overdue first (most overdue first), with how long.
 * Overdue items are information, not a failure: the exit code stays 0.
 */
export async function run(context: Context, options: Options): Promise<void> {
  const { t } = context;
  const calendar = await commandCalendar(context, options.holidays);
  const store = await context.store();
  const { cases, problems } = await store.loadAll();
  for (const problem of problems) context.out.warn(t('list.unreadable', { id: problem.id, file: problem.file, reason: problem.reason }));
  const now = context.now();
  const byCase = new Map(cases.map((c) => [c.id, c]));
  const all: Deadline[] = [];
  for (const record of cases) all.push(...pendingDeadlines(computeDeadlines(record, now, calendar)));
  const deadlines = sortByUrgency(all);
  warnAssumedYears(context, calendarWarnings(deadlines));

  if (options.ics !== undefined) {
    const { buildIcs } = await import('../calendar/ics-export.js');
    const { writeFileAtomically } = await import('../store/file-system.js');
    const items = deadlines.map((deadline) => {
      const record = byCase.get(deadline.caseId)!;
      const title = t('ics.title', { case: record.id, kind: deadlineKind(context, deadline), platform: record.platform.name, order: record.order.number });
      return {
        deadline,
        title,
        description: t('ics.description', { basis: deadlineBasis(context, deadline, { long: true }), case: record.id, order: record.order.number }),
        alarm: t('ics.alarm', { title }),
      };
    });
    let text: string;
    try {
      text = await buildIcs(items);
    } catch (error) {
      throw new EnvironmentError('due.icsFailed', { reason: error instanceof Error ? error.message : String(error) });
    }
    const file = path.resolve(options.ics);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomically(file, text);
    context.out.success(t('due.icsWritten', { file, count: items.length }));
  }

  const overdue = deadlines.filter((d) => d.state === 'overdue').length;
  context.out.result(
    {
      now: now.toISOString(),
      deadlines: deadlines.map((d) => {
        const record = byCase.get(d.caseId)!;
        return { ...d, platform: record.platform.name, order: record.order.number, stage: caseStage(record) };
      }),
      overdue,
      open: deadlines.length - overdue,
      assumedYears: calendarWarnings(deadlines),
    },
    () => {
      if (deadlines.length === 0) return t('due.empty');
      const colors = context.out.colors;
      const table = alignColumns(
        [t('label.case'), t('label.order'), t('label.deadline'), t('label.due'), t('label.basis'), t('label.state')],
        deadlines.map((d) => {
          const record = byCase.get(d.caseId)!;
          return [record.id, record.order.number, deadlineKind(context, d), deadlineDue(d, record.timeZone), deadlineBasis(context, d), deadlineState(context, d, colors)];
        }),
      );
      return `${table}\n\n${t('due.summary', { overdue, open: deadlines.length - overdue })}`;
    },
  );
}
