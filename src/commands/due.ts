import path from 'node:path';
import type { Context } from '../context.js';
import { belongsToClient, settleStored, shownDue } from '../core/case-summary.js';
import { calendarWarnings, type Deadline } from '../core/deadlines.js';
import type { DueCase } from '../store/index-format.js';
import { CheckFailed, EnvironmentError } from '../errors.js';
import { alignColumns } from '../ui/columns.js';
import { printable } from '../ui/printable.js';
import { describeLoadProblem } from '../ui/load-problem.js';
import { deadlineBasis, deadlineKind, deadlineState } from '../ui/deadline-text.js';
import { clientFilter } from './shared/client.js';
import { indexSource } from './shared/case-index-source.js';
import { commandCalendar, warnAssumedYears } from './shared/calendar.js';

type Options = { ics?: string; holidays?: string; client?: string; failOnOverdue?: boolean };

/**
 * Every open or overdue deadline across cases, overdue first (most overdue first), with how long.
 * Overdue items are information, not a failure: the exit code stays 0 unless --fail-on-overdue (for cron).
 * Cases come from the case index, so each case's stage and deadlines are worked out once, not per deadline.
 */
export async function run(context: Context, options: Options): Promise<void> {
  const { t } = context;
  const calendar = await commandCalendar(context, options.holidays);
  const client = await clientFilter(context, options.client);
  const now = context.now();
  const { dueIndex } = await import('../store/case-index.js');
  const { unpackDeadline } = await import('../store/index-format.js');
  const { cases, rows, problems } = await dueIndex(indexSource(context), { now, calendar });
  for (const problem of problems) context.out.warn(describeLoadProblem(t, problem));
  const byCase = new Map<string, DueCase>();
  const deadlines: Deadline[] = [];
  // already most urgent first; a resolved case has no running deadline to show
  for (const { caseId, deadline } of rows) {
    const record = cases.get(caseId)!;
    if (record.outcome !== undefined || (client && !belongsToClient(record, client))) continue;
    byCase.set(caseId, record);
    deadlines.push(settleStored(unpackDeadline(deadline), caseId, deadline[0], now, false));
  }
  const assumedYears = calendarWarnings(deadlines);
  warnAssumedYears(context, assumedYears);

  if (options.ics !== undefined) {
    const { buildIcs } = await import('../calendar/ics-export.js');
    const { writeRequestedFile } = await import('../store/file-system.js');
    // made one at a time as the writer takes them
    function* items() {
      for (const deadline of deadlines) {
        const record = byCase.get(deadline.caseId)!;
        const title = t('ics.title', { case: record.id, kind: deadlineKind(context, deadline), platform: record.platform, order: record.order });
        const description = t('ics.description', { basis: deadlineBasis(context, deadline, { long: true }), case: record.id, order: record.order });
        // the calendar entry is read on its own, away from the terminal's warning: it carries its own
        const assumed = deadline.assumedYears?.length ? `\n${t('calendar.assumed', { years: deadline.assumedYears.join(', ') })}` : '';
        yield { deadline, title, description: `${description}${assumed}`, alarm: t('ics.alarm', { title }) };
      }
    }
    let bytes: Buffer;
    try {
      bytes = buildIcs(items(), now);
    } catch (error) {
      throw new EnvironmentError('due.icsFailed', { reason: error instanceof Error ? error.message : String(error) });
    }
    const file = path.resolve(options.ics);
    await writeRequestedFile(file, bytes, context.locations.home);
    context.out.success(t('due.icsWritten', { file, count: deadlines.length }));
  }

  const overdue = deadlines.filter((d) => d.state === 'overdue').length;
  if (context.json) {
    context.out.result(
      {
        now: now.toISOString(),
        deadlines: deadlines.map((d) => {
          const record = byCase.get(d.caseId)!;
          return { ...d, platform: record.platform, order: record.order, stage: record.stage, ...(record.client ? { client: record.client } : {}) };
        }),
        overdue,
        open: deadlines.length - overdue,
        assumedYears,
      },
      () => '',
    );
  } else {
    const colors = context.out.colors;
    const rows = deadlines.map((d) => {
      const record = byCase.get(d.caseId)!;
      // the order number is stored as typed (or imported): shown escaped, never obeyed by the terminal
      return [record.id, printable(record.order), deadlineKind(context, d), shownDue(d), deadlineBasis(context, d), deadlineState(context, d, colors)];
    });
    context.out.result(undefined, () =>
      deadlines.length === 0
        ? t('due.empty')
        : `${alignColumns([t('label.case'), t('label.order'), t('label.deadline'), t('label.due'), t('label.basis'), t('label.state')], rows)}\n\n${t('due.summary', { overdue, open: deadlines.length - overdue })}`,
    );
  }
  if (options.failOnOverdue && overdue > 0) throw new CheckFailed('due.overdueFound', { count: overdue }).afterResult();
}
