/** The working-day calendar set-up shared by due, next, list and show. */
import type { Context } from '../../context.js';
import type { WorkCalendar } from '../../core/working-days.js';
import { InputError } from '../../errors.js';

/**
 * The working-day calendar (built-in data, the holidaysFile setting, --holidays). A bad --holidays file is an
 * input error; with `lenient` (list, show) a broken holidaysFile setting is a warning and the built-in data is used.
 */
export async function commandCalendar(context: Context, holidaysFlag?: string, options: { lenient?: boolean } = {}): Promise<WorkCalendar> {
  const { loadWorkCalendar } = await import('../../holidays/load.js');
  try {
    return await loadWorkCalendar({ setting: context.config.holidaysFile?.value, flag: holidaysFlag });
  } catch (error) {
    if (!options.lenient || !(error instanceof InputError) || error.hintKey !== 'calendar.file.settingHint') throw error;
    context.out.warn(`${context.t(error.key, error.params)} — ${context.t(error.hintKey, error.hintParams)}`);
    return loadWorkCalendar({ flag: holidaysFlag });
  }
}

/** Say once which years were counted Monday–Friday for lack of official data. */
export function warnAssumedYears(context: Context, years: readonly number[]): void {
  if (years.length > 0) context.out.warn(context.t('calendar.assumed', { years: years.join(', ') }));
}
