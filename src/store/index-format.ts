/**
 * How the case index writes a case summary and its running deadlines: positional arrays instead of objects
 * with named keys, so that the files of 5,000 cases are about half the size and parse in half the time. Pure;
 * the only place that knows the positions.
 *
 *   entry of `.index.json`            [key, order, platform, amountFen, orderedAtText, status, stage, outcome|0,
 *                                      client|0, nearest?]   client: [id|0, name]; nearest: a short deadline, 0
 *                                      for none, absent when the summary was made without deadlines
 *   entry of `.index-deadlines.json`  [key, order, platform, stage, outcome|0, client|0, deadlines]
 *   deadline                          [dueMs, id, kind, due, dueDate|0, precision, from|0, basis|0, event,
 *                                      ref|0, promise|0, assumedYears|0, estimated 0|1]
 *                                      basis: a legal rule by its id alone; 0 (and from 0) in the short form
 */
import type { CaseSummary, StoredDeadline } from '../core/case-summary.js';
import type { Deadline, DeadlineBasis } from '../core/deadlines.js';

export type PackedDeadline = [
  dueMs: number,
  id: string,
  kind: Deadline['kind'],
  due: string,
  dueDate: string | 0,
  precision: Deadline['precision'],
  from: string | 0,
  basis: DeadlineBasis | string | 0,
  event: Deadline['source']['event'],
  ref: string | 0,
  promise: NonNullable<Deadline['promise']> | 0,
  assumedYears: number[] | 0,
  estimated: 0 | 1,
];

type PackedClient = [id: string | 0, name: string];
export type PackedSummary = [
  key: string,
  order: string,
  platform: string,
  amountFen: number,
  orderedAtText: string,
  status: string,
  stage: CaseSummary['stage'],
  outcome: NonNullable<CaseSummary['outcome']> | 0,
  client: PackedClient | 0,
  nearest?: PackedDeadline | 0,
];
export type PackedDueCase = [
  key: string,
  order: string,
  platform: string,
  stage: CaseSummary['stage'],
  outcome: NonNullable<CaseSummary['outcome']> | 0,
  client: PackedClient | 0,
  deadlines: PackedDeadline[],
];

/** `short`: without the basis and the start, which a listing does not show. */
export function packDeadline(d: StoredDeadline, short = false): PackedDeadline {
  const basis = d.basis as StoredDeadline['basis'] | undefined;
  const packedBasis = short || basis === undefined ? 0 : basis.type === 'rule' && !('citation' in basis) ? basis.ruleId : basis;
  return [
    Date.parse(d.due),
    d.id,
    d.kind,
    d.due,
    d.dueDate ?? 0,
    d.precision,
    short ? 0 : d.from,
    packedBasis,
    d.source.event,
    d.source.ref ?? 0,
    d.promise ?? 0,
    d.assumedYears?.length ? d.assumedYears : 0,
    d.estimated ? 1 : 0,
  ];
}

/**
 * The deadline back in the engine's key order; a legal rule's basis stays by its id (`{ type: 'rule', ruleId }`)
 * for the caller to complete, and the short form has no basis at all.
 */
export function unpackDeadline(p: PackedDeadline): StoredDeadline {
  const [, id, kind, due, dueDate, precision, from, basis, event, ref, promise, assumedYears, estimated] = p;
  // one shape for every deadline (absent keys undefined): made by the thousand for `due`
  return {
    id,
    kind,
    due,
    dueDate: dueDate === 0 ? undefined : (dueDate as StoredDeadline['dueDate']),
    precision,
    from: from === 0 ? (undefined as unknown as string) : from,
    basis: basis === 0 ? (undefined as unknown as StoredDeadline['basis']) : typeof basis === 'string' ? { type: 'rule', ruleId: basis } : basis,
    source: ref === 0 ? { event } : { event, ref },
    promise: promise === 0 ? undefined : promise,
    assumedYears: assumedYears === 0 ? undefined : assumedYears,
    estimated: estimated === 1 ? true : undefined,
  };
}

function packClient(client: CaseSummary['client']): PackedClient | 0 {
  return client ? [client.id ?? 0, client.name] : 0;
}

function unpackClient(client: PackedClient | 0): CaseSummary['client'] {
  if (client === 0) return undefined;
  return client[0] === 0 ? { name: client[1] } : { id: client[0], name: client[1] };
}

export function packSummary(key: string, s: CaseSummary): PackedSummary {
  const packed: PackedSummary = [key, s.order, s.platform, s.amountFen, s.orderedAtText, s.status, s.stage, s.outcome ?? 0, packClient(s.client)];
  if (s.deadlines) packed.push(s.deadlines[0] ? packDeadline(s.deadlines[0], true) : 0);
  return packed;
}

export function unpackSummary(id: string, p: PackedSummary): CaseSummary {
  const summary: CaseSummary = { id, order: p[1], platform: p[2], amountFen: p[3], orderedAtText: p[4], status: p[5], stage: p[6] };
  if (p[7] !== 0) summary.outcome = p[7];
  const client = unpackClient(p[8]);
  if (client) summary.client = client;
  if (p.length > 9) summary.deadlines = p[9] ? [unpackDeadline(p[9])] : [];
  return summary;
}

export function packDueCase(key: string, s: CaseSummary): PackedDueCase {
  return [key, s.order, s.platform, s.stage, s.outcome ?? 0, packClient(s.client), (s.deadlines ?? []).map((d) => packDeadline(d))];
}

/** What `due` needs of a case besides its deadlines. */
export type DueCase = Pick<CaseSummary, 'id' | 'order' | 'platform' | 'stage' | 'outcome' | 'client'>;

export function unpackDueCase(id: string, p: PackedDueCase): DueCase {
  const dueCase: DueCase = { id, order: p[1], platform: p[2], stage: p[3] };
  if (p[4] !== 0) dueCase.outcome = p[4];
  const client = unpackClient(p[5]);
  if (client) dueCase.client = client;
  return dueCase;
}

/** Is this a usable entry of either file (a damaged one is made again from the case files)? */
export function isPackedEntry(value: unknown, length: number): value is unknown[] {
  return Array.isArray(value) && value.length >= length && typeof value[0] === 'string' && typeof value[1] === 'string' && typeof value[2] === 'string';
}
