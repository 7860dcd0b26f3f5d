/**
 * A case in a few fields: what `list`, `due`, the repeated-order check and order-number lookups need, so they
 * read one small index instead of parsing and validating every case. Derived only from the case (and, for
 * the deadlines, the calendar and the rules in force): the index can always be rebuilt from the case files.
 */
import type { Case, Outcome } from './case-model.js';
import { computeDeadlines, type Deadline, deadlineAt, type DeadlineBasis, pendingDeadlines, ruleBasisById, unsettledAt } from './deadlines.js';
import { caseStage, type Stage } from './stage.js';
import type { WorkCalendar } from './working-days.js';
import { formatLocalTime } from './zoned-time.js';

export type CaseSummary = {
  id: string;
  order: string;
  platform: string;
  amountFen: number;
  orderedAt: string;
  /** orderedAt as the case's zone shows it ("2026-11-20 10:00"): listings need no time-zone data */
  orderedAtText: string;
  timeZone: string;
  status: string;
  outcome?: Outcome;
  /** the complainant recorded on the case; absent: the profile */
  client?: { id?: string; name: string };
  stage: Stage;
  updatedAt: string;
  /**
   * The deadlines still running (open or overdue) when the summary was made, kept short: without the case id
   * and the state, a legal rule's basis by its id only (see `deadlinesNow`). A deadline met or closed stays
   * so; a running one can only turn from open to overdue.
   */
  deadlines?: StoredDeadline[];
};

export type StoredDeadline = Omit<Deadline, 'caseId' | 'state' | 'overdueMinutes' | 'minutesLeft' | 'lateMinutes' | 'basis'> & {
  basis: DeadlineBasis | { type: 'rule'; ruleId: string };
  /** when it falls due as the case's zone shows it (the date of a day deadline) */
  dueText?: string;
};

/** When a deadline falls due, as shown: the date of a day deadline, else the local time in the case's zone. */
export function dueTextOf(deadline: Pick<Deadline, 'due' | 'dueDate'>, zone: string): string {
  return deadline.dueDate ?? formatLocalTime(deadline.due, zone);
}

function store(deadline: Deadline, zone: string): StoredDeadline {
  const { caseId: _case, state: _state, overdueMinutes: _overdue, minutesLeft: _left, lateMinutes: _late, ...rest } = deadline;
  const kept = rest.basis.type === 'rule' && ruleBasisById(rest.basis.ruleId) ? { ...rest, basis: { type: 'rule' as const, ruleId: rest.basis.ruleId } } : rest;
  return { ...kept, dueText: dueTextOf(deadline, zone) };
}

/** The due text of each deadline restored from a summary, for listings (see `shownDue`). */
const dueTexts = new WeakMap<Deadline, string>();

function restore(stored: StoredDeadline, caseId: string): Deadline {
  const { dueText: _text, ...rest } = stored;
  const basis = rest.basis.type === 'rule' && !('citation' in rest.basis) ? ruleBasisById(rest.basis.ruleId)! : (rest.basis as DeadlineBasis);
  // the same key order as computeDeadlines (the case id after the draft's keys; the state after that)
  return { ...rest, basis, caseId, state: 'open' };
}

/** deadlineAt on a restored deadline, keeping its stored due text. */
function settledAt(stored: StoredDeadline, summary: CaseSummary, now: Date): Deadline {
  // a stored deadline was running (open or overdue): no state, met or closed time to take off first
  const { dueText: _text, state: _state, overdueMinutes: _overdue, minutesLeft: _left, lateMinutes: _late, metAt, closedBy, ...rest } = stored as StoredDeadline & Partial<Deadline>;
  // absent in the main index's short form of the nearest deadline (a listing does not show it)
  const kept = stored.basis as StoredDeadline['basis'] | undefined;
  const basis = kept === undefined ? undefined : kept.type === 'rule' && !('citation' in kept) ? ruleBasisById(kept.ruleId)! : (kept as DeadlineBasis);
  const deadline =
    metAt === undefined && closedBy === undefined
      ? unsettledAt({ ...rest, ...(basis ? { basis } : {}), caseId: summary.id } as Parameters<typeof unsettledAt>[0], now, summary.outcome !== undefined)
      : deadlineAt(restore(stored, summary.id), now, summary.outcome !== undefined);
  if (stored.dueText !== undefined) dueTexts.set(deadline, stored.dueText);
  return deadline;
}

/** When a deadline of `summary` falls due, as shown (stored with the summary; worked out only when missing). */
export function shownDue(deadline: Deadline, summary: Pick<CaseSummary, 'timeZone'>): string {
  return dueTexts.get(deadline) ?? dueTextOf(deadline, summary.timeZone);
}

export function summarizeCase(record: Case, deadlines?: { now: Date; calendar: WorkCalendar }): CaseSummary {
  const { complainant, resolution } = record;
  return {
    id: record.id,
    order: record.order.number,
    platform: record.platform.name,
    amountFen: record.order.amountFen,
    orderedAt: record.order.orderedAt,
    orderedAtText: formatLocalTime(record.order.orderedAt, record.timeZone),
    timeZone: record.timeZone,
    status: record.order.status,
    ...(resolution ? { outcome: resolution.outcome } : {}),
    ...(complainant ? { client: { ...(complainant.clientId ? { id: complainant.clientId } : {}), name: complainant.name } } : {}),
    stage: caseStage(record),
    updatedAt: record.updatedAt,
    ...(deadlines ? { deadlines: byDue(pendingDeadlines(computeDeadlines(record, deadlines.now, deadlines.calendar))).map((d) => store(d, record.timeZone)) } : {}),
  };
}

/** Earliest due first (then by id): the order sortByUrgency gives running deadlines, so the first is the nearest. */
function byDue(deadlines: Deadline[]): Deadline[] {
  return deadlines
    .map((d) => ({ d, due: Date.parse(d.due) }))
    .sort((a, b) => a.due - b.due || a.d.id.localeCompare(b.d.id))
    .map(({ d }) => d);
}

/**
 * The nearest running deadline at `now` (nearestDeadline of computeDeadlines on the case at `now`): among
 * running deadlines the earliest due is the most overdue, or else the next to fall due.
 */
export function nearestNow(summary: CaseSummary, now: Date): Deadline | undefined {
  const first = summary.deadlines?.[0];
  return first ? settledAt(first, summary, now) : undefined;
}

/** The summary's running deadlines settled at `now` (pendingDeadlines of computeDeadlines on the case at `now`). */
export function deadlinesNow(summary: CaseSummary, now: Date): Deadline[] {
  return (summary.deadlines ?? []).map((d) => settledAt(d, summary, now));
}

/** Does the case belong to the client named by `reference` (their id, case-insensitive, or exact name)? */
export function belongsToClient(summary: Pick<CaseSummary, 'client'>, client: { id: string; name: string }): boolean {
  if (!summary.client) return false;
  return summary.client.id === client.id || (summary.client.id === undefined && summary.client.name === client.name);
}
