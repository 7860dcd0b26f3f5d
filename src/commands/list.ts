import type { Context } from '../context.js';
import { formatFen } from '../core/money.js';
import { formatLocalTime } from '../core/time.js';
import { alignColumns } from '../ui/columns.js';

export async function run(context: Context): Promise<void> {
  const store = await context.store();
  const { cases, problems } = await store.loadAll();
  const { t } = context;
  for (const problem of problems) context.out.warn(t('list.unreadable', { id: problem.id, file: problem.file, reason: problem.reason }));
  context.out.result({ cases, problems }, () => {
    if (cases.length === 0) return problems.length === 0 ? t('list.empty') : '';
    return alignColumns(
      [t('label.case'), t('label.platform'), t('label.order'), t('label.amount'), t('label.orderedAt'), t('label.status')],
      cases.map((c) => [
        c.id,
        c.platform.name,
        c.order.number,
        formatFen(c.order.amountFen),
        formatLocalTime(c.order.orderedAt, c.timeZone),
        c.resolution ? t(`outcome.${c.resolution.outcome}`) : c.order.status,
      ]),
    );
  });
}
