import type { DraftDefinition } from './definition.js';

/** A 民事起诉状 for a small claim. */
export const courtDraft: DraftDefinition = {
  route: 'court',
  fileStem: 'civil-complaint',
  title: (c) => (c.lang === 'zh' ? '民事起诉状' : 'Civil complaint'),
  subject: (c) => (c.lang === 'zh' ? `原告 ${c.complainant.name} 诉 ${c.respondent.name}：订单 ${c.order.number}` : `${c.complainant.name} v. ${c.respondent.name}: order ${c.order.number}`),
};
