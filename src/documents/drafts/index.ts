import type { DraftRoute } from '../../core/enums.js';
import { consumerAssociationDraft } from './consumer-association.js';
import { courtDraft } from './court.js';
import type { DraftDefinition } from './definition.js';
import { paymentDraft } from './payment.js';
import { policeDraft } from './police.js';
import { telecomDraft } from './telecom.js';

export const DRAFTS: Record<DraftRoute, DraftDefinition> = {
  payment: paymentDraft,
  'consumer-association': consumerAssociationDraft,
  telecom: telecomDraft,
  court: courtDraft,
  police: policeDraft,
};
