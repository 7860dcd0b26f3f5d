/**
 * Clients: the people an advocate makes complaints for. Each is a complainant a case can record (name, phone,
 * address, email); the ID number is optional, kept only in the private client list and masked when shown.
 */
import { InputError } from '../errors.js';
import type { Complainant } from './case-model.js';
import { parseEmail, parsePhone, parseText } from './contact-details.js';
import { toHalfWidth } from './text-normalize.js';

export type Client = {
  id: string; // P1, P2 …
  name: string;
  phone: string;
  address: string;
  email?: string;
  idNumber?: string;
  createdAt: string;
  updatedAt: string;
};

export type ClientDetails = Omit<Client, 'id' | 'createdAt' | 'updatedAt'>;
export type RawClient = { name?: string; phone?: string; address?: string; email?: string; idNumber?: string };

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/**
 * A mainland resident ID number (18 characters, GB 11643 check digit), or another document's number
 * (passport, Hong Kong / Macao / Taiwan permits: 5–30 letters and digits).
 */
export function parseIdNumber(raw: string): string {
  const text = toHalfWidth(raw).replace(/\s/g, '').toUpperCase();
  if (/^\d{17}[\dX]$/.test(text)) {
    const sum = ID_WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(text[i]), 0);
    if (ID_CHECK[sum % 11] !== text[17]) throw new InputError('input.idNumber.checkDigit', { value: maskIdNumber(text), flag: '--id-number' });
    return text;
  }
  if (/^\d{15,18}$/.test(text) || !/^[A-Z0-9()（）-]{5,30}$/.test(text)) throw new InputError('input.idNumber.invalid', { value: maskIdNumber(text), flag: '--id-number' });
  return text;
}

/** 110101********1234 → the first 3 and last 4 characters shown, the rest starred. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 7) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 3)}${'*'.repeat(idNumber.length - 7)}${idNumber.slice(-4)}`;
}

/** Validate a client's details; `base` supplies the fields not given (an edit). An empty optional value clears it. */
export function parseClientDetails(raw: RawClient, base?: ClientDetails): ClientDetails {
  const pick = (key: keyof RawClient) => (raw[key] !== undefined ? raw[key] : base?.[key]);
  const missing = (['name', 'phone', 'address'] as const).filter((key) => (pick(key) ?? '').trim() === '').map((key) => `--${key}`);
  if (missing.length > 0) throw new InputError('input.missingFlags', { flags: missing.join(' ') });
  const email = pick('email');
  const idNumber = pick('idNumber');
  return {
    name: parseText(pick('name')!, '--name', 100),
    phone: parsePhone(pick('phone')!),
    address: parseText(pick('address')!, '--address', 300),
    ...(email && email.trim() !== '' ? { email: parseEmail(email) } : {}),
    ...(idNumber && idNumber.trim() !== '' ? { idNumber: parseIdNumber(idNumber) } : {}),
  };
}

/** What a case records of its client: everything a document needs, never the ID number. */
export function complainantOf(client: Client): Complainant {
  return { clientId: client.id, name: client.name, phone: client.phone, address: client.address, ...(client.email ? { email: client.email } : {}) };
}

/** The next free client id: P1, P2 … */
export function nextClientId(clients: readonly Pick<Client, 'id'>[]): string {
  const max = clients.reduce((acc, c) => Math.max(acc, Number(c.id.slice(1)) || 0), 0);
  return `P${max + 1}`;
}
