import type { DraftDefinition } from './definition.js';

/** A complaint to 12300 (工业和信息化部 电信用户申诉受理中心) against a carrier, once the carrier's own answer is overdue. */
export const telecomDraft: DraftDefinition = {
  route: 'telecom',
  fileStem: 'telecom-12300-complaint',
  title: (c) => (c.lang === 'zh' ? '电信用户申诉书' : 'Telecom user complaint'),
  subject: (c) => (c.lang === 'zh' ? `被申诉企业：${c.respondent.name}；号码 ${c.order.account}` : `Operator: ${c.respondent.name}; number ${c.order.account}`),
};
