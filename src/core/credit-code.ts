/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet (no I, O, S, V, Z); the last
 * is a check character over the first 17 (weights 3^i mod 31, check = 31 − sum mod 31, 31 → 0).
 */
import { InputError } from '../errors.js';
import { toHalfWidth } from './text-normalize.js';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeCheck =
  | { valid: true; code: string }
  | { valid: false; code: string; reason: 'length' | 'characters' | 'check-digit'; expected?: string };

/** The check character the first 17 characters call for, or undefined when one of them is not in the alphabet. */
export function creditCodeCheckCharacter(first17: string): string | undefined {
  let sum = 0;
  for (let index = 0; index < 17; index++) {
    const value = ALPHABET.indexOf(first17[index] ?? '');
    if (value < 0) return undefined;
    sum += value * WEIGHTS[index]!;
  }
  const check = (31 - (sum % 31)) % 31;
  return ALPHABET[check];
}

/** Check a code as typed or found (spaces dropped, letters upper-cased). */
export function checkCreditCode(raw: string): CreditCodeCheck {
  const code = raw.replace(/\s+/g, '').toUpperCase();
  if (code.length !== 18) return { valid: false, code, reason: 'length' };
  if ([...code].some((character) => !ALPHABET.includes(character))) return { valid: false, code, reason: 'characters' };
  const expected = creditCodeCheckCharacter(code.slice(0, 17))!;
  if (code[17] !== expected) return { valid: false, code, reason: 'check-digit', expected };
  return { valid: true, code };
}

/** Read a typed credit code (spaces, hyphens and full-width characters allowed); throws naming what is wrong. */
export function parseCreditCode(raw: string): string {
  const checked = checkCreditCode(toHalfWidth(raw).replace(/-/g, ''));
  if (checked.valid) return checked.code;
  if (checked.reason === 'length') throw new InputError('input.creditCode.length', { value: raw, length: checked.code.length });
  if (checked.reason === 'characters') {
    throw new InputError('input.creditCode.character', { value: raw, character: [...checked.code].find((c) => !ALPHABET.includes(c)) ?? '' });
  }
  throw new InputError('input.creditCode.check', { value: raw });
}
