import path from 'node:path';
import type { Case } from '../../core/case-model.js';
import type { CaseEvent } from '../../core/case-events.js';
import { formatFen } from '../../core/money.js';
import { type BillFormat, type BillMatch, matchBill, parseBill } from './bill-layout.js';
import { readBillRows } from './read-bill.js';

/** What an imported bill records on its evidence item (meta.bill). */
export type BillSummary = {
  format: BillFormat;
  transactions: number;
  headerRow: number;
  matched?: { row: number; by: BillMatch['by']; number: string; merchantOrder?: string; counterparty: string; item?: string; amount: string; amountFen: number; time: string; status: string };
};

const BILL_EXTENSIONS = new Set(['.csv', '.xlsx']);

/** A payment bill export (by name and content), read and matched against the case; undefined if not a bill. */
export async function analyseBill(file: string, record: Case): Promise<BillSummary | undefined> {
  if (!BILL_EXTENSIONS.has(path.extname(file).toLowerCase())) return undefined;
  const rows = await readBillRows(file);
  const bill = rows ? parseBill(rows, record.timeZone) : undefined;
  if (!bill) return undefined;
  const match = matchBill(bill, record.order);
  const summary: BillSummary = { format: bill.format, transactions: bill.transactions.length, headerRow: bill.headerRow };
  if (match) {
    const { transaction: t } = match;
    summary.matched = {
      row: t.row,
      by: match.by,
      number: t.number,
      ...(t.merchantOrder ? { merchantOrder: t.merchantOrder } : {}),
      counterparty: t.counterparty,
      ...(t.item ? { item: t.item } : {}),
      amount: formatFen(t.amountFen),
      amountFen: t.amountFen,
      time: t.time,
      status: t.status,
    };
  }
  return summary;
}

/** The payment facts a matched bill row supplies where the case has none yet (an edit, journaled). */
export function fillPaymentFacts(current: Case, matched: NonNullable<BillSummary['matched']>): CaseEvent | undefined {
  const changes: Record<string, string> = {};
  if (!current.order.paymentRef) changes['order.paymentRef'] = matched.number;
  if (!current.order.paidAt) changes['order.paidAt'] = matched.time;
  return Object.keys(changes).length > 0 ? { type: 'case.edited', data: { changes } } : undefined;
}
