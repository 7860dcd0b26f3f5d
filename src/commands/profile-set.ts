import type { Context } from '../context.js';
import { InputError } from '../errors.js';
import { brokenSettingsFile, parseProfile, type Profile, setAsideBrokenSettings } from '../store/settings.js';
import { askProfile } from './shared/profile.js';
import { printProfile } from '../ui/case-view.js';

type Options = { name?: string; phone?: string; address?: string; email?: string };

export async function run(context: Context, options: Options): Promise<void> {
  const flagged = options.name !== undefined || options.phone !== undefined || options.address !== undefined || options.email !== undefined;
  // a broken settings file is set aside only for a profile that is valid on its own (nothing moves on bad input)
  if (flagged && brokenSettingsFile(context.locations.configDir)) parseProfile(options);
  const setAside = await setAsideBrokenSettings(context.locations.configDir, context.now());
  if (setAside) context.out.warn(context.t('settings.setAside', { file: setAside.file, movedTo: setAside.movedTo, reason: setAside.reason }));
  const settings = await context.settings();
  const current = settings.profile();
  const anyFlag = options.name !== undefined || options.phone !== undefined || options.address !== undefined || options.email !== undefined;
  let profile: Profile;
  if (!anyFlag && context.interactive) {
    profile = await askProfile(context, current);
  } else {
    // Flags update the stored profile field by field; a first profile needs name, phone and address.
    const merged = { ...current, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as Options;
    const missing = (['name', 'phone', 'address'] as const).filter((k) => !merged[k] || merged[k]!.trim() === '').map((k) => `--${k}`);
    if (missing.length > 0) throw new InputError('input.missingFlags', { flags: missing.join(' ') });
    profile = parseProfile(merged);
  }
  settings.setProfile(profile);
  context.out.result(profile, () => printProfile(context, profile));
  context.out.success(context.t('profile.saved', { path: settings.path }));
}
