/**
 * A case in a few fields: what `list`, `due`, the repeated-order check and order-number lookups need, so they
 * read one small index instead of parsing and validating every case. Derived only from the case (and, for
 * the deadlines, the calendar and the rules in force): the index can always be rebuilt from the case files.
 */
import type { Case, Outcome } from './case-model.js';
import { computeDeadlines, type Deadline, deadlineAt } from './deadlines.js';
import { caseStage, type Stage } from './stage.js';
import type { WorkCalendar } from './working-days.js';

export type CaseSummary = {
  id: string;
  order: string;
  platform: string;
  amountFen: number;
  orderedAt: string;
  timeZone: string;
  status: string;
  outcome?: Outcome;
  /** the complainant recorded on the case; absent: the profile */
  client?: { id?: string; name: string };
  stage: Stage;
  updatedAt: string;
  /** every deadline, as computed when the summary was made (see `deadlinesNow`) */
  deadlines?: Deadline[];
};

export function summarizeCase(record: Case, deadlines?: { now: Date; calendar: WorkCalendar }): CaseSummary {
  const { complainant, resolution } = record;
  return {
    id: record.id,
    order: record.order.number,
    platform: record.platform.name,
    amountFen: record.order.amountFen,
    orderedAt: record.order.orderedAt,
    timeZone: record.timeZone,
    status: record.order.status,
    ...(resolution ? { outcome: resolution.outcome } : {}),
    ...(complainant ? { client: { ...(complainant.clientId ? { id: complainant.clientId } : {}), name: complainant.name } } : {}),
    stage: caseStage(record),
    updatedAt: record.updatedAt,
    ...(deadlines ? { deadlines: computeDeadlines(record, deadlines.now, deadlines.calendar) } : {}),
  };
}

/** The summary's deadlines settled at `now` (the same as computeDeadlines on the case at `now`). */
export function deadlinesNow(summary: CaseSummary, now: Date): Deadline[] {
  return (summary.deadlines ?? []).map((d) => deadlineAt(d, now, summary.outcome !== undefined));
}

/** Does the case belong to the client named by `reference` (their id, case-insensitive, or exact name)? */
export function belongsToClient(summary: Pick<CaseSummary, 'client'>, client: { id: string; name: string }): boolean {
  if (!summary.client) return false;
  return summary.client.id === client.id || (summary.client.id === undefined && summary.client.name === client.name);
}
