import type { Context } from '../context.js';
import type { Chosen, ResolvedSettings, SettingKey } from '../core/settings.js';
import { InputError } from '../errors.js';
import { SETTING_KEYS } from '../store/settings.js';

/** The command-line flag or environment variable behind a value that did not come from the settings file. */
const FLAG_OF: Partial<Record<SettingKey, string>> = { lang: '--lang', timeZone: '--time-zone', browser: '--browser', font: '--font' };
const ENV_OF: Partial<Record<SettingKey, string>> = { browser: 'WEIQUAN_BROWSER' };

/** What a key reads when nothing chose a value (browser and font are found on the system at run time). */
const UNSET_TEXT: Partial<Record<SettingKey, string>> = { holidaysFile: 'settings.bundledCalendar', tsa: 'settings.noTsa' };

/**
 * `weiquan config get [KEY]`: the value each setting has for this run, as the one settings resolver chose it
 * (flags > environment > settings file > defaults), with where it came from. `--json` prints what the
 * settings file holds, which is what `config set`/`config unset` change.
 */
export async function run(context: Context, key: string | undefined): Promise<void> {
  const { t } = context;
  // opening the store reports a damaged settings file (exit 3) before anything is shown
  const stored = (await context.settings()).settings();
  const resolved = context.config as { [K in SettingKey]: ResolvedSettings[K] };
  const shown = (k: SettingKey): string => {
    const chosen = resolved[k] as Chosen<unknown> | undefined;
    if (!chosen) return UNSET_TEXT[k] ? t(UNSET_TEXT[k]) : t('settings.auto');
    const value = String(chosen.value);
    switch (chosen.from) {
      case 'setting':
        return value;
      case 'default':
        return `${value} ${t('settings.default')}`;
      case 'flag':
        return `${value} ${t('settings.fromFlag', { flag: FLAG_OF[k] ?? k })}`;
      case 'env':
        return `${value} ${t('settings.fromEnv', { name: ENV_OF[k] ?? k })}`;
    }
  };
  if (key === undefined) {
    context.out.result(stored, () => SETTING_KEYS.map((k) => `${k} = ${shown(k)}`).join('\n'));
    return;
  }
  if (!(SETTING_KEYS as readonly string[]).includes(key)) throw new InputError('settings.unknownKey', { key, keys: SETTING_KEYS.join(', ') });
  const k = key as SettingKey;
  context.out.result({ [k]: stored[k] ?? null }, () => shown(k));
}
