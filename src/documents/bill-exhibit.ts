import type { Case } from '../core/case-model.js';
import { formatFen } from '../core/money.js';
import { formatLocalTime } from '../core/time.js';
import type { BillSummary } from '../evidence/bills/analyse-bill.js';
import { parseBill } from '../evidence/bills/bill-layout.js';
import { readBillRows } from '../evidence/bills/read-bill.js';
import type { ListedEvidence } from '../evidence/index.js';
import type { PdfWriter } from './pdf-writer.js';

/** Rows shown around the matched one: a bill has hundreds; the exhibit shows the order's row in context. */
const CONTEXT_ROWS = 6;
const HIGHLIGHT = '#fff0a0';

/**
 * A payment bill's exhibit: its rows near the order's transaction as a table, the matching row highlighted
 * (the bill itself, GB18030 or XLSX, is not printable text). False when the file cannot be read as a bill.
 */
export async function writeBillExhibit(writer: PdfWriter, item: ListedEvidence, record: Case, zh: boolean): Promise<boolean> {
  const summary = item.meta.bill as BillSummary | undefined;
  if (!summary) return false;
  const rows = await readBillRows(item.original.absolutePath);
  const bill = rows ? parseBill(rows, record.timeZone) : undefined;
  if (!bill || bill.transactions.length === 0) return false;
  const matchedIndex = summary.matched ? bill.transactions.findIndex((t) => t.row === summary.matched!.row) : -1;
  const start = matchedIndex < 0 ? 0 : Math.max(0, matchedIndex - CONTEXT_ROWS);
  const shown = bill.transactions.slice(start, matchedIndex < 0 ? CONTEXT_ROWS * 2 + 1 : matchedIndex + CONTEXT_ROWS + 1);
  const format = zh ? (bill.format === 'alipay' ? '支付宝账单' : '微信支付账单') : bill.format === 'alipay' ? 'Alipay bill' : 'WeChat Pay bill';
  const first = shown[0]!.row;
  const last = shown.at(-1)!.row;
  writer.paragraph(
    zh
      ? `证据 ${item.id}：${format}，共 ${bill.transactions.length} 笔交易，以下为文件第 ${first}–${last} 行。${summary.matched ? `黄色标出的第 ${summary.matched.row} 行是与本订单相符的交易。` : '其中没有与本订单相符的交易。'}`
      : `Exhibit ${item.id}: ${format}, ${bill.transactions.length} transactions; rows ${first}–${last} of the file below. ${summary.matched ? `Row ${summary.matched.row}, highlighted, is the transaction that matches this order.` : 'None of them matches this order.'}`,
    { size: 9.5, color: '#333333' },
  );
  writer.table(
    [
      { header: zh ? '行' : 'Row', width: 0.5, align: 'center' },
      { header: zh ? '交易时间' : 'Time', width: 1.6 },
      { header: zh ? '交易对方' : 'Counterparty', width: 1.5 },
      { header: zh ? '商品' : 'Item', width: 1.8 },
      { header: zh ? '金额（元）' : 'Yuan', width: 0.9, align: 'right' },
      { header: zh ? '状态' : 'Status', width: 1 },
      { header: zh ? '交易号' : 'Transaction', width: 2.6 },
    ],
    shown.map((t) => [String(t.row), formatLocalTime(t.time, record.timeZone), t.counterparty, t.item ?? '', formatFen(t.amountFen), t.status, t.number]),
    { size: 7.5, fill: (index) => (start + index === matchedIndex ? HIGHLIGHT : undefined) },
  );
  return true;
}
