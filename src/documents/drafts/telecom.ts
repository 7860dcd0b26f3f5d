import type { DraftDefinition } from './definition.js';

/** A complaint to 12300 (工业和信息化部 电信用户申诉受理中心) against a carrier, once the carrier's own answer is overdue. */
export const telecomDraft: DraftDefinition = {
  route: 'telecom',
  fileStem: 'telecom-12300-complaint',
  title: (_, t) => t('doc.draft.telecom.title'),
  subject: (c, t) => t('doc.draft.telecom.subject', { respondent: c.respondent.name, account: c.order.account }),
};
