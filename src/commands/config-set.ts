import type { Context } from '../context.js';
import { parseSetting } from '../store/settings.js';

export async function run(context: Context, key: string, raw: string): Promise<void> {
  const { key: setting, value } = parseSetting(key, raw);
  const store = await context.settings();
  store.set(setting, value);
  context.out.result({ [setting]: value }, () => `${setting} = ${value}`);
}
