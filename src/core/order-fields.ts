import { InputError } from '../errors.js';
import { type CaseFacts, CATEGORIES, type Category, PLATFORM_KINDS, type PlatformKind } from './case-model.js';
import { parseCreditCode } from './credit-code.js';
import type { EditableField } from './case-events.js';
import { parseWebUrl, parseText } from './contact-details.js';
import { parseAmountToFen } from './money.js';
import { parsePromise } from './promise.js';
import { parseLocalTime, DEFAULT_TIME_ZONE } from './time.js';
import { toHalfWidth } from './text-normalize.js';

export type FieldEnvironment = { zone: string; now: Date };
export { ORDER_FIELDS, type FieldKind, type OrderField } from './order-field-list.js';
import { ORDER_FIELDS, type OrderField } from './order-field-list.js';

/** Category names people type, in both languages, mapped to the enum. */
const CATEGORY_ALIASES: Record<string, Category> = {
  游戏: 'game', 点卡: 'game', 游戏点卡: 'game', 话费: 'phone', 手机话费: 'phone', 流量: 'data', 流量包: 'data',
  会员: 'membership', 礼品卡: 'gift-card', giftcard: 'gift-card', gift: 'gift-card', 其他: 'other', 其它: 'other',
};

export function parseCategory(raw: string): Category {
  const text = toHalfWidth(raw).toLowerCase();
  if ((CATEGORIES as readonly string[]).includes(text)) return text as Category;
  const alias = CATEGORY_ALIASES[text];
  if (alias) return alias;
  throw new InputError('input.category.invalid', { value: raw, allowed: CATEGORIES.join('|') });
}

export function parsePlatformKind(raw: string): PlatformKind {
  const text = toHalfWidth(raw).trim().toLowerCase();
  const aliases: Record<string, PlatformKind> = { 自营: 'self-run', 平台: 'platform', 店铺: 'shop-on-platform', 平台内店铺: 'shop-on-platform', 入驻商家: 'shop-on-platform' };
  if ((PLATFORM_KINDS as readonly string[]).includes(text)) return text as PlatformKind;
  const alias = aliases[text];
  if (alias) return alias;
  throw new InputError('input.platformKind.invalid', { value: raw, allowed: PLATFORM_KINDS.join('|') });
}

/** Read one field's raw text into its stored value. Throws InputError naming the flag. */
export function parseField(field: OrderField, raw: string, environment: FieldEnvironment): string | number {
  try {
    switch (field.kind) {
      case 'url':
        return parseWebUrl(raw);
      case 'category':
        return parseCategory(raw);
      case 'amount':
        return parseAmountToFen(raw);
      case 'time':
        return parseLocalTime(raw, environment.zone, environment.now);
      case 'promise':
        return parsePromise(raw);
      case 'credit-code':
        return parseCreditCode(raw);
      case 'platform-kind':
        return parsePlatformKind(raw);
      default:
        return field.flag === 'demand' || field.flag === 'fraud' ? parseText(raw, `--${field.flag}`, 1000) : parseText(raw, `--${field.flag}`, 300, { oneLine: true });
    }
  } catch (error) {
    if (error instanceof InputError) throw new InputError(error.key, { ...error.params, flag: `--${field.flag}` }, error.hintKey, error.hintParams);
    throw error;
  }
}

export type RawOrderInput = Partial<Record<string, string | undefined>>;

/** The required flags that are missing or blank, in wizard order, as "--flag". */
export function missingRequired(raw: RawOrderInput): string[] {
  return ORDER_FIELDS.filter((f) => f.required && (raw[f.flag] === undefined || raw[f.flag]!.trim() === '')).map((f) => `--${f.flag}`);
}

/**
 * Build the facts of a new case from raw flag values. Every missing required flag is named at once;
 * then each value is parsed (the first bad one is reported).
 */
export function buildCaseFacts(raw: RawOrderInput, environment: FieldEnvironment, defaults: { demand: string; status: string }): CaseFacts {
  const missing = missingRequired(raw);
  if (missing.length > 0) throw new InputError('input.missingFlags', { flags: missing.join(' ') });
  const values: Partial<Record<EditableField, string | number>> = {};
  for (const field of ORDER_FIELDS) {
    const text = raw[field.flag];
    if (text === undefined || text.trim() === '') continue;
    values[field.path] = parseField(field, text, environment);
  }
  const text = (path: EditableField) => values[path] as string | undefined;
  const orderedAt = text('order.orderedAt')!;
  const paidAt = text('order.paidAt');
  if (paidAt && Date.parse(paidAt) < Date.parse(orderedAt) - 24 * 3600_000) {
    throw new InputError('input.paidBeforeOrder', { flag: '--paid-at' });
  }
  const delivered = values['order.deliveredFen'] as number | undefined;
  checkDelivered(delivered, values['order.amountFen'] as number);
  const fraudGrounds = text('fraudGrounds');
  return {
    timeZone: environment.zone || DEFAULT_TIME_ZONE,
    platform: {
      name: text('platform.name')!,
      ...(text('platform.url') ? { url: text('platform.url') } : {}),
      ...(text('platform.company') ? { company: text('platform.company') } : {}),
      ...(text('platform.companyAddress') ? { companyAddress: text('platform.companyAddress') } : {}),
      ...(text('platform.creditCode') ? { creditCode: text('platform.creditCode') } : {}),
      ...(text('platform.region') ? { region: text('platform.region') } : {}),
      ...(text('platform.kind') ? { kind: text('platform.kind') as PlatformKind } : {}),
    },
    order: {
      number: text('order.number')!,
      product: text('order.product')!,
      category: text('order.category') as Category,
      account: text('order.account')!,
      amountFen: values['order.amountFen'] as number,
      paymentMethod: text('order.paymentMethod')!,
      ...(text('order.paymentRef') ? { paymentRef: text('order.paymentRef') } : {}),
      orderedAt,
      ...(paidAt ? { paidAt } : {}),
      promise: text('order.promise') ?? 'none',
      status: text('order.status') ?? defaults.status,
      demand: text('order.demand') ?? defaults.demand,
      ...(delivered !== undefined ? { deliveredFen: delivered } : {}),
    },
    ...(fraudGrounds ? { fraudGrounds } : {}),
  };
}

/** Flag values keyed by flag name ("platform-url"), as parseField reads them; options are commander's camelCase keys. */
export function rawOrderInput(options: Readonly<Record<string, unknown>>): RawOrderInput {
  const raw: RawOrderInput = {};
  for (const field of ORDER_FIELDS) {
    const key = field.flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const value = options[key];
    if (typeof value === 'string') raw[field.flag] = value;
  }
  return raw;
}

/** A partial delivery is less than the order: all of it delivered is not a stuck order. */
export function checkDelivered(deliveredFen: number | undefined, amountFen: number): void {
  if (deliveredFen !== undefined && deliveredFen >= amountFen) throw new InputError('input.delivered.tooLarge', { flag: '--delivered' });
}
