/**
 * The deadline engine. Pure: given a case, the current time and a working-day calendar, it computes every
 * deadline the case has — never typed by hand — each with its due time, its basis (a fact of the case, or a
 * legal clock from src/core/legal/clocks.ts) and its state.
 *
 *   computeDeadlines(case, now, calendar) → Deadline[]      (in the order they arise)
 *   sortByUrgency(deadlines)                                 overdue first (most overdue first), then by due
 *   nearestDeadline(deadlines)                               the most pressing open or overdue one
 *   platformDeadline(case, now, calendar)                    the platform's own deadline alone (for letters)
 *   calendarWarnings(deadlines)                              years counted Monday–Friday for lack of data
 *
 * Deadlines:
 *   platform-promise   the platform's delivery promise (instant, 30m, 24h …) from the payment (else order) time;
 *                      one in working days (3wd) ends with the last of them on the calendar
 *   reasonable-period  48 hours from the payment (else order) time when nothing was promised
 *   service-promise    each time customer service promised a result (contact --promised-by), one per contact
 *   letter-reply       the reply date set in each written complaint that was sent (sent --reply-by)
 *   regulator-handling 7 working days after the regulator received a filing (消费者权益保护法第四十六条)
 *   mediation          the mediation limit, chosen by filing date (45 working days under the interim measures;
 *                      the reported, unverified 60 days from 2026-04-15), counted from the latest day the
 *                      complaint can have been accepted (7 working days after receipt), so it is never early
 *   limitation         three years from when the harm could first be known (the order date — the earliest)
 *   telecom-acceptance / telecom-handling   after a complaint to 12300 (filed --route telecom): the reported,
 *                      unverified 5 working days to accept and 30 days to handle
 *
 * States: open (still running), overdue (not met and past due; `overdueMinutes`), met (the thing happened;
 * `metAt`, and `lateMinutes` when it came after the due time), closed (the case was resolved another way, so
 * the clock no longer runs; `closedBy` says how). Only delivery meets the platform's and customer service's
 * promises — a refund is the promise broken and made good, so it closes them "not met — refunded" — and for
 * `limitation` a regulator filing meets it: nothing else recorded says a promise was kept. A reply date is never
 * met by a resolution: no reply is recorded, so once the case is resolved it closes as "no reply recorded".
 */
import type { Case, Filing } from './case-model.js';
import { minutesBetween } from './duration-text.js';
import { clockFor, type ClockPurpose, LEGAL_CLOCKS, type LegalClock } from './legal/clocks.js';
import { type DeliveryPromise, readPromise } from './promise.js';
import { addCalendarDays, addWorkingDays, type IsoDate, type WorkCalendar } from './working-days.js';
import { addYears, endOfLocalDay, isoInZone, localDateOf } from './zoned-time.js';

export type DeadlineKind =
  | 'platform-promise'
  | 'reasonable-period'
  | 'service-promise'
  | 'letter-reply'
  | 'regulator-handling'
  | 'mediation'
  | 'limitation'
  | 'telecom-acceptance'
  | 'telecom-handling';

export type DeadlineState = 'open' | 'met' | 'overdue' | 'closed';

/** Facts of the case a deadline can rest on (catalogue key `deadline.fact.<fact>`). */
export type DeadlineFact = 'platform-promise' | 'no-promise' | 'service-promise' | 'letter-reply-by';

export type DeadlineBasis =
  | { type: 'fact'; fact: DeadlineFact; params: Record<string, string | number> }
  | {
      type: 'rule';
      ruleId: string;
      citation: string;
      quote: string;
      summaryEn: string;
      verified: boolean;
      source: string;
    };

/** The event a deadline comes from; `ref` names the contact (K2), filing (F1) or letter (L1). */
export type DeadlineSource = { event: 'case.created' | 'contact.added' | 'letter.sent' | 'filing.recorded'; ref?: string };

export type Deadline = {
  /** unique within the case and stable across runs: platform-promise, service-promise-K2, mediation-F1 … */
  id: string;
  caseId: string;
  kind: DeadlineKind;
  /** the instant it falls due, ISO in the case's zone; for day deadlines the end of that day (23:59:59) */
  due: string;
  /** day deadlines: the due date (yyyy-MM-dd) in the case's zone */
  dueDate?: IsoDate;
  precision: 'minute' | 'day';
  /** when the clock started */
  from: string;
  basis: DeadlineBasis;
  state: DeadlineState;
  /** overdue: whole minutes past due at `now` */
  overdueMinutes?: number;
  /** open: whole minutes left at `now` */
  minutesLeft?: number;
  metAt?: string;
  /** closed: why the clock stopped — the case's outcome, or `no-reply` for a reply date no reply was recorded for */
  closedBy?: 'delivered' | 'refunded' | 'withdrawn' | 'other' | 'no-reply';
  /** met after the due time: by how many minutes */
  lateMinutes?: number;
  source: DeadlineSource;
  /** years the working-day count passed through without official calendar data (counted Monday–Friday) */
  assumedYears?: number[];
  /** counted from an assumed start (the latest possible acceptance day) */
  estimated?: boolean;
  /** platform-promise / reasonable-period: the promise, read once from the case (none → the assumed period) */
  promise?: DeliveryPromise;
};

/** The reasonable period used when the platform promised nothing (hours). */
export const REASONABLE_PERIOD_HOURS = 48;

/** An authority that mediates rather than handles complaints (消费者协会 …): its filing starts no legal clock. */
const MEDIATION_BODY = /消费者协会|消协|消保委|调解|consumers?'? ?(association|council)|mediat/i;

export function isMediationFiling(filing: Pick<Filing, 'authority' | 'route'>): boolean {
  if (filing.route === 'consumer-association') return true;
  if (filing.route !== undefined && filing.route !== 'regulator') return false;
  return filing.authority !== undefined && MEDIATION_BODY.test(filing.authority);
}

/** A complaint to 12315 / a 市场监督管理局: the default route, unless the authority is a mediation body. */
export function isRegulatorFiling(filing: Pick<Filing, 'authority' | 'route'>): boolean {
  return (filing.route === undefined || filing.route === 'regulator') && !isMediationFiling(filing);
}

/** The instant `minutes` after `iso`, as ISO in the zone. */
function later(iso: string, minutes: number, zone: string): string {
  return isoInZone(Date.parse(iso) + minutes * 60_000, zone);
}

function localDate(iso: string, zone: string): IsoDate {
  return localDateOf(Date.parse(iso), zone);
}

function endOfDay(date: IsoDate, zone: string): string {
  return isoInZone(endOfLocalDay(date, zone), zone);
}

function ruleBasis(clock: LegalClock): DeadlineBasis {
  return {
    type: 'rule',
    ruleId: clock.id,
    citation: clock.citation,
    quote: clock.quote,
    summaryEn: clock.summaryEn,
    verified: clock.verified,
    source: clock.source,
  };
}

/** The basis of a deadline that rests on the legal clock `ruleId` (as computeDeadlines writes it). */
export function ruleBasisById(ruleId: string): DeadlineBasis | undefined {
  const clock = LEGAL_CLOCKS.find((c) => c.id === ruleId);
  return clock ? ruleBasis(clock) : undefined;
}

/** When the platform's clock starts: payment if recorded (nothing is owed before it), else the order time. */
export function promiseStart(record: Case): string {
  const { orderedAt, paidAt } = record.order;
  return paidAt !== undefined && Date.parse(paidAt) > Date.parse(orderedAt) ? paidAt : orderedAt;
}

type Draft = Omit<Deadline, 'state' | 'overdueMinutes' | 'minutesLeft' | 'metAt' | 'lateMinutes' | 'caseId' | 'closedBy'> & {
  /** what meets this deadline, if it happened */
  metAt?: string;
};

function settle(draft: Draft, record: Case, now: Date): Deadline {
  const { metAt, ...rest } = draft;
  // resolved: a reply date no reply was recorded for, or a promise the outcome closed (see deliveredAt)
  const closedBy = record.resolution ? (draft.kind === 'letter-reply' ? 'no-reply' : record.resolution.outcome) : undefined;
  return stateAt({ ...rest, caseId: record.id }, metAt, closedBy, now);
}

type Unsettled = Omit<Deadline, 'state' | 'overdueMinutes' | 'minutesLeft' | 'metAt' | 'lateMinutes' | 'closedBy'>;

function stateAt(base: Unsettled, metAt: string | undefined, closedBy: Deadline['closedBy'], now: Date): Deadline {
  if (metAt !== undefined && Date.parse(metAt) <= now.getTime()) {
    const late = minutesBetween(base.due, metAt);
    return { ...base, state: 'met', metAt, ...(late > 0 ? { lateMinutes: late } : {}) };
  }
  if (closedBy !== undefined) return { ...base, state: 'closed', closedBy };
  const { state, minutes } = runningStateAt(Date.parse(base.due), now.getTime());
  return state === 'overdue' ? { ...base, state, overdueMinutes: minutes } : { ...base, state, minutesLeft: minutes };
}

/**
 * A deadline not met nor closed, at `nowMs`: overdue once past its due instant (by whole minutes past, rounded
 * down), else open (whole minutes left, rounded up to the minute it falls due in).
 */
export function runningStateAt(dueMs: number, nowMs: number): { state: 'overdue' | 'open'; minutes: number } {
  const past = Math.floor((nowMs - dueMs) / 60000);
  return nowMs > dueMs ? { state: 'overdue', minutes: past } : { state: 'open', minutes: Math.max(0, -past) };
}

/**
 * A deadline computed earlier, settled again at `now` (the case index keeps computed deadlines, so `list`
 * and `due` need not recompute them). Valid while the case and the calendar are unchanged and `now` is not
 * earlier than when it was computed.
 */
export function deadlineAt(deadline: Deadline, now: Date, resolved: boolean): Deadline {
  const { state: _state, overdueMinutes: _overdue, minutesLeft: _left, lateMinutes: _late, metAt, closedBy, ...base } = deadline;
  return stateAt(base, metAt, resolved ? (closedBy ?? 'other') : undefined, now);
}

/**
 * What besides the case and the calendar the deadlines depend on at `now`: the limitation rule in force on
 * the local date, in any zone (local dates lie within a day of the UTC date). Equal keys, equal deadlines.
 */
export function deadlineRulesKey(now: Date): string {
  const day = 86_400_000;
  const ids = [-day, 0, day].map((shift) => clockFor('limitation', new Date(now.getTime() + shift).toISOString().slice(0, 10))?.id ?? '-');
  const distinct = [...new Set(ids)];
  // around a change of rule the local date decides, zone by zone: nothing computed earlier can be reused
  return distinct.length === 1 ? distinct[0]! : `${distinct.join('+')}@${now.toISOString()}`;
}

/**
 * The resolution meets the platform's and customer service's promises only when the order was delivered: a
 * refund means the promise was not kept (the deadline closes "not met — refunded").
 */
function deliveredAt(record: Case): string | undefined {
  const r = record.resolution;
  return r && r.outcome === 'delivered' ? r.at : undefined;
}

function platformDraft(record: Case, calendar: WorkCalendar): Draft {
  const start = promiseStart(record);
  const promise = readPromise(record.order.promise);
  const zone = record.timeZone;
  const met = deliveredAt(record);
  if (promise.kind === 'none') {
    return {
      id: 'reasonable-period',
      kind: 'reasonable-period',
      due: later(start, REASONABLE_PERIOD_HOURS * 60, zone),
      precision: 'minute',
      from: start,
      basis: { type: 'fact', fact: 'no-promise', params: { hours: REASONABLE_PERIOD_HOURS } },
      source: { event: 'case.created' },
      promise,
      ...(met ? { metAt: met } : {}),
    };
  }
  const basis = { type: 'fact' as const, fact: 'platform-promise' as const, params: { promise: promise.code } };
  if (promise.kind === 'working-days') {
    // "3个工作日内到账": the end of the third working day after the day of payment (else order), on the calendar
    const counted = addWorkingDays(localDate(start, zone), promise.days, calendar);
    return {
      id: 'platform-promise',
      kind: 'platform-promise',
      due: endOfDay(counted.date, zone),
      dueDate: counted.date,
      precision: 'day',
      from: start,
      basis,
      source: { event: 'case.created' },
      promise,
      ...(counted.assumedYears.length > 0 ? { assumedYears: counted.assumedYears } : {}),
      ...(met ? { metAt: met } : {}),
    };
  }
  return {
    id: 'platform-promise',
    kind: 'platform-promise',
    due: later(start, promise.minutes, zone),
    precision: 'minute',
    from: start,
    basis,
    source: { event: 'case.created' },
    promise,
    ...(met ? { metAt: met } : {}),
  };
}

function serviceDeadlines(record: Case): Draft[] {
  const met = deliveredAt(record);
  return record.contacts
    .filter((c) => c.promisedBy !== undefined)
    .map((c) => ({
      id: `service-promise-${c.id}`,
      kind: 'service-promise' as const,
      due: later(c.promisedBy!, 0, record.timeZone),
      precision: 'minute' as const,
      from: c.at,
      basis: {
        type: 'fact' as const,
        fact: 'service-promise' as const,
        params: { contact: c.id, channel: c.channel, ...(c.agent ? { agent: c.agent } : {}), ...(c.ticket ? { ticket: c.ticket } : {}) },
      },
      source: { event: 'contact.added' as const, ref: c.id },
      ...(met ? { metAt: met } : {}),
    }));
}

function letterDeadlines(record: Case): Draft[] {
  const drafts: Draft[] = [];
  record.lettersSent.forEach((letter, index) => {
    if (letter.replyBy === undefined) return;
    const ref = `L${index + 1}`;
    drafts.push({
      id: `letter-reply-${ref}`,
      kind: 'letter-reply',
      due: later(letter.replyBy, 0, record.timeZone),
      precision: 'minute',
      from: letter.at,
      basis: { type: 'fact', fact: 'letter-reply-by', params: { letter: ref } },
      source: { event: 'letter.sent', ref },
    });
  });
  return drafts;
}

function workingDayDraft(
  fields: Pick<Draft, 'id' | 'kind' | 'from' | 'source'> & { estimated?: boolean },
  start: IsoDate,
  clock: LegalClock,
  calendar: WorkCalendar,
  zone: string,
  carriedYears: number[] = [],
): Draft & { dueDate: IsoDate } {
  let dueDate: IsoDate;
  let assumed: number[] = [...carriedYears];
  if (clock.unit === 'working-day') {
    const counted = addWorkingDays(start, clock.amount, calendar);
    dueDate = counted.date;
    assumed = [...new Set([...assumed, ...counted.assumedYears])].sort((a, b) => a - b);
  } else if (clock.unit === 'day') {
    dueDate = addCalendarDays(start, clock.amount);
  } else {
    dueDate = addYears(start, clock.amount);
  }
  return {
    ...fields,
    due: endOfDay(dueDate, zone),
    dueDate,
    precision: 'day',
    basis: ruleBasis(clock),
    ...(assumed.length > 0 ? { assumedYears: assumed } : {}),
  };
}

function filingDeadlines(record: Case, calendar: WorkCalendar): Draft[] {
  const zone = record.timeZone;
  const drafts: Draft[] = [];
  record.filings.forEach((filing, index) => {
    if (filing.route === 'telecom') {
      drafts.push(...telecomDeadlines(filing, `F${index + 1}`, calendar, zone));
      return;
    }
    if (!isRegulatorFiling(filing)) return;
    const ref = `F${index + 1}`;
    const receipt = localDate(filing.at, zone);
    const source = { event: 'filing.recorded' as const, ref };
    const handlingClock = clockFor('regulator-handling', receipt);
    if (handlingClock) {
      drafts.push(workingDayDraft({ id: `regulator-handling-${ref}`, kind: 'regulator-handling', from: filing.at, source }, receipt, handlingClock, calendar, zone));
    }
    const mediationClock = clockFor('mediation', receipt);
    if (mediationClock) {
      // Acceptance is decided within 7 working days of receipt; counting from the latest possible day keeps the
      // mediation deadline from ever being early.
      const acceptanceClock = clockFor('regulator-acceptance', receipt) ?? handlingClock;
      const latestAcceptance = acceptanceClock ? addWorkingDays(receipt, acceptanceClock.amount, calendar) : { date: receipt, assumedYears: [] };
      drafts.push(
        workingDayDraft(
          { id: `mediation-${ref}`, kind: 'mediation', from: filing.at, source, estimated: true },
          latestAcceptance.date,
          mediationClock,
          calendar,
          zone,
          latestAcceptance.assumedYears,
        ),
      );
    }
  });
  return drafts;
}

/** 12300's reported limits (unverified): acceptance within 5 working days, handling within 30 days of receipt. */
function telecomDeadlines(filing: Filing, ref: string, calendar: WorkCalendar, zone: string): Draft[] {
  const receipt = localDate(filing.at, zone);
  const source = { event: 'filing.recorded' as const, ref };
  const drafts: Draft[] = [];
  for (const kind of ['telecom-acceptance', 'telecom-handling'] as const) {
    const clock = clockFor(kind, receipt);
    if (clock) drafts.push(workingDayDraft({ id: `${kind}-${ref}`, kind, from: filing.at, source }, receipt, clock, calendar, zone));
  }
  return drafts;
}

function limitationDeadline(record: Case, now: Date, calendar: WorkCalendar): Draft | undefined {
  const zone = record.timeZone;
  const firstRegulatorFiling = record.filings.find((f) => isRegulatorFiling(f));
  const ruleDate = firstRegulatorFiling ? localDate(firstRegulatorFiling.at, zone) : localDateOf(now.getTime(), zone);
  const clock = clockFor('limitation', ruleDate);
  if (!clock) return undefined;
  // The earliest the consumer can have known of the harm is the order itself: counting from it is never late.
  const draft = workingDayDraft(
    { id: 'limitation', kind: 'limitation', from: record.order.orderedAt, source: { event: 'case.created' } },
    localDate(record.order.orderedAt, zone),
    clock,
    calendar,
    zone,
  );
  return firstRegulatorFiling ? { ...draft, metAt: firstRegulatorFiling.at } : draft;
}

/** Every deadline of the case at `now`, in the order they arise. */
export function computeDeadlines(record: Case, now: Date, calendar: WorkCalendar): Deadline[] {
  const drafts: Draft[] = [platformDraft(record, calendar), ...serviceDeadlines(record), ...letterDeadlines(record), ...filingDeadlines(record, calendar)];
  const limitation = limitationDeadline(record, now, calendar);
  if (limitation) drafts.push(limitation);
  return drafts.map((draft) => settle(draft, record, now));
}

/** Deadlines that still need attention: open or overdue. */
export function pendingDeadlines(deadlines: readonly Deadline[]): Deadline[] {
  return deadlines.filter((d) => d.state === 'open' || d.state === 'overdue');
}

/** Overdue first (most overdue first), then open ones by due time; met and closed ones last. */
export function sortByUrgency(deadlines: readonly Deadline[]): Deadline[] {
  const rank = (d: Deadline) => (d.state === 'overdue' ? 0 : d.state === 'open' ? 1 : 2);
  // each deadline's keys worked out once, not in every comparison (`due` sorts some 15,000 at 5,000 cases)
  return deadlines
    .map((d) => ({ d, rank: rank(d), due: Date.parse(d.due) }))
    .sort((a, b) => a.rank - b.rank || a.due - b.due || a.d.id.localeCompare(b.d.id))
    .map(({ d }) => d);
}

/** The most pressing deadline still running (overdue or open), if any. */
export function nearestDeadline(deadlines: readonly Deadline[]): Deadline | undefined {
  return sortByUrgency(pendingDeadlines(deadlines))[0];
}

/**
 * The platform's own deadline (its promise, or the 48-hour reasonable period weiquan assumes when nothing was
 * promised) at `now`: the same Deadline computeDeadlines returns first, for callers that need only this one.
 */
export function platformDeadline(record: Case, now: Date, calendar: WorkCalendar): Deadline & { kind: 'platform-promise' | 'reasonable-period'; promise: DeliveryPromise } {
  return settle(platformDraft(record, calendar), record, now) as Deadline & { kind: 'platform-promise' | 'reasonable-period'; promise: DeliveryPromise };
}

/** The platform deadline among computed deadlines. */
export function findPlatformDeadline(deadlines: readonly Deadline[]): (Deadline & { promise: DeliveryPromise }) | undefined {
  return deadlines.find((d): d is Deadline & { promise: DeliveryPromise } => (d.kind === 'platform-promise' || d.kind === 'reasonable-period') && d.promise !== undefined);
}

/** Years counted Monday–Friday for lack of calendar data, across deadlines. */
export function calendarWarnings(deadlines: readonly Deadline[]): number[] {
  const years = new Set<number>();
  for (const d of deadlines) if (d.assumedYears) for (const year of d.assumedYears) years.add(year);
  return [...years].sort((a, b) => a - b);
}

export type { ClockPurpose };
