/**
 * A case in a few fields: what `list`, `due`, the repeated-order check and order-number lookups need, so they
 * read one small index instead of parsing and validating every case. Derived only from the case (and, for
 * the deadlines, the calendar and the rules in force): the index can always be rebuilt from the case files.
 */
import type { Case, Outcome } from './case-model.js';
import { computeDeadlines, type Deadline, type DeadlineBasis, pendingDeadlines, ruleBasisById, runningStateAt } from './deadlines.js';
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
   * and the state, a legal rule's basis by its id only (see `settleStored`). A deadline met or closed stays
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
 * A running deadline read back from the case index (no state, no met or closed time: see `store`), settled at
 * `now` as a deadline of case `caseId`, with a legal rule's basis in full again. Every deadline made here has
 * the same keys (absent ones undefined, which JSON leaves out): `due` settles thousands, and objects of one
 * shape are quick to make and to read.
 */
export function settleStored(stored: StoredDeadline, caseId: string, dueMs: number, now: Date, resolved: boolean): Deadline {
  const kept = stored.basis as StoredDeadline['basis'] | undefined;
  const basis = kept !== undefined && kept.type === 'rule' && !('citation' in kept) ? ruleBasis(kept.ruleId) : (kept as DeadlineBasis);
  const running = resolved ? undefined : runningStateAt(dueMs, now.getTime());
  return {
    id: stored.id,
    kind: stored.kind,
    due: stored.due,
    dueDate: stored.dueDate,
    precision: stored.precision,
    from: stored.from,
    basis,
    source: stored.source,
    promise: stored.promise,
    assumedYears: stored.assumedYears,
    estimated: stored.estimated,
    caseId,
    state: running ? running.state : 'closed',
    overdueMinutes: running?.state === 'overdue' ? running.minutes : undefined,
    minutesLeft: running?.state === 'open' ? running.minutes : undefined,
    closedBy: running ? undefined : 'other',
  };
}

const ruleBases = new Map<string, DeadlineBasis>();

/** A legal rule's basis by its id, made once a run (it is the same for every deadline on that rule). */
function ruleBasis(ruleId: string): DeadlineBasis {
  let basis = ruleBases.get(ruleId);
  if (!basis) ruleBases.set(ruleId, (basis = ruleBasisById(ruleId)!));
  return basis;
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
  return first ? settleStored(first, summary.id, Date.parse(first.due), now, summary.outcome !== undefined) : undefined;
}

/** Does the case belong to the client named by `reference` (their id, case-insensitive, or exact name)? */
export function belongsToClient(summary: Pick<CaseSummary, 'client'>, client: { id: string; name: string }): boolean {
  if (!summary.client) return false;
  return summary.client.id === client.id || (summary.client.id === undefined && summary.client.name === client.name);
}
