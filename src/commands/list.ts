import type { Context } from '../context.js';
import { formatFen } from '../core/money.js';
import { formatLocalTime } from '../core/time.js';
import { alignColumns } from '../ui/columns.js';
import type { Case } from '../core/case-model.js';
import { computeDeadlines, type Deadline, nearestDeadline } from '../core/deadlines.js';
import { caseStage } from '../core/stage.js';
import { deadlineDue, deadlineKind, deadlineState } from '../ui/deadline-text.js';
import { commandCalendar } from './shared/calendar.js';

/** "平台承诺到账 2026-11-20 12:00 超期 4 天" — the last column, so its colour does not upset the alignment. */
function nearestText(context: Context, record: Case, deadline: Deadline | undefined): string {
  if (!deadline) return '-';
  return `${deadlineKind(context, deadline)} ${deadlineDue(deadline, record.timeZone)} ${deadlineState(context, deadline, context.out.colors)}`;
}

export async function run(context: Context, options: { overdue?: boolean; holidays?: string } = {}): Promise<void> {
  const calendar = await commandCalendar(context, options.holidays, { lenient: true });
  const store = await context.store();
  const { cases: all, problems } = await store.loadAll();
  const { t } = context;
  for (const problem of problems) context.out.warn(t('list.unreadable', { id: problem.id, file: problem.file, reason: problem.reason }));
  const now = context.now();
  const derived = new Map(all.map((c) => [c.id, { stage: caseStage(c), nearestDeadline: nearestDeadline(computeDeadlines(c, now, calendar)) }]));
  const cases = options.overdue ? all.filter((c) => derived.get(c.id)!.nearestDeadline?.state === 'overdue') : all;
  context.out.result({ cases: cases.map((c) => ({ ...c, ...derived.get(c.id) })), problems }, () => {
    if (options.overdue && cases.length === 0) return t('list.overdueNone');
    if (cases.length === 0) return problems.length === 0 ? t('list.empty') : '';
    return alignColumns(
      [t('label.case'), t('label.platform'), t('label.order'), t('label.amount'), t('label.orderedAt'), t('label.status'), t('label.stage'), t('label.nearest')],
      cases.map((c) => [
        c.id,
        c.platform.name,
        c.order.number,
        formatFen(c.order.amountFen),
        formatLocalTime(c.order.orderedAt, c.timeZone),
        c.resolution ? t(`outcome.${c.resolution.outcome}`) : c.order.status,
        t(`stage.${derived.get(c.id)!.stage}`),
        nearestText(context, c, derived.get(c.id)!.nearestDeadline),
      ]),
    );
  });
}
