/**
 * Batch intake, the pure part: rows of a CSV or JSON Lines file (column → text) checked as `new` checks its
 * flags. Every problem of every row is collected with its line and field, so one run of the file names all
 * of them; nothing is created unless every row is good.
 */
import { InputError, type MessageParams } from '../errors.js';
import type { CaseFacts } from './case-model.js';
import { buildCaseFacts, type FieldEnvironment, missingRequired, ORDER_FIELDS, parseField, type RawOrderInput } from './order-fields.js';
import { isValidTimeZone } from './time.js';

/** Columns besides the order flags. */
export const EXTRA_COLUMNS = ['client', 'time-zone'] as const;
export type ExtraColumn = (typeof EXTRA_COLUMNS)[number];

/** Chinese column names people use in their own sheets, by flag. */
const ALIASES: Record<string, readonly string[]> = {
  platform: ['平台', '平台名称', '商家', '店铺'],
  'platform-url': ['平台网址', '网址', '网站'],
  company: ['公司', '公司名称', '经营者', '经营者名称', '被投诉人'],
  'company-address': ['公司地址', '经营者地址'],
  order: ['订单号', '订单编号', '订单'],
  product: ['商品', '商品名称', '产品'],
  category: ['类别', '品类', '类型', '商品类别'],
  account: ['充值账号', '账号', '充值号码'],
  amount: ['金额', '订单金额', '实付金额', '支付金额'],
  'payment-method': ['支付方式', '付款方式'],
  'payment-ref': ['支付流水号', '交易号', '流水号', '支付单号'],
  'ordered-at': ['下单时间', '订单时间'],
  'paid-at': ['支付时间', '付款时间'],
  promise: ['承诺', '承诺时限', '承诺到账', '到账承诺'],
  status: ['状态', '订单状态'],
  demand: ['诉求', '要求'],
  client: ['投诉人', '委托人', '客户'],
  'time-zone': ['时区'],
};

const normalize = (name: string) => name.trim().replace(/^--/, '').replace(/\s+/g, '').toLowerCase();
const camelToKebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * Column name → flag. Flag names (platform-url), camelCase (platformUrl), the aliases above, and any extra
 * names given (the Chinese prompt text of each field), so a field added to ORDER_FIELDS is picked up.
 */
export function columnMap(extraNames: Readonly<Record<string, readonly string[]>> = {}): Map<string, string> {
  const map = new Map<string, string>();
  const flags = [...ORDER_FIELDS.map((f) => f.flag), ...EXTRA_COLUMNS];
  for (const flag of flags) {
    for (const name of [flag, ...(extraNames[flag] ?? [])]) map.set(normalize(name), flag);
  }
  for (const flag of flags) for (const name of ALIASES[flag] ?? []) if (!map.has(normalize(name))) map.set(normalize(name), flag);
  return map;
}

export function columnFlag(map: ReadonlyMap<string, string>, column: string): string | undefined {
  return map.get(normalize(column)) ?? map.get(normalize(camelToKebab(column.trim())));
}

export type BatchRow = { line: number; values: Record<string, string> };
export type RowProblem = { line: number; field: string; key: string; params: MessageParams };
export type GoodRow = { line: number; facts: CaseFacts; client?: string };

/**
 * Check every row. `values` are keyed by flag already (see columnFlag). Returns the rows' facts when all
 * are good, else every problem found.
 */
export function checkRows(
  rows: readonly BatchRow[],
  environment: FieldEnvironment,
  defaults: { demand: string; status: string },
): { good: GoodRow[]; problems: RowProblem[] } {
  const good: GoodRow[] = [];
  const problems: RowProblem[] = [];
  const seenOrders = new Map<string, number>();
  for (const { line, values } of rows) {
    const before = problems.length;
    const zoneText = values['time-zone']?.trim();
    const zone = zoneText ? zoneText : environment.zone;
    if (zoneText && !isValidTimeZone(zoneText)) problems.push({ line, field: '--time-zone', key: 'input.timeZone.invalid', params: { value: zoneText } });
    const raw: RawOrderInput = {};
    for (const field of ORDER_FIELDS) if (values[field.flag] !== undefined && values[field.flag]!.trim() !== '') raw[field.flag] = values[field.flag];
    for (const flag of missingRequired(raw)) problems.push({ line, field: flag, key: 'input.text.empty', params: { field: flag } });
    for (const field of ORDER_FIELDS) {
      const text = raw[field.flag];
      if (text === undefined) continue;
      try {
        parseField(field, text, { zone, now: environment.now });
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        problems.push({ line, field: `--${field.flag}`, key: error.key, params: error.params });
      }
    }
    const order = raw.order?.trim();
    if (order) {
      const first = seenOrders.get(order);
      if (first !== undefined) problems.push({ line, field: '--order', key: 'batch.repeated', params: { line: first } });
      else seenOrders.set(order, line);
    }
    if (problems.length > before) continue;
    try {
      const facts = buildCaseFacts(raw, { zone, now: environment.now }, defaults);
      const client = values.client?.trim();
      good.push({ line, facts, ...(client ? { client } : {}) });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push({ line, field: typeof error.params.flag === 'string' ? error.params.flag : '-', key: error.key, params: error.params });
    }
  }
  return { good, problems };
}
