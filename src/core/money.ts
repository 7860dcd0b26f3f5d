import { InputError } from '../errors.js';
import { toHalfWidth } from './text-normalize.js';

/** The largest amount accepted: 1,000,000 yuan, in fen. */
export const MAX_AMOUNT_FEN = 100_000_000;

const CURRENCY_MARKS = /^(?:¥|￥|RMB|CNY)\s*|\s*(?:元|RMB|CNY)$/gi;

/**
 * Parse a decimal yuan amount typed by a person ("100", "100.5", "¥1,000.00", "１００") into integer fen.
 * String arithmetic only: no binary floating point ever touches the value.
 */
export function parseAmountToFen(raw: string): number {
  const text = toHalfWidth(raw).replace(CURRENCY_MARKS, '').replace(/\s+/g, '');
  if (text === '') throw new InputError('input.amount.empty', { value: raw });
  if (text.startsWith('-')) throw new InputError('input.amount.notPositive', { value: raw });
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) throw new InputError('input.amount.notNumber', { value: raw });
  const whole = match[1]!.replace(/,/g, '');
  const decimals = match[2] ?? '';
  if (decimals.length > 2) throw new InputError('input.amount.tooManyDecimals', { value: raw });
  if (whole.length > 9) throw new InputError('input.amount.tooLarge', { value: raw, max: formatFen(MAX_AMOUNT_FEN) });
  const fen = Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
  if (fen <= 0) throw new InputError('input.amount.notPositive', { value: raw });
  if (fen > MAX_AMOUNT_FEN) throw new InputError('input.amount.tooLarge', { value: raw, max: formatFen(MAX_AMOUNT_FEN) });
  return fen;
}

/** 10050 → "100.50" (two decimals, no grouping: the form the documents and 12315 use). */
export function formatFen(fen: number): string {
  const yuan = Math.trunc(fen / 100);
  const rest = Math.abs(fen % 100);
  return `${yuan}.${String(rest).padStart(2, '0')}`;
}
