import type { Context } from '../context.js';
import { type CaseEvent, diffFields, type EditableField } from '../core/case-events.js';
import type { Complainant } from '../core/case-model.js';
import { complainantOf } from '../core/client.js';
import { clientStore } from './shared/client.js';
import { PLATFORM_STATUSES } from '../core/case-model.js';
import { checkDelivered, ORDER_FIELDS, parseField, rawOrderInput } from '../core/order-fields.js';
import { isValidTimeZone } from '../core/time.js';
import { InputError, UsageError } from '../errors.js';
import { printCaseSummary } from '../ui/case-view.js';

type Options = Record<string, string | undefined> & { timeZone?: string; client?: string; platformStatus?: string };

/** The ladder's fact beside the order's: whether the platform vanished (its site and customer service gone). */
function ladderFacts(options: Options): Partial<Record<EditableField, string | null>> {
  const proposed: Partial<Record<EditableField, string | null>> = {};
  if (options.platformStatus !== undefined) {
    const status = options.platformStatus.trim().toLowerCase();
    if (status === '') proposed['platform.status'] = null;
    else if ((PLATFORM_STATUSES as readonly string[]).includes(status)) proposed['platform.status'] = status;
    else throw new InputError('input.platformStatus.invalid', { value: options.platformStatus, allowed: PLATFORM_STATUSES.join('|') });
  }
  return proposed;
}

export async function run(context: Context, reference: string, options: Options): Promise<void> {
  const raw = rawOrderInput(options);
  const ladder = ladderFacts(options);
  if (Object.keys(raw).length === 0 && options.timeZone === undefined && options.client === undefined && Object.keys(ladder).length === 0) {
    throw new UsageError('edit.nothing', { flags: [...ORDER_FIELDS.map((f) => `--${f.flag}`), '--time-zone', '--client', '--platform-status'].join(' ') });
  }
  if (options.timeZone !== undefined && !isValidTimeZone(options.timeZone)) {
    throw new InputError('input.timeZone.invalid', { value: options.timeZone, flag: '--time-zone' });
  }
  // --client NAME|ID: that client becomes the complainant; "profile" (or empty): back to the profile
  let complainant: Complainant | null | undefined;
  if (options.client !== undefined) {
    const wanted = options.client.trim();
    complainant = wanted === '' || wanted.toLowerCase() === 'profile' ? null : complainantOf((await clientStore(context)).resolve(wanted));
  }
  const store = await context.store();
  const target = await store.resolve(reference);
  let changedFields: string[] = [];
  const updated = await store.mutate(target.id, () => context.now(), (current) => {
    const zone = options.timeZone ?? current.timeZone;
    const proposed: Partial<Record<EditableField, string | number | null>> = {};
    for (const field of ORDER_FIELDS) {
      const text = raw[field.flag];
      if (text === undefined) continue;
      // An empty value clears an optional field; a required one cannot be cleared.
      if (text.trim() === '') {
        if (field.required) throw new InputError('input.text.empty', { field: `--${field.flag}` });
        proposed[field.path] = null;
      } else proposed[field.path] = parseField(field, text, { zone, now: context.now() });
    }
    if (options.timeZone !== undefined) proposed.timeZone = options.timeZone;
    const delivered = proposed['order.deliveredFen'] === undefined ? current.order.deliveredFen : proposed['order.deliveredFen'];
    checkDelivered((delivered ?? undefined) as number | undefined, (proposed['order.amountFen'] as number | undefined) ?? current.order.amountFen);
    Object.assign(proposed, ladder);
    const changes = diffFields(current, proposed);
    changedFields = Object.keys(changes);
    const events: CaseEvent[] = changedFields.length === 0 ? [] : [{ type: 'case.edited', data: { changes } }];
    if (complainant !== undefined && JSON.stringify(complainant ?? undefined) !== JSON.stringify(current.complainant)) {
      events.push({ type: 'complainant.changed', data: { complainant } });
      changedFields.push('complainant');
    }
    return events;
  });
  context.out.result(updated, () => printCaseSummary(context, updated));
  if (changedFields.length === 0) context.out.info(context.t('edit.unchanged', { id: updated.id }));
  else context.out.success(context.t('edit.done', { id: updated.id, fields: changedFields.join(', ') }));
}
