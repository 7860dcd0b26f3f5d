import type { DraftDefinition } from './definition.js';

/** 报案材料 for 110 / 96110 when the platform vanished and the consumer asserts fraud: facts, not an accusation. */
export const policeDraft: DraftDefinition = {
  route: 'police',
  fileStem: 'police-report',
  title: (c) => (c.lang === 'zh' ? '报案材料' : 'Police report'),
  subject: (c) => (c.lang === 'zh' ? `涉事平台：${c.respondent.platform}；${c.order.amount} 元` : `Platform: ${c.respondent.platform}; ${c.order.amount} yuan`),
};
