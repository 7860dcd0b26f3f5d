import type { Command } from 'commander';
import type { Context } from '../context.js';

/** `weiquan` alone: a menu in a terminal, the help otherwise. */
export async function run(context: Context, _options: unknown, command?: Command): Promise<void> {
  if (!context.interactive) {
    context.out.print(command?.helpInformation() ?? '');
    return;
  }
  const prompts = await context.prompts();
  const choice = await prompts.select({
    message: context.t('menu.question'),
    choices: [
      { value: 'new', name: context.t('menu.new') },
      { value: 'list', name: context.t('menu.list') },
      { value: 'profile', name: context.t('menu.profile') },
      { value: 'help', name: context.t('menu.help') },
    ],
  });
  if (choice === 'new') await (await import('./new.js')).run(context, {});
  else if (choice === 'list') await (await import('./list.js')).run(context);
  else if (choice === 'profile') await (await import('./profile-set.js')).run(context, {});
  else context.out.info(command?.helpInformation() ?? '');
}
