import type { Command } from 'commander';
import type { Context } from '../context.js';
import { parseWebUrl } from '../core/contact-details.js';
import { UsageError } from '../errors.js';

type Action = 'demo' | 'new' | 'list' | 'show' | 'next' | 'capture' | 'letter' | 'bundle' | 'due' | 'profile' | 'help';

/** Which case a menu action is for: the only case, or one picked from the list. */
async function pickCase(context: Context): Promise<string | undefined> {
  const { cases } = await (await context.store()).loadAll();
  const open = cases.filter((c) => !c.resolution);
  const candidates = open.length > 0 ? open : cases;
  if (candidates.length === 0) {
    context.out.info(context.t('list.empty'));
    return undefined;
  }
  if (candidates.length === 1) return candidates[0]!.id;
  const prompts = await context.prompts();
  return prompts.select({
    message: context.t('menu.whichCase'),
    choices: candidates.map((c) => ({ value: c.id, name: `${c.id}  ${c.platform.name}  ${c.order.number}  ${c.order.product}` })),
    default: candidates.at(-1)!.id,
  });
}

/** `weiquan` alone: a menu of the job's steps in a terminal, the help otherwise. */
export async function run(context: Context, unknown: string | undefined, _options: unknown, command?: Command): Promise<void> {
  if (unknown !== undefined) throw new UsageError('usage.unknownCommand', { command: unknown }, 'usage.hint');
  if (!context.interactive) {
    context.out.print(command?.helpInformation() ?? '');
    return;
  }
  const { t } = context;
  const prompts = await context.prompts();
  const actions: Action[] = ['new', 'capture', 'next', 'letter', 'bundle', 'show', 'list', 'due', 'profile', 'demo', 'help'];
  const choice = await prompts.select<Action>({
    message: t('menu.question'),
    choices: actions.map((value) => ({ value, name: t(`menu.${value}`) })),
  });
  switch (choice) {
    case 'new':
      return (await import('./new.js')).run(context, {});
    case 'list':
      return (await import('./list.js')).run(context);
    case 'due':
      return (await import('./due.js')).run(context, {});
    case 'profile':
      return (await import('./profile-set.js')).run(context, {});
    case 'demo':
      return (await import('./demo.js')).run(context, {});
    case 'help':
      context.out.info(command?.helpInformation() ?? '');
      return;
    default: {
      const id = await pickCase(context);
      if (!id) return;
      if (choice === 'show') return (await import('./show.js')).run(context, id);
      if (choice === 'next') return (await import('./next.js')).run(context, id, {});
      if (choice === 'letter') return (await import('./letter.js')).run(context, id, {});
      if (choice === 'bundle') return (await import('./bundle.js')).run(context, id, {});
      const url = await prompts.text({ message: t('menu.captureUrl'), required: true, validate: parseWebUrl });
      return (await import('./capture.js')).run(context, id, [url], {});
    }
  }
}
