import type { LoadProblem } from '../store/case-store.js';
import type { Translate } from './i18n.js';

/** The warning for a case that does not load: a sentence, and `repair` only where it can help. */
export function describeLoadProblem(t: Translate, problem: LoadProblem): string {
  if (problem.kind === 'unreadable') return t('list.unreadablePermission', { id: problem.id, file: problem.file, reason: problem.reason });
  return t('list.unreadable', { id: problem.id, file: problem.file, reason: problem.kind === 'missing' ? t('store.reason.missing') : problem.reason });
}
