import type { EvidenceKind } from '../../core/case-model.js';
import { defaultProvesKey } from '../../evidence/kinds.js';
import { createTranslator } from '../../ui/i18n.js';

/**
 * The default 证明目的 as stored in the case: always Chinese, because the documents it goes into are
 * Chinese (whatever the interface language). Prompts may show `t(defaultProvesKey(kind))` instead.
 */
export function storedDefaultProves(kind: EvidenceKind): string {
  return createTranslator('zh')(defaultProvesKey(kind));
}
