import { z } from 'zod';
import type { Case } from './case-model.js';

export const EXPORT_FORMAT = 'weiquan-case-export';
export const EXPORT_FORMAT_VERSION = 1;
export const MANIFEST_NAME = 'weiquan-export.json';

export const ExportManifestSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_FORMAT_VERSION),
  exportedAt: z.string(),
  weiquanVersion: z.string(),
  caseId: z.string(),
  orderNumber: z.string(),
  redacted: z.boolean(),
  /** the first journal entry's hash: the same case exported twice has the same one */
  genesis: z.string().optional(),
  files: z.array(z.object({ path: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().nonnegative() })),
});
export type ExportManifest = z.infer<typeof ExportManifestSchema>;

/** Keep the first three and last two characters: "13800138000" → "138******00". */
export function mask(value: string): string {
  const characters = [...value];
  if (characters.length <= 5) return '*'.repeat(characters.length);
  return characters.slice(0, 3).join('') + '*'.repeat(characters.length - 5) + characters.slice(-2).join('');
}

/**
 * A copy of the case fit to show someone else: the recharge account, payment reference, customer-service
 * agents and evidence file names masked or dropped. The journal and the evidence files are left out of a
 * redacted export altogether (they hold the unmasked values), so it cannot be imported.
 */
export function redactCase(record: Case): Case {
  return {
    ...record,
    order: {
      ...record.order,
      account: mask(record.order.account),
      ...(record.order.paymentRef ? { paymentRef: mask(record.order.paymentRef) } : {}),
    },
    contacts: record.contacts.map((contact) => ({ ...contact, ...(contact.agent ? { agent: mask(contact.agent) } : {}) })),
    evidence: record.evidence.map((item) => ({ ...item, files: [], meta: {} })) as unknown as Case['evidence'],
  };
}

/** Files of a case folder that belong in an export: not the lock, not staging or temp leftovers. */
export function isExportable(relative: string): boolean {
  return !relative.split('/').some((part) => part.startsWith('.'));
}
