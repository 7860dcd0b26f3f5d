/**
 * How the case index writes a case summary and its running deadlines: positional arrays instead of objects
 * with named keys, and short codes for what repeats (a deadline's kind, precision and source event; its id when
 * it is the usual one; a promise by its code), so that the files of 5,000 cases are a third the size and parse
 * in a third the time. Pure; the only place that knows the positions.
 *
 *   entry of `.index.json`            [key, order, platform, amountFen, orderedAtText, status, stage, outcome|0,
 *                                      client|0, nearest?]   client: [id|0, name]; nearest: a short deadline, 0
 *                                      for none, absent when the summary was made without deadlines
 *   entry of `.index-deadlines.json`  [key, order, platform, stage, outcome|0, client|0, deadlines]
 *   deadline                          [dueMs, id|0, kind, due, dueDate|0, precision, from|0, basis|0, event,
 *                                      ref|0, promise|0, assumedYears|0, estimated 0|1]
 *     id: 0 when it is the kind, or the kind and the ref ("service-promise-K2"); kind, precision, event: codes;
 *     basis: a legal rule by its id alone, a fact as [fact, params]; 0 (and from 0) in the short form;
 *     promise: its code ("2h", "3wd"), read again with readPromise
 */
import type { CaseSummary, StoredDeadline } from '../core/case-summary.js';
import type { Deadline, DeadlineBasis, DeadlineKind, DeadlineSource } from '../core/deadlines.js';
import { OUTCOMES } from '../core/enums.js';
import { readPromise } from '../core/promise.js';
import { STAGES } from '../core/stage.js';
import { LEGAL_CLOCKS } from '../core/legal/clocks.js';

const KIND_CODES: Record<DeadlineKind, number> = {
  'platform-promise': 0,
  'reasonable-period': 1,
  'service-promise': 2,
  'letter-reply': 3,
  'regulator-handling': 4,
  mediation: 5,
  limitation: 6,
  'telecom-acceptance': 7,
  'telecom-handling': 8,
};
const KINDS = Object.keys(KIND_CODES) as DeadlineKind[];
const EVENT_CODES: Record<DeadlineSource['event'], number> = { 'case.created': 0, 'contact.added': 1, 'letter.sent': 2, 'filing.recorded': 3 };
const EVENTS = Object.keys(EVENT_CODES) as DeadlineSource['event'][];
const PRECISIONS: Deadline['precision'][] = ['minute', 'day'];

export type PackedDeadline = [
  dueMs: number,
  id: string | 0,
  kind: number,
  due: string,
  dueDate: string | 0,
  precision: number,
  from: string | 0,
  basis: string | [fact: string, params: Record<string, string | number>] | DeadlineBasis | 0,
  event: number,
  ref: string | 0,
  promise: string | 0,
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

function usualId(kind: string, ref: string | undefined): string {
  return ref === undefined ? kind : `${kind}-${ref}`;
}

/** A packed deadline's id, without unpacking the rest (for sorting). */
export function packedId(p: PackedDeadline): string {
  return p[1] === 0 ? usualId(KINDS[p[2]]!, p[9] === 0 ? undefined : p[9]) : p[1];
}

/** `short`: without the basis and the start, which a listing does not show. */
export function packDeadline(d: StoredDeadline, short = false): PackedDeadline {
  const basis = d.basis as StoredDeadline['basis'] | undefined;
  let packedBasis: PackedDeadline[7] = 0;
  if (!short && basis !== undefined) {
    if (basis.type === 'fact') packedBasis = [basis.fact, basis.params];
    else packedBasis = 'citation' in basis ? basis : basis.ruleId;
  }
  return [
    Date.parse(d.due),
    d.id === usualId(d.kind, d.source.ref) ? 0 : d.id,
    KIND_CODES[d.kind],
    d.due,
    d.dueDate ?? 0,
    PRECISIONS.indexOf(d.precision),
    short ? 0 : d.from,
    packedBasis,
    EVENT_CODES[d.source.event],
    d.source.ref ?? 0,
    d.promise?.code ?? 0,
    d.assumedYears?.length ? d.assumedYears : 0,
    d.estimated ? 1 : 0,
  ];
}

const promises = new Map<string, NonNullable<Deadline['promise']>>();

/** A promise by its code, read once a run (the platform deadline of every case carries one). */
function promiseOf(code: string): NonNullable<Deadline['promise']> {
  let promise = promises.get(code);
  if (!promise) promises.set(code, (promise = readPromise(code)));
  return promise;
}

/**
 * The deadline back; a legal rule's basis stays by its id (`{ type: 'rule', ruleId }`) for the caller to
 * complete, and the short form has no basis and no start. Every deadline made here has the same keys (absent
 * ones undefined, which JSON leaves out): made by the thousand for `due`, objects of one shape are quick.
 */
export function unpackDeadline(p: PackedDeadline): StoredDeadline {
  const [, id, kind, due, dueDate, precision, from, basis, event, ref, promise, assumedYears, estimated] = p;
  const kindName = KINDS[kind]!;
  let unpackedBasis: StoredDeadline['basis'] | undefined;
  if (typeof basis === 'string') unpackedBasis = { type: 'rule', ruleId: basis };
  else if (Array.isArray(basis)) unpackedBasis = { type: 'fact', fact: basis[0] as Extract<DeadlineBasis, { type: 'fact' }>['fact'], params: basis[1] };
  else if (basis !== 0) unpackedBasis = basis;
  return {
    id: id === 0 ? usualId(kindName, ref === 0 ? undefined : ref) : id,
    kind: kindName,
    due,
    dueDate: dueDate === 0 ? undefined : (dueDate as StoredDeadline['dueDate']),
    precision: PRECISIONS[precision]!,
    from: from === 0 ? (undefined as unknown as string) : from,
    basis: unpackedBasis as StoredDeadline['basis'],
    source: ref === 0 ? { event: EVENTS[event]! } : { event: EVENTS[event]!, ref },
    promise: promise === 0 ? undefined : promiseOf(promise),
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

const STAGE_SET = new Set<string>(STAGES);
const RULE_IDS = new Set<string>(LEGAL_CLOCKS.map((clock) => clock.id));
const OUTCOME_SET = new Set<string>(OUTCOMES);
const FACTS: Record<Extract<DeadlineBasis, { type: 'fact' }>['fact'], true> = { 'platform-promise': true, 'no-promise': true, 'service-promise': true, 'letter-reply-by': true };
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;
/** References (K2, F1, L1), ids (service-promise-K2), promise codes (24h, 3wd): short and plain. */
const PLAIN = /^[A-Za-z0-9._-]{1,64}$/;

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function isPlainOrZero(value: unknown): boolean {
  return value === 0 || (typeof value === 'string' && PLAIN.test(value));
}

function isCode(value: unknown, count: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < count;
}

function isParams(params: unknown): boolean {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return false;
  for (const v of Object.values(params)) if (typeof v !== 'string' && !Number.isFinite(v)) return false;
  return true;
}

function isBasis(value: unknown): boolean {
  if (value === 0) return true;
  // a rule by its id: one the rules in force know (its basis is looked up by that id)
  if (typeof value === 'string') return RULE_IDS.has(value);
  if (Array.isArray(value)) return value.length === 2 && typeof value[0] === 'string' && value[0] in FACTS && isParams(value[1]);
  const rule = value as Record<string, unknown> | null;
  return (
    typeof rule === 'object' &&
    rule !== null &&
    rule.type === 'rule' &&
    isString(rule.ruleId) &&
    isString(rule.citation) &&
    isString(rule.quote) &&
    isString(rule.summaryEn) &&
    isString(rule.source) &&
    typeof rule.verified === 'boolean'
  );
}

/**
 * Is this a deadline as packDeadline writes it? The index is read from the data home without the case format's
 * check, so every part that is shown or used is checked here (`due` checks thousands: plain code, no closures);
 * what fails is made again from the case files.
 */
export function isPackedDeadline(value: unknown): value is PackedDeadline {
  if (!Array.isArray(value) || value.length !== 13) return false;
  const due = value[3];
  const dueDate = value[4];
  const years = value[11];
  return (
    Number.isFinite(value[0]) &&
    isPlainOrZero(value[1]) &&
    isCode(value[2], KINDS.length) &&
    typeof due === 'string' &&
    ISO_TIME.test(due) &&
    (dueDate === 0 || (typeof dueDate === 'string' && ISO_DATE.test(dueDate))) &&
    isCode(value[5], PRECISIONS.length) &&
    (value[6] === 0 || typeof value[6] === 'string') &&
    isBasis(value[7]) &&
    isCode(value[8], EVENTS.length) &&
    isPlainOrZero(value[9]) &&
    isPlainOrZero(value[10]) &&
    (years === 0 || (Array.isArray(years) && years.every(Number.isInteger))) &&
    (value[12] === 0 || value[12] === 1)
  );
}

function isClient(value: unknown): boolean {
  return value === 0 || (Array.isArray(value) && value.length === 2 && (value[0] === 0 || isString(value[0])) && isString(value[1]));
}

function isOutcome(value: unknown): boolean {
  return value === 0 || (typeof value === 'string' && OUTCOME_SET.has(value));
}

/** The fields both files start with: key, order number, platform (texts shown escaped). */
function startsLikeEntry(value: unknown, length: number): value is unknown[] {
  return Array.isArray(value) && value.length >= length && isString(value[0]) && isString(value[1]) && isString(value[2]);
}

/** Is this a usable entry of `.index.json` (a damaged or forged one is made again from the case files)? */
export function isPackedSummary(value: unknown): value is PackedSummary {
  if (!startsLikeEntry(value, 9) || value.length > 10) return false;
  const [, , , amountFen, orderedAtText, status, stage, outcome, client, nearest] = value;
  return (
    Number.isSafeInteger(amountFen) &&
    isString(orderedAtText) &&
    LOCAL_TIME.test(orderedAtText) &&
    isString(status) &&
    isString(stage) &&
    STAGE_SET.has(stage) &&
    isOutcome(outcome) &&
    isClient(client) &&
    (value.length === 9 || nearest === 0 || isPackedDeadline(nearest))
  );
}

/** Is this a usable entry of `.index-deadlines.json`? */
export function isPackedDueCase(value: unknown): value is PackedDueCase {
  if (!startsLikeEntry(value, 7) || value.length !== 7) return false;
  const [, , , stage, outcome, client, deadlines] = value;
  return isString(stage) && STAGE_SET.has(stage) && isOutcome(outcome) && isClient(client) && Array.isArray(deadlines) && deadlines.every(isPackedDeadline);
}
