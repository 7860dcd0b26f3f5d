/**
 * Where a case stands on the escalation ladder, derived from its events — never typed by hand:
 *
 *   new → contacted → escalated (a ticket number exists) → letter-sent → filed → mediation → court
 *       → police-report → resolved | closed
 *
 * Each stage is reached by an event: a contact, a contact with a ticket number, a written complaint sent, a
 * filing with the regulator (12315 / 市场监督管理局), the payment channel or 12300, a filing with a mediation
 * body (消费者协会 …), a lawsuit, a police report, and the
 * resolution (delivered or refunded → resolved; withdrawn or other → closed). The stage is the highest reached,
 * so a later chat with customer service does not move a filed case back down.
 */
import type { Case, Filing } from './case-model.js';
import { isMediationFiling } from './deadlines.js';

export const STAGES = ['new', 'contacted', 'escalated', 'letter-sent', 'filed', 'mediation', 'court', 'police-report', 'resolved', 'closed'] as const;
export type Stage = (typeof STAGES)[number];

export type StageStep = {
  stage: Stage;
  /** when the stage was reached (the event's own time, e.g. the contact's --at) */
  at: string;
  source: { event: 'case.created' | 'contact.added' | 'letter.sent' | 'filing.recorded' | 'case.resolved'; ref?: string };
};

/** The stage a filing reaches: its route decides (a regulator filing with a mediation body is mediation). */
function filingStage(filing: Filing): Stage {
  if (isMediationFiling(filing)) return 'mediation';
  if (filing.route === 'court') return 'court';
  if (filing.route === 'police') return 'police-report';
  return 'filed';
}

function rank(stage: Stage): number {
  return STAGES.indexOf(stage);
}

/** Every step up the ladder, in time order; the first is always `new`. */
export function stageHistory(record: Case): StageStep[] {
  const candidates: StageStep[] = [];
  for (const contact of record.contacts) {
    candidates.push({ stage: contact.ticket ? 'escalated' : 'contacted', at: contact.at, source: { event: 'contact.added', ref: contact.id } });
  }
  record.lettersSent.forEach((letter, index) => candidates.push({ stage: 'letter-sent', at: letter.at, source: { event: 'letter.sent', ref: `L${index + 1}` } }));
  record.filings.forEach((filing, index) =>
    candidates.push({ stage: filingStage(filing), at: filing.at, source: { event: 'filing.recorded', ref: `F${index + 1}` } }),
  );
  candidates.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const steps: StageStep[] = [{ stage: 'new', at: record.order.orderedAt, source: { event: 'case.created' } }];
  for (const candidate of candidates) {
    // a ticket also means the case was contacted; record the climb, never a step down
    if (rank(candidate.stage) > rank(steps.at(-1)!.stage)) steps.push(candidate);
  }
  if (record.resolution) {
    const { outcome, at } = record.resolution;
    steps.push({ stage: outcome === 'delivered' || outcome === 'refunded' ? 'resolved' : 'closed', at, source: { event: 'case.resolved' } });
  }
  return steps;
}

/** The stage the case is in now. */
export function caseStage(record: Case): Stage {
  return stageHistory(record).at(-1)!.stage;
}

/** The most recent ticket number customer service gave, if any. */
export function latestTicket(record: Case): { ticket: string; contactId: string; at: string } | undefined {
  const withTicket = record.contacts.filter((c) => c.ticket).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const last = withTicket.at(-1);
  return last ? { ticket: last.ticket!, contactId: last.id, at: last.at } : undefined;
}
