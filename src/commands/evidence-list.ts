import type { Context } from '../context.js';
import { formatLocalTime } from '../core/time.js';
import { listEvidence } from '../evidence/index.js';
import { gridTable } from '../ui/case-view.js';

export async function run(context: Context, reference: string): Promise<void> {
  const { t } = context;
  const store = await context.store();
  const record = await store.resolve(reference);
  const items = listEvidence(record, store.caseDir(record.id));
  context.out.result({ case: record.id, items }, () => {
    if (items.length === 0) return t('evidence.list.empty', { id: record.id });
    return gridTable(
      [t('label.id'), t('label.kind'), t('label.title'), t('evidence.label.source'), t('label.addedAt'), t('evidence.label.proves'), t('evidence.label.flags')],
      items.map((item) => {
        const flags = [
          item.againOf ? t('evidence.flag.again', { id: item.againOf }) : '',
          item.loginWall ? t('evidence.flag.loginWall') : '',
          item.capture?.httpStatus && (item.capture.httpStatus < 200 || item.capture.httpStatus > 299) ? t('evidence.flag.httpStatus', { status: item.capture.httpStatus }) : '',
          item.capture?.warnings?.includes('mhtml-failed') ? t('evidence.flag.noMhtml') : '',
        ].filter((flag) => flag !== '');
        return [
          item.id,
          t(`evidenceKind.${item.kind}`),
          item.title,
          item.source,
          formatLocalTime(item.addedAt, record.timeZone),
          item.proves,
          flags.join('\n') || '-',
        ];
      }),
    );
  });
}
