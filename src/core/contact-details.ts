import { InputError } from '../errors.js';
import { toHalfWidth } from './text-normalize.js';

/** http(s) URLs only: a javascript: or file: URL never enters a case or a document. */
export function parseWebUrl(raw: string): string {
  const text = toHalfWidth(raw);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputError('input.url.invalid', { value: raw });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InputError('input.url.scheme', { value: raw });
  if (!url.hostname) throw new InputError('input.url.invalid', { value: raw });
  return url.toString();
}

/**
 * Mainland China phone numbers: mobiles (1[3-9] + 9 digits, optional +86) and landlines
 * (area code 0xx/0xxx, 7–8 digits, optional extension). Returns a normalised form.
 */
export function parsePhone(raw: string): string {
  const text = toHalfWidth(raw).replace(/[\s()（）]/g, '');
  const mobile = /^(?:\+?86-?)?(1[3-9]\d)-?(\d{4})-?(\d{4})$/.exec(text);
  if (mobile) return `${mobile[1]}${mobile[2]}${mobile[3]}`;
  // Area codes: 010 and 02x have three digits, all others four (0571, 0755 …).
  const landline = /^(0[12]\d|0[3-9]\d{2})-?([2-9]\d{6,7})(?:(?:-|转|ext\.?)(\d{1,6}))?$/i.exec(text.replace(/^\+?86-?/, '0').replace(/^00/, '0'));
  if (landline) return `${landline[1]}-${landline[2]}${landline[3] ? `-${landline[3]}` : ''}`;
  throw new InputError('input.phone.invalid', { value: raw });
}

export function parseEmail(raw: string): string {
  const text = toHalfWidth(raw);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text) || text.length > 254) throw new InputError('input.email.invalid', { value: raw });
  return text;
}

/** A free-text field that must not be empty; `max` guards against pasted novels. */
export function parseText(raw: string, field: string, max = 500, options: { oneLine?: boolean } = {}): string {
  const text = raw.trim();
  if (text === '') throw new InputError('input.text.empty', { field });
  if (text.length > max) throw new InputError('input.text.tooLong', { field, max });
  if (options.oneLine) refuseLineBreaks(text, field);
  return text;
}

/** One-line fields (order number, ticket …) may not hold a line break: it would forge a line of output. */
export function refuseLineBreaks(text: string, field: string): void {
  if (/[\r\n\u2028\u2029\u0085]/.test(text)) throw new InputError('input.text.newline', { field });
}
