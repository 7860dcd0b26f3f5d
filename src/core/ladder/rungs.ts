/**
 * The rungs after the platform (LEGAL.md, "the wider ladder"): which routes a case can take now, which it has
 * taken, and which do not apply and why. Pure and language-free; next-step keeps the main ladder (customer
 * service → letter → 12315 → mediation), this module the routes beside and above it:
 *
 *   the platform's reply date passed (or it vanished)  → payment-channel complaint, in parallel with 12315
 *   a 话费/流量 order whose respondent is the carrier      → 12300, once the carrier's own answer is overdue
 *   the regulator's decision is due, or mediation ended  → consumer association; after mediation, court
 *   the platform vanished and fraud is asserted          → police report (the tool assembles facts, never accuses)
 */
import type { Case } from '../case-model.js';
import { type Deadline, isMediationFiling, isRegulatorFiling } from '../deadlines.js';
import type { DraftRoute } from '../enums.js';

/** How long after a letter without a reply date its reply is taken as overdue (days); as next-step's patience. */
const LETTER_PATIENCE_DAYS = 3;

export type RungState =
  /** the route is open now: draft its document and file */
  | 'ready'
  /** already filed on this route */
  | 'filed'
  /** the route does not apply to this case; `reason` says why */
  | 'not-applicable';

/** Why a rung is offered or withheld (catalogue key `ladder.reason.<reason>`). */
export type RungReason =
  | 'reply-passed'
  | 'platform-vanished'
  | 'regulator-decision-due'
  | 'mediation-ended'
  | 'association-filed'
  | 'carrier-answer-overdue'
  | 'reseller-not-carrier'
  | 'vanished-fraud'
  | 'vanished-no-fraud'
  | 'filed';

export type Rung = { route: DraftRoute; state: RungState; reason: RungReason; filedAt?: string; reference?: string };

/** 话费 and 流量 are telecom services; a game card or a membership never is. */
export function isTelecomOrder(record: Pick<Case, 'order'>): boolean {
  return record.order.category === 'phone' || record.order.category === 'data';
}

const CARRIER = /中国移动|中国联通|中国电信|中国广电|中国铁塔|China ?Mobile|China ?Unicom|China ?Telecom|China ?Broadnet/i;

/**
 * Whether the respondent the case records is a telecom operator (by its recorded name or company). A 卡盟 is a
 * reseller even when the product it sold is a carrier's credit ("中国移动话费 100 元" names the product, not the
 * seller), so only the platform's own name and company count.
 */
export function respondentIsCarrier(record: Pick<Case, 'platform'>): boolean {
  return [record.platform.name, record.platform.company ?? ''].some((name) => CARRIER.test(name));
}

/** The grounds on which the consumer asserts fraud, when the case records any. */
export function fraudGrounds(record: Pick<Case, 'fraudGrounds'>): string | undefined {
  return record.fraudGrounds;
}

export function platformVanished(record: Pick<Case, 'platform'>): boolean {
  return record.platform.status === 'vanished';
}

/** The platform's written reply is overdue: the latest letter's reply date passed (or, without one, its patience). */
export function replyPassed(record: Case, deadlines: readonly Deadline[], now: Date): boolean {
  const letters = [...record.lettersSent].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const last = letters.at(-1);
  if (!last) return false;
  const reply = deadlines.find((d) => d.id === `letter-reply-L${record.lettersSent.indexOf(last) + 1}`);
  if (reply) return reply.state === 'overdue';
  return now.getTime() > Date.parse(last.at) + LETTER_PATIENCE_DAYS * 86_400_000;
}

function filedOn(record: Case, route: DraftRoute) {
  const filings = record.filings.filter((f) => (route === 'consumer-association' ? isMediationFiling(f) : f.route === route));
  return [...filings].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).at(-1);
}

/** The rungs beside and above the main ladder, at `now` (deadlines from computeDeadlines with the same `now`). */
export function ladderRungs(record: Case, deadlines: readonly Deadline[], now: Date): Rung[] {
  if (record.resolution) return [];
  const rungs: Rung[] = [];
  const add = (route: DraftRoute, state: RungState, reason: RungReason) => {
    const filing = filedOn(record, route);
    if (filing) {
      rungs.push({ route, state: 'filed', reason: 'filed', filedAt: filing.at, ...(filing.complaintNo ? { reference: filing.complaintNo } : {}) });
    } else rungs.push({ route, state, reason });
  };
  const vanished = platformVanished(record);
  const passed = replyPassed(record, deadlines, now);

  if (passed || vanished) add('payment', 'ready', vanished && !passed ? 'platform-vanished' : 'reply-passed');

  if (isTelecomOrder(record)) {
    if (!respondentIsCarrier(record)) rungs.push({ route: 'telecom', state: 'not-applicable', reason: 'reseller-not-carrier' });
    else if (passed) add('telecom', 'ready', 'carrier-answer-overdue');
  }

  const regulator = record.filings.filter((f) => isRegulatorFiling(f));
  const overdue = (kind: Deadline['kind']) => deadlines.some((d) => d.kind === kind && d.state === 'overdue');
  const mediationEnded = regulator.length > 0 && overdue('mediation');
  const decisionDue = regulator.length > 0 && overdue('regulator-handling');
  const association = filedOn(record, 'consumer-association');
  if (mediationEnded || decisionDue || association) add('consumer-association', 'ready', mediationEnded ? 'mediation-ended' : 'regulator-decision-due');
  if (mediationEnded || association || filedOn(record, 'court')) add('court', 'ready', mediationEnded ? 'mediation-ended' : 'association-filed');

  if (vanished) {
    if (fraudGrounds(record) !== undefined) add('police', 'ready', 'vanished-fraud');
    else rungs.push({ route: 'police', state: 'not-applicable', reason: 'vanished-no-fraud' });
  } else if (filedOn(record, 'police')) add('police', 'ready', 'vanished-fraud');
  return rungs;
}

/** Whether `draft --for route` may be written for the case now, and if not, why (catalogue key `draft.refused.<reason>`). */
export type DraftRefusal = 'telecom-category' | 'telecom-reseller' | 'police-not-vanished' | 'police-no-fraud';

export function draftRefusal(record: Case, route: DraftRoute): DraftRefusal | undefined {
  if (route === 'telecom') {
    if (!isTelecomOrder(record)) return 'telecom-category';
    if (!respondentIsCarrier(record)) return 'telecom-reseller';
  }
  if (route === 'police') {
    if (!platformVanished(record)) return 'police-not-vanished';
    if (fraudGrounds(record) === undefined) return 'police-no-fraud';
  }
  return undefined;
}
