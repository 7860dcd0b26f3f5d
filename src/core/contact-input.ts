/** Parsing of what contact, filed and sent are told: channels, promised times, evidence references, free text. */
import { type Case, CONTACT_CHANNELS, type ContactChannel } from './case-model.js';
import { parseDuration } from './duration.js';
import { toHalfWidth } from './text-normalize.js';
import { DateTime, formatLocalTime, parseLocalTime } from './time.js';
import { refuseLineBreaks } from './contact-details.js';
import { InputError } from '../errors.js';

const CHANNEL_ALIASES: Record<string, ContactChannel> = {
  app: 'app-chat',
  chat: 'app-chat',
  在线客服: 'app-chat',
  app客服: 'app-chat',
  电话: 'phone',
  微信: 'wechat',
  企业微信: 'wechat',
  邮件: 'email',
  电子邮件: 'email',
  'e-mail': 'email',
  工单: 'ticket-form',
  ticket: 'ticket-form',
  其他: 'other',
};

export function parseChannel(raw: string): ContactChannel {
  const text = toHalfWidth(raw).trim().toLowerCase();
  if ((CONTACT_CHANNELS as readonly string[]).includes(text)) return text as ContactChannel;
  const alias = CHANNEL_ALIASES[text];
  if (alias) return alias;
  throw new InputError('input.channel.invalid', { value: raw, allowed: CONTACT_CHANNELS.join(', ') });
}

/**
 * A time ("2026-11-25 18:00", may be in the future) or a duration ("24h", "3d") counted from `base`;
 * never before `base`.
 */
export function parseTimeOrDuration(raw: string, flag: string, zone: string, base: string, now: Date): string {
  const minutes = parseDuration(raw);
  let iso: string;
  if (minutes !== undefined) {
    iso = DateTime.fromISO(base, { setZone: true }).setZone(zone).plus({ minutes }).toISO({ suppressMilliseconds: true })!;
  } else {
    try {
      iso = parseLocalTime(raw, zone, now, { allowFuture: true });
    } catch (error) {
      if (error instanceof InputError && error.key !== 'input.time.impossible') throw new InputError('input.promisedBy.invalid', { flag, value: raw });
      throw error;
    }
  }
  if (Date.parse(iso) < Date.parse(base)) {
    throw new InputError('input.promisedBy.beforeAt', { flag, value: formatLocalTime(iso, zone), at: formatLocalTime(base, zone) });
  }
  return iso;
}

/** A contact, letter or filing about the order cannot come before the order itself. */
export function requireAfterOrder(iso: string, record: Case, flag: string): void {
  if (Date.parse(iso) < Date.parse(record.order.orderedAt)) {
    throw new InputError('input.beforeOrder', { flag, value: formatLocalTime(iso, record.timeZone), ordered: formatLocalTime(record.order.orderedAt, record.timeZone) });
  }
}

/** "e3", "E3,E4" or repeated flags → existing evidence ids of the case; an unknown id is an input error. */
export function parseEvidenceRefs(values: readonly string[], record: Case): string[] {
  const ids = values
    .flatMap((v) => toHalfWidth(v).split(/[,，\s]+/))
    .map((v) => v.trim().toUpperCase())
    .filter((v) => v !== '');
  const known = new Set(record.evidence.map((e) => e.id));
  for (const id of ids) {
    if (!known.has(id)) {
      throw new InputError('input.evidence.unknown', { case: record.id, value: id, existing: known.size > 0 ? [...known].join(', ') : '—' });
    }
  }
  return [...new Set(ids)];
}

/** An optional free-text flag: trimmed, length-limited, absent when empty. */
export function optionalText(raw: string | undefined, flag: string, max = 500, options: { oneLine?: boolean } = {}): string | undefined {
  if (raw === undefined) return undefined;
  const text = raw.trim();
  if (text === '') return undefined;
  if (text.length > max) throw new InputError('input.text.tooLong', { field: flag, max });
  if (options.oneLine) refuseLineBreaks(text, flag);
  return text;
}
