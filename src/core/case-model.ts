import { z } from 'zod';

/** Bump when case.json changes shape; loaders migrate older versions forward. */
export const CASE_SCHEMA_VERSION = 1;

import { CATEGORIES, CONTACT_CHANNELS, EVIDENCE_KINDS, FILING_ROUTES, OUTCOMES, PLATFORM_STATUSES, SENT_CHANNELS } from './enums.js';

export { CATEGORIES, CONTACT_CHANNELS, EVIDENCE_KINDS, FILING_ROUTES, OUTCOMES, PLATFORM_STATUSES, SENT_CHANNELS };
export type { Category, ContactChannel, EvidenceKind, FilingRoute, Outcome, PlatformStatus, SentChannel } from './enums.js';

/** self-run: the platform sells its own goods; platform: a 电子商务平台经营者; shop-on-platform: a shop inside one. */
export const PLATFORM_KINDS = ['self-run', 'platform', 'shop-on-platform'] as const;
export type PlatformKind = (typeof PLATFORM_KINDS)[number];

/** ISO 8601 instant with an offset, e.g. 2026-11-20T10:00:00+08:00. */
const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not an ISO time');
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const PlatformSchema = z.object({
  name: z.string().min(1),
  url: z.string().url().optional(),
  company: z.string().min(1).optional(),
  companyAddress: z.string().min(1).optional(),
  /** 统一社会信用代码 of the operating company (18 characters, check digit validated) */
  creditCode: z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/).optional(),
  /** the respondent's region (省/市/区), as the 12315 form asks for it */
  region: z.string().min(1).optional(),
  /** who the respondent is: the platform selling itself, a platform operator, or a shop on a platform */
  kind: z.enum(PLATFORM_KINDS).optional(),
  /** recorded with `edit --platform-status`: vanished means the site and customer service are gone */
  status: z.enum(PLATFORM_STATUSES).optional(),
});

/** Where the promise is written, when `inspect` found it in the platform's own agreement. */
export const PromiseSourceSchema = z.object({
  document: z.string().min(1).optional(),
  clause: z.string().min(1).optional(),
  quote: z.string().min(1),
  url: z.string().min(1),
  evidence: z.string().optional(),
});

export const OrderSchema = z.object({
  number: z.string().min(1),
  product: z.string().min(1),
  category: z.enum(CATEGORIES),
  account: z.string().min(1),
  amountFen: z.number().int().positive(),
  paymentMethod: z.string().min(1),
  paymentRef: z.string().min(1).optional(),
  orderedAt: isoTime,
  paidAt: isoTime.optional(),
  /** instant | none | <n>m | <n>h | <n>d */
  promise: z.string().min(1),
  /** where the promise is written, when `inspect` found it in the platform's own agreement */
  promiseSource: PromiseSourceSchema.optional(),
  status: z.string().min(1),
  demand: z.string().min(1),
  /** part of the order that did arrive (partial delivery), in fen; less than amountFen */
  deliveredFen: z.number().int().nonnegative().optional(),
});

export const ContactSchema = z.object({
  id: z.string(), // K1, K2 …
  channel: z.enum(CONTACT_CHANNELS),
  at: isoTime,
  agent: z.string().optional(),
  ticket: z.string().optional(),
  summary: z.string().optional(),
  /** the time customer service promised a result by, resolved to an instant */
  promisedBy: isoTime.optional(),
  outcome: z.string().optional(),
  evidence: z.array(z.string()).default([]),
  recordedAt: isoTime,
});

export const EvidenceFileSchema = z.object({
  /** relative to the case folder, always with forward slashes */
  path: z.string().min(1),
  role: z.enum(['original', 'screenshot', 'mhtml', 'sidecar', 'captioned']),
  sha256,
  size: z.number().int().nonnegative(),
  mime: z.string().optional(),
});

export const EvidenceItemSchema = z.object({
  id: z.string(), // E1, E2 …
  kind: z.enum(EVIDENCE_KINDS),
  title: z.string().min(1),
  /** where it came from: a URL, or "imported: <original file name>" */
  source: z.string().min(1),
  proves: z.string().min(1),
  note: z.string().optional(),
  addedAt: isoTime,
  files: z.array(EvidenceFileSchema).min(1),
  /** id of the capture this one repeats (capture --again) */
  againOf: z.string().optional(),
  /** extra metadata (capture details, EXIF …) */
  meta: z.record(z.string(), z.unknown()).default({}),
});

export const FilingSchema = z.object({
  /** which rung: absent means the regulator (12315 / 市场监督管理局), as filings recorded before routes existed */
  route: z.enum(FILING_ROUTES).optional(),
  at: isoTime,
  complaintNo: z.string().optional(),
  authority: z.string().optional(),
  recordedAt: isoTime,
});

export const LetterSentSchema = z.object({
  at: isoTime,
  replyBy: isoTime.optional(),
  /** how it went out, and the proof: a tracking number (快递单号), the e-mail's date and address, the app's message id */
  channel: z.enum(SENT_CHANNELS).optional(),
  reference: z.string().min(1).optional(),
  recordedAt: isoTime,
});

/**
 * The person the case is made for (an advocate's client), as recorded when the case was created or
 * `edit --client` changed it. Absent: the profile is the complainant (a consumer with only their own cases).
 * The ID number is not copied into the case: it stays in the private client list.
 */
export const ComplainantSchema = z.object({
  /** the client's id in the workspace that recorded it (P1 …) */
  clientId: z.string().optional(),
  name: z.string().min(1),
  phone: z.string().min(1),
  address: z.string().min(1),
  email: z.string().optional(),
});

/** A document weiquan generated for the case (letter, bundle, authorisation), as recorded in the journal. */
export const GeneratedDocumentSchema = z.object({
  document: z.string().min(1),
  path: z.string().min(1),
  sha256: sha256.optional(),
  /** for a letter: the reply date it states */
  replyBy: isoTime.optional(),
  /** for a letter whose complainant flags took the place of the case's complainant: who it names */
  complainant: ComplainantSchema.optional(),
  at: isoTime,
});

/**
 * An RFC 3161 trusted timestamp over the journal head: the token (the TSA's response as received) and the
 * TSA's certificates, both stored under stamps/ and hashed here, so verify can check them offline.
 */
export const StampSchema = z.object({
  id: z.string(), // S1, S2 …
  /** the time-stamp authority asked */
  tsa: z.string().min(1),
  /** the journal entry whose hash was stamped (the message imprint is that SHA-256) */
  over: z.object({ seq: z.number().int().positive(), hash: sha256 }),
  token: EvidenceFileSchema.omit({ role: true, mime: true }),
  chain: EvidenceFileSchema.omit({ role: true, mime: true }),
  /** the time the TSA attests (genTime) */
  time: isoTime,
  /** the token's serial number, hex */
  serial: z.string().min(1),
  policy: z.string().min(1),
  /** the signing certificate's subject, for people */
  signer: z.string().min(1),
});

export const ResolutionSchema = z.object({
  outcome: z.enum(OUTCOMES),
  note: z.string().optional(),
  at: isoTime,
});

export const CaseSchema = z.object({
  schemaVersion: z.literal(CASE_SCHEMA_VERSION),
  id: z.string().regex(/^C\d+$/),
  createdAt: isoTime,
  updatedAt: isoTime,
  timeZone: z.string().min(1),
  platform: PlatformSchema,
  order: OrderSchema,
  complainant: ComplainantSchema.optional(),
  contacts: z.array(ContactSchema).default([]),
  evidence: z.array(EvidenceItemSchema).default([]),
  filings: z.array(FilingSchema).default([]),
  lettersSent: z.array(LetterSentSchema).default([]),
  documents: z.array(GeneratedDocumentSchema).default([]),
  stamps: z.array(StampSchema).default([]),
  resolution: ResolutionSchema.optional(),
  /** the consumer's assertion that the platform acted fraudulently, with the grounds (edit --fraud) */
  fraudGrounds: z.string().min(1).optional(),
  /** the journal entry this snapshot includes, and the byte length of the journal then */
  journal: z.object({ seq: z.number().int().nonnegative(), head: sha256, bytes: z.number().int().nonnegative() }),
});

export type Platform = z.infer<typeof PlatformSchema>;
export type Order = z.infer<typeof OrderSchema>;
export type Contact = z.infer<typeof ContactSchema>;
export type EvidenceFile = z.infer<typeof EvidenceFileSchema>;
export type EvidenceItem = z.infer<typeof EvidenceItemSchema>;
export type Filing = z.infer<typeof FilingSchema>;
export type LetterSent = z.infer<typeof LetterSentSchema>;
export type Stamp = z.infer<typeof StampSchema>;
export type Resolution = z.infer<typeof ResolutionSchema>;
export type GeneratedDocument = z.infer<typeof GeneratedDocumentSchema>;
export type Case = z.infer<typeof CaseSchema>;
export type Complainant = z.infer<typeof ComplainantSchema>;

/** The facts a new case is made from (what `new` collects). */
export type CaseFacts = { timeZone: string; platform: Platform; order: Order; fraudGrounds?: string; complainant?: Complainant };

/** Next id in a series: nextId(['E1','E2'], 'E') → 'E3'. */
export function nextId(existing: readonly string[], prefix: string): string {
  let max = 0;
  for (const id of existing) {
    if (id.startsWith(prefix)) {
      const n = Number(id.slice(prefix.length));
      if (Number.isInteger(n) && n > max) max = n;
    }
  }
  return `${prefix}${max + 1}`;
}
