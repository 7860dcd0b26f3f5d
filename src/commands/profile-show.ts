import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { printProfile } from '../ui/case-view.js';

export async function run(context: Context): Promise<void> {
  const profile = (await context.settings()).profile();
  if (!profile) throw new UsageError('profile.missing', {}, 'profile.hint.set');
  context.out.result(profile, () => printProfile(context, profile));
}
