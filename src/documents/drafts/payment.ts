import type { DraftDefinition } from './definition.js';

/** A complaint to the payment channel (支付宝 / 微信支付 / the card issuer) about a merchant that took payment and did not deliver. */
export const paymentDraft: DraftDefinition = {
  route: 'payment',
  fileStem: 'payment-complaint',
  title: (_, t) => t('doc.draft.payment.title'),
  subject: (c, t) => t('doc.draft.payment.subject', { channel: c.paymentChannel, order: c.order.number, amount: c.order.amount }),
};
