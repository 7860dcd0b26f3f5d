import type { Context } from '../context.js';
import { InputError } from '../errors.js';
import { SETTING_KEYS, type SettingKey } from '../store/settings.js';

export async function run(context: Context, key: string): Promise<void> {
  if (!(SETTING_KEYS as readonly string[]).includes(key)) throw new InputError('settings.unknownKey', { key, keys: SETTING_KEYS.join(', ') });
  (await context.settings()).unset(key as SettingKey);
  context.out.result({ [key]: null }, () => `${key} = -`);
}
