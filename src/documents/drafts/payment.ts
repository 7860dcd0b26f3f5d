import type { DraftDefinition } from './definition.js';

/** A complaint to the payment channel (支付宝 / 微信支付 / the card issuer) about a merchant that took payment and did not deliver. */
export const paymentDraft: DraftDefinition = {
  route: 'payment',
  fileStem: 'payment-complaint',
  title: (c) => (c.lang === 'zh' ? '关于商户收款后未发货的投诉' : 'Complaint: a merchant took payment and did not deliver'),
  subject: (c) => (c.lang === 'zh' ? `致${c.paymentChannel}：订单 ${c.order.number}，${c.order.amount} 元` : `To ${c.paymentChannel}: order ${c.order.number}, ${c.order.amount} yuan`),
};
