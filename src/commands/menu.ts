import type { Command } from 'commander';
import type { Context } from '../context.js';
import { parseWebUrl } from '../core/contact-details.js';
import { DRAFT_ROUTES, FILING_ROUTES, SENT_CHANNELS } from '../core/enums.js';
import { formatLocalTime } from '../core/time.js';
import { Cancelled, isWeiquanError, UsageError } from '../errors.js';

/** Every step of the job, in the order of the job; `switch` and `quit` are the menu's own. */
const ACTIONS = [
  'next', 'show', 'new', 'capture', 'evidence', 'contact', 'sent', 'letter', 'bundle', 'filed', 'draft', 'authorize', 'resolve',
  'due', 'list', 'switch', 'profile', 'demo', 'help', 'quit',
] as const;
type Action = (typeof ACTIONS)[number];

/** The actions that work on one case. */
const CASE_ACTIONS = new Set<Action>(['next', 'show', 'capture', 'evidence', 'contact', 'sent', 'letter', 'bundle', 'filed', 'draft', 'authorize', 'resolve']);

/** Which case the menu works on: the only open case, or one picked from the list. */
async function pickCase(context: Context, current?: string): Promise<string | undefined> {
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
    default: current ?? candidates.at(-1)!.id,
  });
}

async function highestCaseId(context: Context): Promise<string | undefined> {
  const { cases } = await (await context.store()).loadAll();
  return [...cases].sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1))).at(-1)?.id;
}

/** A time to record, asked with now as the default. */
async function askTime(context: Context, id: string): Promise<string> {
  const record = await (await context.store()).resolve(id);
  const now = formatLocalTime(context.now().toISOString(), record.timeZone);
  return (await context.prompts()).text({ message: context.t('menu.at'), default: now, required: true });
}

/** Run one action; the values a flag would give are asked here, the rest by the command itself. */
async function runAction(context: Context, action: Action, id: string): Promise<void> {
  const { t } = context;
  const prompts = await context.prompts();
  const optional = async (message: string) => (await prompts.text({ message: `${message}${t('prompt.optional')}` })).trim() || undefined;
  switch (action) {
    case 'next':
      return (await import('./next.js')).run(context, id, {});
    case 'show':
      return (await import('./show.js')).run(context, id);
    case 'capture': {
      const url = await prompts.text({ message: t('menu.captureUrl'), required: true, validate: parseWebUrl });
      return (await import('./capture.js')).run(context, id, [url], {});
    }
    case 'evidence': {
      const file = await prompts.text({ message: t('menu.evidenceFile'), required: true });
      return (await import('./evidence-add.js')).run(context, id, [file.trim()], {});
    }
    case 'contact':
      return (await import('./contact.js')).run(context, id, {});
    case 'sent': {
      const at = await askTime(context, id);
      const channel = await prompts.select({ message: t('menu.sentChannel'), choices: [...SENT_CHANNELS.map((c) => ({ value: c, name: t(`sentChannel.${c}`) })), { value: '', name: t('menu.skip') }] });
      const reference = channel ? await optional(t('flag.sentReference')) : undefined;
      return (await import('./sent.js')).run(context, id, { at, ...(channel ? { channel } : {}), ...(reference ? { reference } : {}) });
    }
    case 'letter':
      return (await import('./letter.js')).run(context, id, {});
    case 'bundle':
      return (await import('./bundle.js')).run(context, id, {});
    case 'filed': {
      const route = await prompts.select({ message: t('menu.route'), choices: FILING_ROUTES.map((r) => ({ value: r, name: t(`route.${r}`) })) });
      const at = await askTime(context, id);
      const reference = await optional(t('flag.filingReference'));
      const authority = route === 'regulator' || route === 'consumer-association' ? await optional(t('flag.authority')) : undefined;
      return (await import('./filed.js')).run(context, id, { route, at, ...(reference ? { reference } : {}), ...(authority ? { authority } : {}) });
    }
    case 'draft': {
      const route = await prompts.select({ message: t('menu.route'), choices: DRAFT_ROUTES.map((r) => ({ value: r, name: t(`route.${r}`) })) });
      return (await import('./draft.js')).run(context, id, { for: route });
    }
    case 'authorize':
      return (await import('./authorize.js')).run(context, id, {});
    case 'resolve':
      return (await import('./resolve.js')).run(context, id, {});
  }
}

/** An action's failure is shown and the menu goes on; only Ctrl-C (or quit) leaves it. */
function report(context: Context, error: unknown): void {
  if (!isWeiquanError(error)) throw error;
  const text = context.t(error.key, error.params);
  const flag = typeof error.params.flag === 'string' ? error.params.flag : undefined;
  context.out.error(flag && !text.includes(flag) ? `${flag}: ${text}` : text);
  if (error.hintKey) context.out.info(context.t(error.hintKey, error.hintParams));
}

/**
 * `weiquan` alone: in a terminal, a menu of every step of the job that returns after each action until the user
 * quits; the case is picked once (and again only on `switch`). Without a terminal: the help.
 */
export async function run(context: Context, unknown: string | undefined, _options: unknown, command?: Command): Promise<void> {
  if (unknown !== undefined) throw new UsageError('usage.unknownCommand', { command: unknown }, 'usage.hint');
  if (!context.interactive) {
    context.out.print(command?.helpInformation() ?? '');
    return;
  }
  const { t } = context;
  const prompts = await context.prompts();
  let current: string | undefined;
  let last: Action = 'next';
  for (;;) {
    const choice: Action = await prompts.select<Action>({
      message: current ? t('menu.questionCase', { case: current }) : t('menu.question'),
      choices: ACTIONS.map((value) => ({ value, name: t(`menu.${value}`) })),
      default: last,
      pageSize: ACTIONS.length,
    });
    last = choice;
    if (choice === 'quit') return;
    try {
      switch (choice) {
        case 'new':
          await (await import('./new.js')).run(context, {});
          current = await highestCaseId(context); // the case just logged is the one to work on
          break;
        case 'list':
          await (await import('./list.js')).run(context, {});
          break;
        case 'due':
          await (await import('./due.js')).run(context, {});
          break;
        case 'profile':
          await (await import('./profile-set.js')).run(context, {});
          break;
        case 'demo':
          await (await import('./demo.js')).run(context, {});
          break;
        case 'help':
          context.out.info(command?.helpInformation() ?? '');
          break;
        case 'switch':
          current = (await pickCase(context, current)) ?? current;
          break;
        default:
          if (CASE_ACTIONS.has(choice)) {
            current ??= await pickCase(context);
            if (current) await runAction(context, choice, current);
          }
      }
    } catch (error) {
      if (error instanceof Cancelled) throw error;
      report(context, error);
    }
    context.out.info('');
  }
}
