import type { Context } from '../../context.js';
import type { IndexSource } from '../../store/case-index.js';
import { casesDirOf } from '../../store/case-files.js';

/**
 * The case index of this run's data home: its cases folder, and the store opened only when a case changed
 * since the index was written (so a listing from a fresh index loads no case schemas).
 */
export function indexSource(context: Context): IndexSource {
  return { casesDir: casesDirOf(context.locations.home), open: () => context.store() };
}
