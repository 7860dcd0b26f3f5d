import type { DraftDefinition } from './definition.js';

/** 报案材料 for 110 / 96110 when the platform vanished and the consumer asserts fraud: facts, not an accusation. */
export const policeDraft: DraftDefinition = {
  route: 'police',
  fileStem: 'police-report',
  title: (_, t) => t('doc.draft.police.title'),
  subject: (c, t) => t('doc.draft.police.subject', { platform: c.respondent.platform, amount: c.order.amount }),
};
