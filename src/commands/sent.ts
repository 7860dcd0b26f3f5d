import type { Context } from '../context.js';
import type { LetterSent } from '../core/case-model.js';
import { parseLocalTime, toZonedIso } from '../core/time.js';
import { InputError } from '../errors.js';
import { parseTimeOrDuration, requireAfterOrder } from '../core/contact-input.js';

type Options = { at?: string; replyBy?: string };

/** Record that the written complaint was sent, and the reply date it set (a time, or e.g. 3d from --at). */
export async function run(context: Context, reference: string, options: Options): Promise<void> {
  const store = await context.store();
  const target = await store.resolve(reference);
  if (options.at === undefined || options.at.trim() === '') throw new InputError('input.missingFlags', { flags: '--at' });
  const now = context.now();
  const zone = target.timeZone;
  const at = parseLocalTime(options.at, zone, now);
  requireAfterOrder(at, target, '--at');
  // Without --reply-by, the reply date is the one the latest generated letter states.
  const stated = [...target.documents].reverse().find((d) => d.document === 'letter' && d.replyBy)?.replyBy;
  const replyBy = options.replyBy !== undefined && options.replyBy.trim() !== '' ? parseTimeOrDuration(options.replyBy, '--reply-by', zone, at, now) : stated;
  const letter: LetterSent = { at, ...(replyBy ? { replyBy } : {}), recordedAt: toZonedIso(now, zone) };
  const updated = await store.mutate(target.id, () => context.now(), () => ({ type: 'letter.sent', data: letter }));
  context.out.result({ case: updated.id, letter }, () => '');
  context.out.success(context.t('sent.done', { case: updated.id }));
  if (!replyBy) context.out.warn(context.t('sent.noReplyBy', { case: updated.id, at: options.at.trim() }));
}
