import type { Context } from '../context.js';
import { OUTCOMES, type Outcome } from '../core/case-model.js';
import { formatLocalTime, parseLocalTime, toZonedIso } from '../core/time.js';
import { InputError } from '../errors.js';

type Options = { outcome?: string; note?: string; at?: string };

export async function run(context: Context, reference: string, options: Options): Promise<void> {
  const store = await context.store();
  const target = await store.resolve(reference);
  let outcome = options.outcome as Outcome | undefined;
  let note = options.note;
  if (!outcome) {
    if (!context.interactive) throw new InputError('input.missingFlags', { flags: '--outcome' });
    const prompts = await context.prompts();
    outcome = await prompts.select({ message: context.t('prompt.outcome'), choices: OUTCOMES.map((o) => ({ value: o, name: context.t(`outcome.${o}`) })) });
    note ??= (await prompts.text({ message: `${context.t('prompt.note')}${context.t('prompt.optional')}` })) || undefined;
  }
  const at = options.at ? parseLocalTime(options.at, target.timeZone, context.now()) : toZonedIso(context.now(), target.timeZone);
  if (target.resolution) {
    context.out.warn(context.t('resolve.replacing', { id: target.id, outcome: context.t(`outcome.${target.resolution.outcome}`), at: formatLocalTime(target.resolution.at, target.timeZone) }));
  }
  const updated = await store.mutate(target.id, () => context.now(), () => ({
    type: 'case.resolved',
    data: { outcome: outcome!, at, ...(note ? { note } : {}) },
  }));
  context.out.result(updated, () => '');
  context.out.success(context.t('resolve.done', { id: updated.id, outcome: context.t(`outcome.${outcome}`) }));
}
