/**
 * A case in a few fields: what `list`, `due`, the repeated-order check and order-number lookups need, so they
 * read one small index instead of parsing and validating every case. Derived only from the case (and, for
 * the deadlines, the calendar and the rules in force): the index can always be rebuilt from the case files.
 */
import type { Case, Outcome } from './case-model.js';
import { computeDeadlines, type Deadline, type DeadlineBasis, pendingDeadlines, ruleBasisById, unsettledAt } from './deadlines.js';
import { caseStage, type Stage } from './stage.js';
import type { WorkCalendar } from './working-days.js';
import { formatLocalTime } from './zoned-time.js';

export type CaseSummary = {
  id: string;
  order: string;
  platform: string;
  amountFen: number;
  /** orderedAt as the case's zone shows it ("2026-11-20 10:00"): listings need no time-zone data */
  orderedAtText: string;
  status: string;
  outcome?: Outcome;
  /** the complainant recorded on the case; absent: the profile */
  client?: { id?: string; name: string };
  stage: Stage;
  /**
   * The deadlines still running (open or overdue) when the summary was made, kept short: without the case id
   * and the state, a legal rule's basis by its id only (see `deadlinesNow`). A deadline met or closed stays
   * so; a running one can only turn from open to overdue.
   */
  deadlines?: StoredDeadline[];
};

export type StoredDeadline = Omit<Deadline, 'caseId' | 'state' | 'overdueMinutes' | 'minutesLeft' | 'lateMinutes' | 'basis'> & {
  basis: DeadlineBasis | { type: 'rule'; ruleId: string };
};

/**
 * When a deadline falls due as the case's zone shows it: the date of a day deadline, else the local part of
 * `due` — the engine writes every due time in the case's zone (isoInZone), so no time-zone data is needed.
 */
export function dueTextOf(deadline: Pick<Deadline, 'due' | 'dueDate'>): string {
  return deadline.dueDate ?? `${deadline.due.slice(0, 10)} ${deadline.due.slice(11, 16)}`;
}

function store(deadline: Deadline): StoredDeadline {
  const { caseId: _case, state: _state, overdueMinutes: _overdue, minutesLeft: _left, lateMinutes: _late, ...rest } = deadline;
  return rest.basis.type === 'rule' && ruleBasisById(rest.basis.ruleId) ? { ...rest, basis: { type: 'rule' as const, ruleId: rest.basis.ruleId } } : rest;
}

/**
 * deadlineAt on a stored deadline: its keys in their stored order (computeDeadlines' order), a legal rule's basis
 * in full again, then the case id and the state at `now`. A stored deadline is a running one (no state, no met or
 * closed time: see `store`), so it is copied as it is, which is quick: `due` settles thousands.
 */
function settledAt(stored: StoredDeadline, summary: CaseSummary, now: Date): Deadline {
  const base = { ...stored, caseId: summary.id } as Parameters<typeof unsettledAt>[0];
  // absent in the main index's short form of the nearest deadline (a listing does not show it)
  const kept = stored.basis as StoredDeadline['basis'] | undefined;
  if (kept !== undefined && kept.type === 'rule' && !('citation' in kept)) base.basis = ruleBasisById(kept.ruleId)!;
  return unsettledAt(base, now, summary.outcome !== undefined);
}

/** When a deadline of a summary falls due, as shown. */
export function shownDue(deadline: Pick<Deadline, 'due' | 'dueDate'>): string {
  return dueTextOf(deadline);
}

export function summarizeCase(record: Case, deadlines?: { now: Date; calendar: WorkCalendar }): CaseSummary {
  const { complainant, resolution } = record;
  return {
    id: record.id,
    order: record.order.number,
    platform: record.platform.name,
    amountFen: record.order.amountFen,
    orderedAtText: formatLocalTime(record.order.orderedAt, record.timeZone),
    status: record.order.status,
    ...(resolution ? { outcome: resolution.outcome } : {}),
    ...(complainant ? { client: { ...(complainant.clientId ? { id: complainant.clientId } : {}), name: complainant.name } } : {}),
    stage: caseStage(record),
    ...(deadlines ? { deadlines: byDue(pendingDeadlines(computeDeadlines(record, deadlines.now, deadlines.calendar))).map(store) } : {}),
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
