import type { DraftDefinition } from './definition.js';

/** A 民事起诉状 for a small claim. */
export const courtDraft: DraftDefinition = {
  route: 'court',
  fileStem: 'civil-complaint',
  title: (_, t) => t('doc.draft.court.title'),
  subject: (c, t) => t('doc.draft.court.subject', { complainant: c.complainant.name, respondent: c.respondent.name, order: c.order.number }),
};
