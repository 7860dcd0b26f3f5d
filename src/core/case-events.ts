import {
  type Case,
  type CaseFacts,
  CASE_SCHEMA_VERSION,
  type Contact,
  type EvidenceItem,
  type Filing,
  type LetterSent,
  type Order,
  type Resolution,
} from './case-model.js';

/**
 * Every change to a case is an event. The journal stores them hash-chained; case.json is the fold of the
 * journal, so a case can always be rebuilt from its journal (`weiquan repair`).
 */
export type CaseEvent =
  | { type: 'case.created'; data: { id: string } & CaseFacts }
  | { type: 'case.edited'; data: { changes: Record<string, string | number | null> } }
  | { type: 'case.resolved'; data: Resolution }
  | { type: 'contact.added'; data: Contact }
  | { type: 'evidence.added'; data: EvidenceItem }
  | { type: 'filing.recorded'; data: Filing }
  | { type: 'letter.sent'; data: LetterSent }
  | { type: 'document.generated'; data: { document: string; path: string; sha256?: string; replyBy?: string } }
  /** the promise as the platform's own page states it (inspect --case): the sentence, its page and evidence */
  | { type: 'promise.sourced'; data: NonNullable<Order['promiseSource']> }
  /** a case brought in from an export archive; it takes the id it was given here */
  | { type: 'case.imported'; data: { from: string; id: string; originalId: string } };

export type JournalEntry = {
  seq: number;
  at: string;
  type: string;
  data: unknown;
  prev: string;
  hash: string;
};

/** Fields `edit` may change, as dotted paths into the case. */
export const EDITABLE_FIELDS = [
  'platform.name',
  'platform.url',
  'platform.company',
  'platform.companyAddress',
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
  'timeZone',
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

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
export function applyEntry(current: Case | undefined, entry: JournalEntry, journalBytes: number): Case {
  const event = { type: entry.type, data: entry.data } as CaseEvent;
  let next: Case;
  if (event.type === 'case.created') {
    const { id, timeZone, platform, order } = event.data;
    next = {
      schemaVersion: CASE_SCHEMA_VERSION,
      id,
      createdAt: entry.at,
      updatedAt: entry.at,
      timeZone,
      platform,
      order,
      contacts: [],
      evidence: [],
      filings: [],
      lettersSent: [],
      documents: [],
      journal: { seq: entry.seq, head: entry.hash, bytes: journalBytes },
    };
    return next;
  }
  if (!current) throw new Error(`journal entry ${entry.seq} (${entry.type}) comes before case.created`);
  switch (event.type) {
    case 'case.edited': {
      next = current;
      for (const [path, value] of Object.entries(event.data.changes)) next = setPath(next, path, value);
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
    case 'letter.sent':
      next = { ...current, lettersSent: [...current.lettersSent, event.data] };
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
  for (const entry of entries) {
    bytes += Buffer.byteLength(`${JSON.stringify(entry)}\n`);
    if (!from || entry.seq > from.journal.seq) current = applyEntry(current, entry, bytes);
  }
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
