import type { DraftDefinition } from './definition.js';

/** A complaint to the 消费者协会 asking for mediation, with the 12315 text's facts and demands. */
export const consumerAssociationDraft: DraftDefinition = {
  route: 'consumer-association',
  fileStem: 'consumer-association-complaint',
  title: (_, t) => t('doc.draft.consumer-association.title'),
  subject: (c, t) => t('doc.draft.consumer-association.subject', { respondent: c.fields.respondent, order: c.order.number }),
};
