import type { Case } from '../core/case-model.js';
import { formatFen } from '../core/money.js';
import { formatLocalTime } from '../core/time.js';
import type { BillSummary } from '../evidence/bills/analyse-bill.js';
import { parseBill } from '../evidence/bills/bill-layout.js';
import { readBillRows } from '../evidence/bills/read-bill.js';
import type { ListedEvidence } from '../evidence/index.js';
import type { Translate } from './bundle/model.js';
import type { PdfWriter } from './pdf-writer.js';

/** Rows shown around the matched one: a bill has hundreds; the exhibit shows the order's row in context. */
const CONTEXT_ROWS = 6;
const HIGHLIGHT = '#fff0a0';

/**
 * A payment bill's exhibit: its rows near the order's transaction as a table, the matching row highlighted
 * (the bill itself, GB18030 or XLSX, is not printable text). False when the file cannot be read as a bill.
 */
export async function writeBillExhibit(writer: PdfWriter, item: ListedEvidence, record: Case, t: Translate): Promise<boolean> {
  const summary = item.meta.bill as BillSummary | undefined;
  if (!summary) return false;
  const rows = await readBillRows(item.original.absolutePath);
  const bill = rows ? parseBill(rows, record.timeZone) : undefined;
  if (!bill || bill.transactions.length === 0) return false;
  const matchedIndex = summary.matched ? bill.transactions.findIndex((row) => row.row === summary.matched!.row) : -1;
  const start = matchedIndex < 0 ? 0 : Math.max(0, matchedIndex - CONTEXT_ROWS);
  const shown = bill.transactions.slice(start, matchedIndex < 0 ? CONTEXT_ROWS * 2 + 1 : matchedIndex + CONTEXT_ROWS + 1);
  const format = t(bill.format === 'alipay' ? 'doc.bill.alipay' : 'doc.bill.wechat');
  const first = shown[0]!.row;
  const last = shown.at(-1)!.row;
  writer.paragraph(
    t(summary.matched ? 'doc.bill.introMatched' : 'doc.bill.introUnmatched', { id: item.id, format, count: bill.transactions.length, first, last, row: summary.matched?.row ?? '' }),
    { size: 9.5, color: '#333333' },
  );
  writer.table(
    [
      { header: t('doc.bill.row'), width: 0.5, align: 'center' },
      { header: t('doc.bill.time'), width: 1.6 },
      { header: t('doc.bill.counterparty'), width: 1.5 },
      { header: t('doc.bill.item'), width: 1.8 },
      { header: t('doc.bill.amount'), width: 0.9, align: 'right' },
      { header: t('doc.bill.status'), width: 1 },
      { header: t('doc.bill.number'), width: 2.6 },
    ],
    shown.map((row) => [String(row.row), formatLocalTime(row.time, record.timeZone), row.counterparty, row.item ?? '', formatFen(row.amountFen), row.status, row.number]),
    { size: 7.5, fill: (index) => (start + index === matchedIndex ? HIGHLIGHT : undefined) },
  );
  return true;
}
