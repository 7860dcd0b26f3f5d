import type { EditableField } from './case-events.js';

export type FieldKind = 'text' | 'url' | 'category' | 'amount' | 'time' | 'promise' | 'credit-code' | 'platform-kind';

/** One order fact: its flag, where it lives in the case, and how to read it. */
export type OrderField = {
  /** flag name without dashes, e.g. "platform-url"; also the key in raw input */
  flag: string;
  path: EditableField;
  kind: FieldKind;
  required: boolean;
  /** asked by the `new` wizard (default true); an assertion such as fraud is only ever typed on purpose */
  wizard?: boolean;
};

/** In the order the wizard asks them. */
export const ORDER_FIELDS: readonly OrderField[] = [
  { flag: 'platform', path: 'platform.name', kind: 'text', required: true },
  { flag: 'platform-url', path: 'platform.url', kind: 'url', required: false },
  { flag: 'company', path: 'platform.company', kind: 'text', required: false },
  { flag: 'company-address', path: 'platform.companyAddress', kind: 'text', required: false },
  { flag: 'credit-code', path: 'platform.creditCode', kind: 'credit-code', required: false, wizard: false },
  { flag: 'region', path: 'platform.region', kind: 'text', required: false, wizard: false },
  { flag: 'platform-kind', path: 'platform.kind', kind: 'platform-kind', required: false, wizard: false },
  { flag: 'order', path: 'order.number', kind: 'text', required: true },
  { flag: 'product', path: 'order.product', kind: 'text', required: true },
  { flag: 'category', path: 'order.category', kind: 'category', required: true },
  { flag: 'account', path: 'order.account', kind: 'text', required: true },
  { flag: 'amount', path: 'order.amountFen', kind: 'amount', required: true },
  { flag: 'payment-method', path: 'order.paymentMethod', kind: 'text', required: true },
  { flag: 'payment-ref', path: 'order.paymentRef', kind: 'text', required: false },
  { flag: 'ordered-at', path: 'order.orderedAt', kind: 'time', required: true },
  { flag: 'paid-at', path: 'order.paidAt', kind: 'time', required: false },
  { flag: 'promise', path: 'order.promise', kind: 'promise', required: false },
  { flag: 'status', path: 'order.status', kind: 'text', required: false },
  { flag: 'demand', path: 'order.demand', kind: 'text', required: false },
  { flag: 'delivered', path: 'order.deliveredFen', kind: 'amount', required: false, wizard: false },
  { flag: 'fraud', path: 'fraudGrounds', kind: 'text', required: false, wizard: false },
];

