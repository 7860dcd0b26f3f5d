/**
 * The time-stamp authorities to ask: --tsa flags, else the `tsa` setting. There is no default: weiquan never
 * contacts a TSA the user did not name.
 */
import { InputError } from '../errors.js';

/** One TSA address: http(s) only, no credentials in it (they would be stored in the case). */
export function parseTsaUrl(raw: string): string {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputError('stamp.badUrl', { value: raw });
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username !== '' || url.password !== '') throw new InputError('stamp.badUrl', { value: raw });
  return url.toString();
}

/** The `tsa` setting as typed: addresses separated by spaces or commas. */
export function parseTsaList(raw: string): string[] {
  const parts = raw.split(/[\s,]+/).filter((part) => part !== '');
  if (parts.length === 0) throw new InputError('stamp.badUrl', { value: raw });
  return [...new Set(parts.map(parseTsaUrl))];
}

/** Flags win over the setting; neither → undefined (the caller says how to choose one). */
export function chooseTsas(flags: readonly string[] | undefined, setting: string | undefined): string[] | undefined {
  if (flags && flags.length > 0) return [...new Set(flags.map(parseTsaUrl))];
  if (setting && setting.trim() !== '') return parseTsaList(setting);
  return undefined;
}
