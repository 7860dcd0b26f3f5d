import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { parseEmail, parsePhone, parseText } from '../../core/contact-details.js';
import type { Profile } from '../../store/settings.js';

/** Ask for the complainant's details, every answer validated inline. */
export async function askProfile(context: Context, current?: Profile): Promise<Profile> {
  const prompts = await context.prompts();
  const { t } = context;
  const name = await prompts.text({ message: t('prompt.profile.name'), required: true, default: current?.name, validate: (v) => parseText(v, 'name', 100) });
  const phone = await prompts.text({ message: t('prompt.profile.phone'), required: true, default: current?.phone, validate: parsePhone });
  const address = await prompts.text({ message: t('prompt.profile.address'), required: true, default: current?.address, validate: (v) => parseText(v, 'address', 300) });
  const email = await prompts.text({ message: t('prompt.profile.email'), default: current?.email, validate: parseEmail });
  return { name, phone: parsePhone(phone), address, ...(email ? { email: parseEmail(email) } : {}) };
}

/**
 * The complainant profile for a command that needs one. In a TTY the first such command asks for it
 * and saves it; otherwise a missing profile is a usage error that says how to set it.
 */
export async function requireProfile(context: Context): Promise<Profile> {
  const settings = await context.settings();
  const existing = settings.profile();
  if (existing) return existing;
  if (!context.interactive) throw new UsageError('profile.missing', {}, 'profile.hint.set');
  context.out.info(context.t('profile.firstUse'));
  const profile = await askProfile(context);
  settings.setProfile(profile);
  context.out.success(context.t('profile.saved', { path: settings.path }));
  return profile;
}
