import type { DraftDefinition } from './definition.js';

/** A complaint to the 消费者协会 asking for mediation, with the 12315 text's facts and demands. */
export const consumerAssociationDraft: DraftDefinition = {
  route: 'consumer-association',
  fileStem: 'consumer-association-complaint',
  title: (c) => (c.lang === 'zh' ? '消费者投诉书（请求调解）' : 'Consumer complaint (request for mediation)'),
  subject: (c) => (c.lang === 'zh' ? `被投诉人：${c.fields.respondent}；订单 ${c.order.number}` : `Respondent: ${c.fields.respondent}; order ${c.order.number}`),
};
