import type { Context } from '../context.js';
import { InputError } from '../errors.js';
import { SETTING_KEYS } from '../store/settings.js';

export async function run(context: Context, key: string | undefined): Promise<void> {
  const settings = (await context.settings()).settings();
  if (key === undefined) {
    context.out.result(settings, () => SETTING_KEYS.map((k) => `${k} = ${settings[k] ?? '-'}`).join('\n'));
    return;
  }
  if (!(SETTING_KEYS as readonly string[]).includes(key)) throw new InputError('settings.unknownKey', { key, keys: SETTING_KEYS.join(', ') });
  const value = settings[key as (typeof SETTING_KEYS)[number]];
  context.out.result({ [key]: value ?? null }, () => String(value ?? '-'));
}
