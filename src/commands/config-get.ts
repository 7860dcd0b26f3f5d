import { DEFAULT_COMPLAINT_FACTS_LIMIT } from '../core/complaint-fields.js';
import type { Context } from '../context.js';
import { InputError } from '../errors.js';
import { SETTING_KEYS } from '../store/settings.js';
import { DEFAULT_TIME_ZONE, DEFAULT_UPLOAD_LIMIT_MB } from '../core/enums.js';

/** What applies when a setting is not set (browser and font are found on the system at run time). */
function defaults(context: Context): Partial<Record<(typeof SETTING_KEYS)[number], string | number>> {
  return { lang: context.lang, timeZone: DEFAULT_TIME_ZONE, uploadLimitMB: DEFAULT_UPLOAD_LIMIT_MB, complaintFactsMax: DEFAULT_COMPLAINT_FACTS_LIMIT, holidaysFile: context.t('settings.bundledCalendar'), tsa: context.t('settings.noTsa'), autoStamp: 'false' };
}

export async function run(context: Context, key: string | undefined): Promise<void> {
  const settings = (await context.settings()).settings();
  const fallback = defaults(context);
  const shown = (k: (typeof SETTING_KEYS)[number]) =>
    settings[k] !== undefined ? String(settings[k]) : fallback[k] !== undefined ? `${fallback[k]} ${context.t('settings.default')}`.trim() : context.t('settings.auto');
  if (key === undefined) {
    context.out.result(settings, () => SETTING_KEYS.map((k) => `${k} = ${shown(k)}`).join('\n'));
    return;
  }
  if (!(SETTING_KEYS as readonly string[]).includes(key)) throw new InputError('settings.unknownKey', { key, keys: SETTING_KEYS.join(', ') });
  const value = settings[key as (typeof SETTING_KEYS)[number]];
  context.out.result({ [key]: value ?? null }, () => shown(key as (typeof SETTING_KEYS)[number]));
}
