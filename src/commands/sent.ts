import type { Context } from '../context.js';
import { type LetterSent, SENT_CHANNELS, type SentChannel } from '../core/case-model.js';
import { parseLocalTime, toZonedIso } from '../core/time.js';
import { InputError } from '../errors.js';
import { optionalText, parseTimeOrDuration, requireAfterOrder } from '../core/contact-input.js';

type Options = { at?: string; replyBy?: string; channel?: string; reference?: string };

const CHANNEL_ALIASES: Record<string, SentChannel> = { 'e-mail': 'email', 邮件: 'email', 电子邮件: 'email', 邮寄: 'post', 快递: 'post', 挂号信: 'post', 'in-app': 'app', 'app-chat': 'app' };

function parseSentChannel(raw: string | undefined): SentChannel | undefined {
  if (raw === undefined) return undefined;
  const text = raw.trim().toLowerCase();
  if ((SENT_CHANNELS as readonly string[]).includes(text)) return text as SentChannel;
  const alias = CHANNEL_ALIASES[text];
  if (alias) return alias;
  throw new InputError('input.sentChannel.invalid', { value: raw, allowed: SENT_CHANNELS.join('|') });
}

/**
 * Record that the written complaint was sent, how (--channel email|post|app), the proof (--reference: 快递单号,
 * the e-mail), and the reply date it set (a time, or e.g. 3d from --at). The same --at again adds the proof to
 * that letter instead of recording a second one.
 */
export async function run(context: Context, reference: string, options: Options): Promise<void> {
  const channel = parseSentChannel(options.channel);
  const proof = optionalText(options.reference, '--reference', 200);
  if (proof && /[\r\n]/.test(proof)) throw new InputError('input.sent.reference', { value: proof });
  const store = await context.store();
  const target = await store.resolve(reference);
  if (options.at === undefined || options.at.trim() === '') throw new InputError('input.missingFlags', { flags: '--at' });
  const now = context.now();
  const zone = target.timeZone;
  const at = parseLocalTime(options.at, zone, now);
  requireAfterOrder(at, target, '--at');
  const same = target.lettersSent.find((l) => Date.parse(l.at) === Date.parse(at));
  // Without --reply-by: the letter already recorded keeps its date; a new one takes the latest generated letter's.
  const stated = same ? same.replyBy : [...target.documents].reverse().find((d) => d.document === 'letter' && d.replyBy)?.replyBy;
  const replyBy = options.replyBy !== undefined && options.replyBy.trim() !== '' ? parseTimeOrDuration(options.replyBy, '--reply-by', zone, at, now) : stated;
  const letter: LetterSent = {
    at,
    ...(replyBy ? { replyBy } : {}),
    ...(channel ? { channel } : {}),
    ...(proof ? { reference: proof } : {}),
    recordedAt: toZonedIso(now, zone),
  };
  const updated = await store.mutate(target.id, () => context.now(), () => ({ type: 'letter.sent', data: letter }));
  context.out.result({ case: updated.id, letter }, () => '');
  context.out.success(context.t(same ? 'sent.updated' : 'sent.done', { case: updated.id }));
  if (!replyBy) context.out.warn(context.t('sent.noReplyBy', { case: updated.id, at: options.at.trim() }));
}
