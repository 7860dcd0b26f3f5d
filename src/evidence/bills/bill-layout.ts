/**
 * Payment-bill exports as the consumer downloads them: Alipay's 交易明细 (CSV, usually GB18030, a header block
 * of account and period lines before the table) and WeChat Pay's 账单明细 (CSV or XLSX, a header block of
 * totals before "微信支付账单明细列表"). Pure: rows of cells in, transactions out.
 */
import { parseAmountToFen } from '../../core/money.js';
import { parseLocalTime } from '../../core/time.js';

export type BillFormat = 'alipay' | 'wechat';

/** One row of the bill, with the facts a complaint needs. `row` is the 1-based row in the file. */
export type BillTransaction = {
  row: number;
  number: string;
  merchantOrder?: string;
  counterparty: string;
  item?: string;
  direction?: string;
  amountFen: number;
  /** ISO with the zone's offset */
  time: string;
  status: string;
};

export type ParsedBill = { format: BillFormat; headerRow: number; header: string[]; transactions: BillTransaction[] };

type Field = 'time' | 'counterparty' | 'item' | 'direction' | 'amount' | 'status' | 'number' | 'merchantOrder';

/** Column titles per format (newer exports first; older Alipay exports had 交易号 / 商户订单号 / 金额（元）). */
const LAYOUTS: Record<BillFormat, Record<Field, string[]>> = {
  alipay: {
    time: ['交易时间', '付款时间', '交易创建时间'],
    counterparty: ['交易对方'],
    item: ['商品说明', '商品名称'],
    direction: ['收/支'],
    amount: ['金额', '金额（元）', '金额(元)'],
    status: ['交易状态'],
    number: ['交易订单号', '交易号'],
    merchantOrder: ['商家订单号', '商户订单号'],
  },
  wechat: {
    time: ['交易时间'],
    counterparty: ['交易对方'],
    item: ['商品'],
    direction: ['收/支'],
    amount: ['金额(元)', '金额（元）'],
    status: ['当前状态'],
    number: ['交易单号'],
    merchantOrder: ['商户单号'],
  },
};

const REQUIRED: Field[] = ['time', 'counterparty', 'amount', 'status', 'number'];

function clean(cell: unknown): string {
  return String(cell ?? '').replace(/[\t\u00a0]/g, ' ').trim();
}

function columnsOf(header: string[], format: BillFormat): Partial<Record<Field, number>> | undefined {
  const found: Partial<Record<Field, number>> = {};
  for (const [field, titles] of Object.entries(LAYOUTS[format]) as [Field, string[]][]) {
    const index = header.findIndex((cell) => titles.includes(cell));
    if (index >= 0) found[field] = index;
  }
  return REQUIRED.every((field) => found[field] !== undefined) ? found : undefined;
}

/** Which export this is, judged by the header block and the table's column titles; undefined if neither. */
export function parseBill(rows: readonly (readonly unknown[])[], zone: string): ParsedBill | undefined {
  const text = rows.slice(0, 40).map((row) => row.map(clean).join(',')).join('\n');
  const hint: BillFormat | undefined = /微信支付|微信昵称/.test(text) ? 'wechat' : /支付宝/.test(text) ? 'alipay' : undefined;
  for (let index = 0; index < Math.min(rows.length, 60); index += 1) {
    const header = rows[index]!.map(clean);
    for (const format of hint ? [hint] : (['wechat', 'alipay'] as const)) {
      const columns = columnsOf(header, format);
      if (!columns) continue;
      const transactions: BillTransaction[] = [];
      for (let r = index + 1; r < rows.length; r += 1) {
        const cells = rows[r]!.map(clean);
        const cell = (field: Field) => (columns[field] === undefined ? '' : (cells[columns[field]!] ?? ''));
        if (cell('number') === '' || cell('time') === '') continue; // totals, notes, the closing line
        let amountFen: number;
        let time: string;
        try {
          amountFen = parseAmountToFen(cell('amount').replace(/^[¥￥]/, ''));
          time = parseLocalTime(cell('time').replace(/\//g, '-'), zone, new Date(0), { allowFuture: true });
        } catch {
          continue;
        }
        transactions.push({
          row: r + 1,
          number: cell('number'),
          ...(cell('merchantOrder') && cell('merchantOrder') !== '/' ? { merchantOrder: cell('merchantOrder') } : {}),
          counterparty: cell('counterparty'),
          ...(cell('item') ? { item: cell('item') } : {}),
          ...(cell('direction') ? { direction: cell('direction') } : {}),
          amountFen,
          time,
          status: cell('status'),
        });
      }
      return { format, headerRow: index + 1, header, transactions };
    }
  }
  return undefined;
}

export type BillMatch = { transaction: BillTransaction; by: 'payment-ref' | 'order-number' | 'amount-and-time' };

/** How far from the payment (else order) time a row with the right amount may be, when no number matches. */
export const MATCH_WINDOW_MS = 6 * 60 * 60 * 1000;

/**
 * The row that records the order's payment: the transaction number (or merchant order number) equal to the
 * case's payment reference, else to its order number, else the same amount within MATCH_WINDOW_MS of the
 * payment time (expenses first, nearest first).
 */
export function matchBill(bill: ParsedBill, order: { number: string; amountFen: number; paymentRef?: string; orderedAt: string; paidAt?: string }): BillMatch | undefined {
  const rows = bill.transactions;
  if (order.paymentRef) {
    const byRef = rows.find((row) => row.number === order.paymentRef || row.merchantOrder === order.paymentRef);
    if (byRef) return { transaction: byRef, by: 'payment-ref' };
  }
  const byOrder = rows.find((row) => row.merchantOrder === order.number || row.number === order.number);
  if (byOrder) return { transaction: byOrder, by: 'order-number' };
  const anchor = Date.parse(order.paidAt ?? order.orderedAt);
  const candidates = rows
    .filter((row) => row.amountFen === order.amountFen && Math.abs(Date.parse(row.time) - anchor) <= MATCH_WINDOW_MS)
    .sort((a, b) => Number(b.direction === '支出') - Number(a.direction === '支出') || Math.abs(Date.parse(a.time) - anchor) - Math.abs(Date.parse(b.time) - anchor));
  return candidates[0] ? { transaction: candidates[0], by: 'amount-and-time' } : undefined;
}
