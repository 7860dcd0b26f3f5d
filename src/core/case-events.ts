import { z } from 'zod';
import {
  type Case,
  CASE_SCHEMA_VERSION,
  ComplainantSchema,
  ContactSchema,
  EvidenceItemSchema,
  FilingSchema,
  GeneratedDocumentSchema,
  LetterSentSchema,
  OrderSchema,
  PlatformSchema,
  PromiseSourceSchema,
  ResolutionSchema,
  StampSchema,
} from './case-model.js';
import { DataError } from '../errors.js';

/** Fields `edit` may change, as dotted paths into the case. */
export const EDITABLE_FIELDS = [
  'platform.name',
  'platform.url',
  'platform.company',
  'platform.companyAddress',
  'platform.creditCode',
  'platform.region',
  'platform.kind',
  'platform.status',
  'order.number',
  'order.product',
  'order.category',
  'order.account',
  'order.amountFen',
  'order.paymentMethod',
  'order.paymentRef',
  'order.orderedAt',
  'order.paidAt',
  'order.promise',
  'order.status',
  'order.demand',
  'order.deliveredFen',
  'fraudGrounds',
  'timeZone',
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/**
 * Every change to a case is an event. The journal stores them hash-chained; case.json is the fold of the
 * journal, so a case can always be rebuilt from its journal (`weiquan repair`). Each event type has the
 * schema of its data: the fold checks every entry against it, so a damaged entry is named, never folded.
 */
export const EVENT_DATA_SCHEMAS = {
  'case.created': z.object({ id: z.string().regex(/^C\d+$/), timeZone: z.string().min(1), platform: PlatformSchema, order: OrderSchema, fraudGrounds: z.string().min(1).optional(), complainant: ComplainantSchema.optional() }),
  'case.edited': z.object({ changes: z.record(z.enum(EDITABLE_FIELDS), z.union([z.string(), z.number(), z.null()])) }),
  'case.resolved': ResolutionSchema,
  /** the case's complainant changed (`edit --client`, a client's details edited); null: the profile again */
  'complainant.changed': z.object({ complainant: ComplainantSchema.nullable() }),
  'contact.added': ContactSchema,
  'evidence.added': EvidenceItemSchema,
  'filing.recorded': FilingSchema,
  'letter.sent': LetterSentSchema,
  /** an RFC 3161 timestamp over the journal entry `over` (stamp) */
  'stamp.added': StampSchema,
  'document.generated': GeneratedDocumentSchema.omit({ at: true }),
  /** the promise as the platform's own page states it (inspect --case): the sentence, its page and evidence */
  'promise.sourced': PromiseSourceSchema,
  /** a case brought in from an export archive; it takes the id it was given here */
  'case.imported': z.object({ from: z.string(), id: z.string().regex(/^C\d+$/), originalId: z.string() }),
} as const;

export type CaseEventType = keyof typeof EVENT_DATA_SCHEMAS;
export type CaseEvent = { [T in CaseEventType]: { type: T; data: z.infer<(typeof EVENT_DATA_SCHEMAS)[T]> } }[CaseEventType];

export type JournalEntry = {
  seq: number;
  at: string;
  type: string;
  data: unknown;
  prev: string;
  hash: string;
};

/** A journal entry whose data is not what its event type records (line: its place among the entries, from 1). */
export type EventProblem = { seq: number; line: number; type: string; reason: string };

/** A damaged journal entry met while folding: a data problem (exit 3) that names the entry. */
export class JournalEventError extends DataError {
  constructor(readonly problem: EventProblem) {
    super('journal.badEvent', { ...problem }, 'journal.badEvent.hint');
  }
}

function isKnownType(type: string): type is CaseEventType {
  return Object.hasOwn(EVENT_DATA_SCHEMAS, type);
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(data)'}: ${issue.message}`)
    .join('; ');
}

/**
 * The typed event a journal entry records, its data checked against the schema of its type. Undefined for a
 * type this version does not know (audit-only or newer events stay in the chain and change no fact).
 */
export function parseEvent(entry: JournalEntry, line = entry.seq): CaseEvent | undefined {
  if (!isKnownType(entry.type)) return undefined;
  const parsed = EVENT_DATA_SCHEMAS[entry.type].safeParse(entry.data);
  if (!parsed.success) throw new JournalEventError({ seq: entry.seq, line, type: entry.type, reason: describeIssues(parsed.error) });
  return { type: entry.type, data: parsed.data } as CaseEvent;
}

/** Every entry whose data does not match its event type, like checkChain for the hashes. */
export function checkEvents(entries: readonly JournalEntry[]): EventProblem[] {
  const problems: EventProblem[] = [];
  entries.forEach((entry, index) => {
    try {
      parseEvent(entry, index + 1);
    } catch (error) {
      if (error instanceof JournalEventError) problems.push(error.problem);
      else throw error;
    }
  });
  return problems;
}

function setPath(target: Case, path: string, value: string | number | null): Case {
  const copy = structuredClone(target) as unknown as Record<string, Record<string, unknown> | unknown>;
  const [head, tail] = path.split('.') as [string, string | undefined];
  if (tail === undefined) {
    if (value === null) delete copy[head];
    else copy[head] = value;
  } else {
    const inner = { ...(copy[head] as Record<string, unknown>) };
    if (value === null) delete inner[tail];
    else inner[tail] = value;
    copy[head] = inner;
  }
  return copy as unknown as Case;
}

/** Apply one journal entry to the case it follows (undefined before case.created). Pure. */
export function applyEntry(current: Case | undefined, entry: JournalEntry, journalBytes: number, line = entry.seq): Case {
  const event = parseEvent(entry, line);
  let next: Case;
  if (event?.type === 'case.created') {
    const { id, timeZone, platform, order, fraudGrounds, complainant } = event.data;
    next = {
      schemaVersion: CASE_SCHEMA_VERSION,
      id,
      createdAt: entry.at,
      updatedAt: entry.at,
      timeZone,
      platform,
      order,
      ...(complainant ? { complainant } : {}),
      contacts: [],
      evidence: [],
      filings: [],
      lettersSent: [],
      documents: [],
      ...(fraudGrounds ? { fraudGrounds } : {}),
      stamps: [],
      journal: { seq: entry.seq, head: entry.hash, bytes: journalBytes },
    };
    return next;
  }
  if (!current) throw new Error(`journal entry ${entry.seq} (${entry.type}) comes before case.created`);
  switch (event?.type) {
    case 'case.edited': {
      next = current;
      for (const [path, value] of Object.entries(event.data.changes)) if (value !== undefined) next = setPath(next, path, value);
      // a promise typed anew is no longer the one the platform's page was quoted for
      if ('order.promise' in event.data.changes && next.order.promiseSource) {
        const { promiseSource: _dropped, ...order } = next.order;
        next = { ...next, order };
      }
      break;
    }
    case 'promise.sourced': {
      next = { ...current, order: { ...current.order, promiseSource: event.data } };
      break;
    }
    case 'case.resolved':
      next = { ...current, resolution: event.data };
      break;
    case 'complainant.changed': {
      const { complainant: _previous, ...rest } = current;
      next = event.data.complainant ? { ...rest, complainant: event.data.complainant } : rest;
      break;
    }
    case 'case.imported':
      next = { ...current, id: event.data.id };
      break;
    case 'contact.added':
      next = { ...current, contacts: [...current.contacts, event.data] };
      break;
    case 'evidence.added':
      next = { ...current, evidence: [...current.evidence, event.data] };
      break;
    case 'filing.recorded':
      next = { ...current, filings: [...current.filings, event.data] };
      break;
    case 'letter.sent': {
      // The same letter again (same time sent): its channel, proof of sending or reply date added, not a second letter.
      const same = current.lettersSent.findIndex((l) => Date.parse(l.at) === Date.parse(event.data.at));
      if (same >= 0) {
        const letters = [...current.lettersSent];
        letters[same] = { ...letters[same]!, ...event.data, recordedAt: letters[same]!.recordedAt };
        next = { ...current, lettersSent: letters };
      } else next = { ...current, lettersSent: [...current.lettersSent, event.data] };
      break;
    }
    case 'stamp.added':
      next = { ...current, stamps: [...(current.stamps ?? []), event.data] };
      break;
    case 'document.generated':
      next = { ...current, documents: [...(current.documents ?? []), { ...event.data, at: entry.at }] };
      break;
    default:
      next = current; // audit-only or newer event types: kept in the chain, no change to the facts
  }
  return { ...next, updatedAt: entry.at, journal: { seq: entry.seq, head: entry.hash, bytes: journalBytes } };
}

/**
 * Fold journal entries into the case they record. With `from` (a snapshot), only the entries after the
 * snapshot's sequence number are applied: the catch-up after a crash between journal append and snapshot.
 */
export function foldJournal(entries: readonly JournalEntry[], from?: Case): Case | undefined {
  let current = from;
  let bytes = 0;
  entries.forEach((entry, index) => {
    bytes += Buffer.byteLength(`${JSON.stringify(entry)}\n`);
    if (!from || entry.seq > from.journal.seq) current = applyEntry(current, entry, bytes, index + 1);
  });
  return current;
}

/** The changes an edit makes: only fields whose value differs. */
export function diffFields(current: Case, proposed: Partial<Record<EditableField, string | number | null>>) {
  const changes: Record<string, string | number | null> = {};
  for (const [path, value] of Object.entries(proposed)) {
    if (value === undefined) continue;
    const [head, tail] = path.split('.') as [string, string | undefined];
    const record = current as unknown as Record<string, Record<string, unknown> | unknown>;
    const existing = tail === undefined ? record[head] : (record[head] as Record<string, unknown> | undefined)?.[tail];
    if ((existing ?? null) !== value) changes[path] = value;
  }
  return changes;
}
