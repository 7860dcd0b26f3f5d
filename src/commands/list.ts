import type { Context } from '../context.js';
import { formatFen } from '../core/money.js';
import { alignColumns } from '../ui/columns.js';
import { describeLoadProblem } from '../ui/load-problem.js';
import { printable } from '../ui/printable.js';
import { belongsToClient, type CaseSummary, nearestNow, shownDue } from '../core/case-summary.js';
import type { Deadline } from '../core/deadlines.js';
import { deadlineKind, deadlineState } from '../ui/deadline-text.js';
import { commandCalendar } from './shared/calendar.js';
import { clientFilter } from './shared/client.js';
import { indexSource } from './shared/case-index-source.js';

/** "平台承诺到账 2026-11-20 12:00 超期 4 天" — the last column, so its colour does not upset the alignment. */
function nearestText(context: Context, summary: CaseSummary, deadline: Deadline | undefined): string {
  if (!deadline) return '-';
  return `${deadlineKind(context, deadline)} ${shownDue(deadline)} ${deadlineState(context, deadline, context.out.colors)}`;
}

/** Every case from the case index (rebuilt from the case files where they changed), one row each. */
export async function run(context: Context, options: { overdue?: boolean; holidays?: string; client?: string } = {}): Promise<void> {
  const calendar = await commandCalendar(context, options.holidays, { lenient: true });
  const client = await clientFilter(context, options.client);
  const now = context.now();
  const { caseSummaries } = await import('../store/case-index.js');
  const { summaries, problems } = await caseSummaries(indexSource(context), { deadlines: { now, calendar } });
  const { t } = context;
  for (const problem of problems) context.out.warn(describeLoadProblem(t, problem));
  const rows = summaries
    .filter((s) => !client || belongsToClient(s, client))
    .map((summary) => ({ summary, nearest: nearestNow(summary, now) }))
    .filter((row) => !options.overdue || row.nearest?.state === 'overdue');
  if (context.json) {
    // the whole case in the JSON document, as before the index: loaded only when asked for
    const store = await context.store();
    const { computeDeadlines, nearestDeadline } = await import('../core/deadlines.js');
    const cases = [];
    for (const { summary } of rows) {
      const record = await store.load(summary.id);
      cases.push({ ...record, stage: summary.stage, nearestDeadline: nearestDeadline(computeDeadlines(record, now, calendar)) });
    }
    context.out.result({ cases, problems }, () => '');
    return;
  }
  context.out.result(undefined, () => {
    if (options.overdue && rows.length === 0) return t('list.overdueNone');
    if (rows.length === 0) return problems.length === 0 && !client ? t('list.empty') : client ? t('client.noCases', { client: client.name }) : '';
    return alignColumns(
      [t('label.case'), t('label.platform'), t('label.order'), t('label.amount'), t('label.orderedAt'), t('label.status'), t('label.stage'), t('label.nearest')],
      rows.map(({ summary: s, nearest }) => [
        s.id,
        printable(s.platform),
        printable(s.order),
        formatFen(s.amountFen),
        s.orderedAtText,
        s.outcome ? t(`outcome.${s.outcome}`) : printable(s.status),
        t(`stage.${s.stage}`),
        nearestText(context, s, nearest),
      ]),
    );
  });
}
