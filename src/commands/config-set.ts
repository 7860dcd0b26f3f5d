import type { Context } from '../context.js';
import { parseSetting, setAsideBrokenSettings } from '../store/settings.js';

export async function run(context: Context, key: string, raw: string): Promise<void> {
  const { key: setting, value } = parseSetting(key, raw);
  const setAside = await setAsideBrokenSettings(context.locations.configDir, context.now());
  if (setAside) context.out.warn(context.t('settings.setAside', { file: setAside.file, movedTo: setAside.movedTo, reason: setAside.reason }));
  const store = await context.settings();
  store.set(setting, value);
  context.out.result({ [setting]: value }, () => `${setting} = ${value}`);
}
