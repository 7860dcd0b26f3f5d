import type { Context } from '../context.js';
import { CATEGORIES, type CaseFacts } from '../core/case-model.js';
import { buildCaseFacts, ORDER_FIELDS, type OrderField, parseField, type RawOrderInput, rawOrderInput } from '../core/order-fields.js';
import { PROMISE_PRESETS } from '../core/promise.js';
import { formatLocalTime, isValidTimeZone, toZonedIso } from '../core/time.js';
import type { Complainant } from '../core/case-model.js';
import { complainantOf } from '../core/client.js';
import { InputError, UsageError } from '../errors.js';
import { clientStore } from './shared/client.js';
import { printCaseSummary } from '../ui/case-view.js';
import { orderDefaults } from './shared/order-defaults.js';
import { requireProfile } from './shared/profile.js';

type Options = Record<string, string | undefined> & { timeZone?: string; client?: string; from?: string };

/** --time-zone (checked), else the timeZone setting, else Asia/Shanghai: context.config.timeZone. */
function chooseTimeZone(context: Context): string {
  const { value, from } = context.config.timeZone;
  if (from === 'flag' && !isValidTimeZone(value)) throw new InputError('input.timeZone.invalid', { value, flag: '--time-zone' });
  return value;
}

/** Typed at an optional prompt that shows a value in brackets: leave the field empty instead. */
const SKIP = '-';

/** Ask every order field in turn, validating each answer with the same parser the flags use. */
export async function askOrder(context: Context, zone: string): Promise<RawOrderInput> {
  const prompts = await context.prompts();
  const { t } = context;
  const environment = { zone, now: context.now() };
  const defaults = orderDefaults(context);
  const raw: RawOrderInput = {};
  const ask = async (field: OrderField) => {
    const isChoice = field.kind === 'category' || field.kind === 'promise';
    const fallback =
      field.flag === 'status' ? defaults.status
      : field.flag === 'demand' ? defaults.demand
      : field.flag === 'ordered-at' ? formatLocalTime(toZonedIso(environment.now, zone), zone)
      : field.flag === 'paid-at' && raw['ordered-at'] ? raw['ordered-at']
      : undefined;
    // status and demand always hold a value (the case's defaults); another optional field that shows a value in
    // brackets (the payment time) takes it on Enter and is left empty with "-"
    const alwaysSet = field.flag === 'status' || field.flag === 'demand';
    const optional = !field.required && !isChoice && !alwaysSet;
    const hint = alwaysSet ? t('prompt.enterTakesDefault') : !optional ? '' : fallback !== undefined ? t('prompt.optionalWithDefault') : t('prompt.optional');
    const message = `${t(`prompt.${field.flag}`)}${hint}`;
    if (field.kind === 'category') {
      return prompts.select({ message, choices: CATEGORIES.map((c) => ({ value: c, name: t(`category.${c}`) })) });
    }
    if (field.kind === 'promise') {
      const choice = await prompts.select({
        message,
        default: 'none',
        choices: [...PROMISE_PRESETS.map((p) => ({ value: p as string, name: t(`promise.${p}`) })), { value: 'custom', name: t('promise.custom') }],
      });
      if (choice !== 'custom') return choice;
      return prompts.text({ message: t('prompt.promise.custom'), required: true, validate: (v) => parseField(field, v, environment) });
    }
    const answer = await prompts.text({ message, required: field.required, default: fallback, validate: (v) => (optional && v.trim() === SKIP ? true : parseField(field, v, environment)) });
    return optional && answer.trim() === SKIP ? '' : answer;
  };
  for (const field of ORDER_FIELDS) {
    if (field.wizard === false) continue;
    const answer = await ask(field);
    if (answer !== '') raw[field.flag] = answer;
  }
  return raw;
}

/** `--client NAME|ID`: what the case records of that client. */
async function complainantFor(context: Context, reference: string | undefined): Promise<Complainant | undefined> {
  if (reference === undefined) return undefined;
  return complainantOf((await clientStore(context)).resolve(reference));
}

export async function run(context: Context, options: Options): Promise<void> {
  const zone = chooseTimeZone(context);
  let raw = rawOrderInput(options);
  const complainant = await complainantFor(context, options.client);
  if (options.from !== undefined) {
    if (Object.keys(raw).length > 0) throw new UsageError('batch.conflict', { flags: Object.keys(raw).map((f) => `--${f}`).join(' ') });
    const { intakeBatch } = await import('./shared/batch-intake.js');
    await intakeBatch(context, options.from, { zone, defaults: orderDefaults(context), ...(complainant ? { complainant } : {}) });
    return;
  }
  const wizard = Object.keys(raw).length === 0 && context.interactive;
  let facts: CaseFacts;
  if (wizard) {
    if (!complainant) await requireProfile(context);
    context.out.info(context.t('new.wizard.intro'));
    raw = await askOrder(context, zone);
    facts = buildCaseFacts(raw, { zone, now: context.now() }, orderDefaults(context));
    context.out.info(printCaseSummary(context, { id: '—', ...facts }));
    const prompts = await context.prompts();
    if (!(await prompts.confirm({ message: context.t('new.confirm'), default: true }))) {
      context.out.info(context.t('new.discarded'));
      return;
    }
  } else {
    facts = buildCaseFacts(raw, { zone, now: context.now() }, orderDefaults(context));
  }
  if (complainant) facts = { ...facts, complainant };
  const store = await context.store();
  const created = await store.create(facts, context.now());
  context.out.result(created, () => created.id);
  context.out.success(context.t('new.created', { id: created.id, order: created.order.number }));
  const { orderEntries } = await import('../store/case-index.js');
  const twins = (await orderEntries(store)).filter((c) => c.id !== created.id && c.order === created.order.number).map((c) => c.id);
  if (twins.length > 0) context.out.warn(context.t('new.duplicateOrder', { order: created.order.number, ids: twins.join(', '), id: created.id }));
  if (!context.json) context.out.info(context.t('new.next', { id: created.id }));
}
