import type { Context } from '../context.js';
import type { Filing } from '../core/case-model.js';
import { parseLocalTime, toZonedIso } from '../core/time.js';
import { InputError } from '../errors.js';
import { optionalText, requireAfterOrder } from '../core/contact-input.js';

type Options = { at?: string; complaintNo?: string; authority?: string };

/** Record a complaint filed with 12315 / a 市场监督管理局 (or a consumer association, which starts mediation). */
export async function run(context: Context, reference: string, options: Options): Promise<void> {
  const store = await context.store();
  const target = await store.resolve(reference);
  if (options.at === undefined || options.at.trim() === '') throw new InputError('input.missingFlags', { flags: '--at' });
  const at = parseLocalTime(options.at, target.timeZone, context.now());
  requireAfterOrder(at, target, '--at');
  const complaintNo = optionalText(options.complaintNo, '--complaint-no', 64, { oneLine: true });
  if (complaintNo && /[\r\n]/.test(complaintNo)) throw new InputError('input.filing.complaintNo', { value: complaintNo });
  const authority = optionalText(options.authority, '--authority', 200);
  const filing: Filing = {
    at,
    ...(complaintNo ? { complaintNo } : {}),
    ...(authority ? { authority } : {}),
    recordedAt: toZonedIso(context.now(), target.timeZone),
  };
  const updated = await store.mutate(target.id, () => context.now(), () => ({ type: 'filing.recorded', data: filing }));
  context.out.result({ case: updated.id, filing }, () => '');
  context.out.success(context.t('filed.done', { case: updated.id }));
}
