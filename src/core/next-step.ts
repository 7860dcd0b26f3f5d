/**
 * The next step on the escalation ladder, decided from the case, its deadlines and `now`. Pure and
 * language-free: it returns an action, the facts a message needs, and the commands to record what happens;
 * src/ui/next-step-view.ts turns that into plain words and a ready-to-send message for a channel.
 *
 * The ladder (PRODUCT.md, 消费者权益保护法第三十九条): contact customer service → escalate and get a ticket
 * number → a written complaint with a deadline → 12315 / 市场监督管理局 → consumer-association mediation →
 * arbitration or court. Each rung is tried once its predecessor's time has run out, never earlier.
 */
import { DateTime } from './time.js';
import { replyDeadline } from './reply-date.js';
import type { Case, Contact, ContactChannel } from './case-model.js';
import { type Deadline, isMediationFiling, isRegulatorFiling, nearestDeadline, promiseStart } from './deadlines.js';
import { caseStage, latestTicket, type Stage } from './stage.js';

export type NextAction =
  /** the platform's promise has not run out yet: wait, keep the order page */
  | 'wait-for-delivery'
  /** overdue and nobody asked yet: contact customer service */
  | 'contact-service'
  /** contacted, but no ticket number: ask for one, and for a time */
  | 'ask-for-ticket'
  /** customer service promised a time that has not come yet */
  | 'wait-for-promise'
  /** a ticket exists and its promise passed (or none was given): press on the ticket */
  | 'follow-up-ticket'
  /** the ticket went nowhere: send the written complaint with a reply date */
  | 'send-letter'
  /** the letter's reply date has not come yet */
  | 'wait-for-reply'
  /** the reply date passed: file with 12315 / the 市场监督管理局 */
  | 'file-complaint'
  /** filed; the regulator's 7 working days are still running */
  | 'wait-for-regulator'
  /** the regulator's 7 working days passed: ask for progress, quoting the complaint number */
  | 'follow-up-regulator'
  /** in mediation (regulator or consumer association) */
  | 'wait-for-mediation'
  /** mediation ran out: the remaining routes are arbitration or court */
  | 'consider-legal-route'
  | 'done';

/** The channels a message can be written for. */
export type MessageChannel = ContactChannel | '12315';

export type NextStep = {
  action: NextAction;
  stage: Stage;
  /** the channel the message is written for by default (the last one used, else in-app chat) */
  channel: MessageChannel;
  /** the deadline this step answers to, when one does */
  deadline?: Pick<Deadline, 'id' | 'kind' | 'due' | 'dueDate' | 'state' | 'overdueMinutes' | 'minutesLeft'>;
  /** facts the message quotes */
  facts: NextStepFacts;
  /** weiquan commands to run next (argv without "weiquan"), e.g. to record the contact or generate the letter */
  commands: string[][];
};

export type NextStepFacts = {
  caseId: string;
  platform: string;
  company?: string;
  order: string;
  product: string;
  account: string;
  amountFen: number;
  orderedAt: string;
  status: string;
  demand: string;
  /** the consumer's recorded fraud assertion (edit --fraud): the 12315 package then carries a separate 举报 text */
  fraudGrounds?: string;
  promise: string;
  /** minutes past the platform's promise (or the 48 h reasonable period), when past */
  overdueMinutes?: number;
  /** the latest contact */
  lastContact?: Pick<Contact, 'id' | 'at' | 'channel' | 'agent' | 'ticket' | 'promisedBy'>;
  ticket?: string;
  /** the broken customer-service promise and by how much */
  servicePromisedBy?: string;
  serviceOverdueMinutes?: number;
  /** who made that promise: the contact, its time, and its own ticket number when it had one */
  servicePromiseContact?: { id: string; at: string; ticket?: string };
  /** a reply date to put in a new letter, or the one the sent letter set */
  replyBy?: string;
  letterSentAt?: string;
  filedAt?: string;
  complaintNo?: string;
  authority?: string;
  /** the regulator's handling deadline (day) and the clock's citation */
  regulatorDueDate?: string;
  regulatorCitation?: string;
  mediationDueDate?: string;
  mediationVerified?: boolean;
};

/** How long a written complaint gives the platform to reply. */
export const LETTER_REPLY_DAYS = 3;
/** How long a ticket gets (one follow-up included) before the written complaint (hours; the seed's 24–48 h). */
export const TICKET_PATIENCE_HOURS = 48;
/** Without a reply date on a sent letter, how long before filing (days). */
export const LETTER_PATIENCE_DAYS = 3;

function pick(deadline: Deadline | undefined): NextStep['deadline'] {
  if (!deadline) return undefined;
  const { id, kind, due, dueDate, state, overdueMinutes, minutesLeft } = deadline;
  return {
    id,
    kind,
    due,
    state,
    ...(dueDate !== undefined ? { dueDate } : {}),
    ...(overdueMinutes !== undefined ? { overdueMinutes } : {}),
    ...(minutesLeft !== undefined ? { minutesLeft } : {}),
  };
}

function latestBy<T extends { at: string }>(items: readonly T[]): T | undefined {
  return [...items].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).at(-1);
}

function localMinute(date: Date, zone: string): string {
  return DateTime.fromJSDate(date).setZone(zone).toFormat('yyyy-MM-dd HH:mm');
}

export type NextStepOptions = {
  /** the channel the user asked the message for (`next --channel`); also the channel of the suggested `contact` */
  channel?: MessageChannel;
};

/** The next step for the case at `now`, given its deadlines (from computeDeadlines with the same `now`). */
export function nextStep(record: Case, deadlines: readonly Deadline[], now: Date, options: NextStepOptions = {}): NextStep {
  const zone = record.timeZone;
  const stage = caseStage(record);
  // how far past the platform's own promise (or the 48-hour reasonable period), from the engine's deadlines
  const platform = deadlines.find((d) => d.kind === 'platform-promise' || d.kind === 'reasonable-period');
  const overrun = platform?.state === 'overdue' ? { overdueMinutes: platform.overdueMinutes ?? 0 } : undefined;
  const lastContact = latestBy(record.contacts);
  const ticket = latestTicket(record);
  const lastLetter = latestBy(record.lettersSent);
  const regulatorFilings = record.filings.filter((f) => isRegulatorFiling(f));
  // the other rungs (payment channel, 12300, court, police) run beside this ladder: see ladder/rungs.ts
  const lastFiling = latestBy(record.filings.filter((f) => isRegulatorFiling(f) || isMediationFiling(f)));
  const byId = (id: string) => deadlines.find((d) => d.id === id);
  const nowText = localMinute(now, zone);
  const ref = record.id;

  const facts: NextStepFacts = {
    caseId: record.id,
    platform: record.platform.name,
    ...(record.platform.company ? { company: record.platform.company } : {}),
    order: record.order.number,
    product: record.order.product,
    account: record.order.account,
    amountFen: record.order.amountFen,
    orderedAt: record.order.orderedAt,
    status: record.order.status,
    demand: record.order.demand,
    ...(record.fraudGrounds ? { fraudGrounds: record.fraudGrounds } : {}),
    promise: record.order.promise,
    ...(overrun ? { overdueMinutes: overrun.overdueMinutes } : {}),
    ...(lastContact
      ? {
          lastContact: {
            id: lastContact.id,
            at: lastContact.at,
            channel: lastContact.channel,
            ...(lastContact.agent ? { agent: lastContact.agent } : {}),
            ...(lastContact.ticket ? { ticket: lastContact.ticket } : {}),
            ...(lastContact.promisedBy ? { promisedBy: lastContact.promisedBy } : {}),
          },
        }
      : {}),
    ...(ticket ? { ticket: ticket.ticket } : {}),
  };
  const requested = options.channel;
  const channel: MessageChannel = requested ?? lastContact?.channel ?? 'app-chat';
  // The contact is recorded on the channel the message was written for (12315 is not a platform contact).
  const contactChannel = requested && requested !== '12315' ? requested : lastContact?.channel ?? 'app-chat';
  const step = (action: NextAction, extra: Partial<NextStep> = {}): NextStep => ({
    action, stage, channel, facts, commands: [], ...extra, ...(requested ? { channel: requested } : {}),
  });
  const contactCommand = (withTicket: boolean) => [
    'contact', ref, '--channel', contactChannel, '--at', nowText, ...(withTicket ? ['--ticket', 'TICKET'] : []), '--summary', 'TEXT', '--promised-by', '24h',
  ];

  if (record.resolution) return step('done');

  // Mediation and the regulator, the top of the ladder first.
  const lastRegulatorFiling = latestBy(regulatorFilings);
  if (lastFiling && isMediationFiling(lastFiling)) {
    Object.assign(facts, { filedAt: lastFiling.at, ...(lastFiling.complaintNo ? { complaintNo: lastFiling.complaintNo } : {}), ...(lastFiling.authority ? { authority: lastFiling.authority } : {}) });
    return step('wait-for-mediation', { channel: 'phone', commands: [['resolve', ref, '--outcome', 'refunded']] });
  }
  if (lastRegulatorFiling) {
    const index = record.filings.indexOf(lastRegulatorFiling) + 1;
    const handling = byId(`regulator-handling-F${index}`);
    const mediation = byId(`mediation-F${index}`);
    Object.assign(facts, {
      filedAt: lastRegulatorFiling.at,
      ...(lastRegulatorFiling.complaintNo ? { complaintNo: lastRegulatorFiling.complaintNo } : {}),
      ...(lastRegulatorFiling.authority ? { authority: lastRegulatorFiling.authority } : {}),
      ...(handling?.dueDate ? { regulatorDueDate: handling.dueDate } : {}),
      ...(handling?.basis.type === 'rule' ? { regulatorCitation: handling.basis.citation } : {}),
      ...(mediation?.dueDate ? { mediationDueDate: mediation.dueDate, mediationVerified: mediation.basis.type === 'rule' && mediation.basis.verified } : {}),
    });
    if (mediation?.state === 'overdue') return step('consider-legal-route', { channel: '12315', deadline: pick(mediation) });
    if (handling?.state === 'overdue') {
      return step('follow-up-regulator', { channel: '12315', deadline: pick(handling) });
    }
    return step('wait-for-regulator', { channel: '12315', deadline: pick(handling) });
  }

  // The written complaint.
  if (lastLetter) {
    const index = record.lettersSent.indexOf(lastLetter) + 1;
    const reply = byId(`letter-reply-L${index}`);
    const patienceEnds = DateTime.fromISO(lastLetter.at, { setZone: true }).plus({ days: LETTER_PATIENCE_DAYS });
    Object.assign(facts, { letterSentAt: lastLetter.at, ...(lastLetter.replyBy ? { replyBy: lastLetter.replyBy } : {}) });
    const fileCommands = [['bundle', ref], ['filed', ref, '--at', nowText, '--complaint-no', 'NO', '--authority', 'AUTHORITY']];
    if (reply ? reply.state === 'overdue' : now.getTime() > patienceEnds.toMillis()) {
      return step('file-complaint', { channel: '12315', deadline: pick(reply), commands: fileCommands });
    }
    return step('wait-for-reply', { deadline: pick(reply), commands: fileCommands });
  }

  // Not yet overdue: wait, unless customer service was already contacted.
  if (!overrun && !lastContact) return step('wait-for-delivery', { deadline: pick(platform), commands: [['capture', ref, record.platform.url ?? 'URL', '--kind', 'order-page']] });

  if (!lastContact) return step('contact-service', { deadline: pick(platform), commands: [contactCommand(false)] });
  if (!ticket) return step('ask-for-ticket', { deadline: pick(platform), commands: [contactCommand(true)] });

  // A ticket exists: its latest promise decides.
  const servicePromises = deadlines.filter((d) => d.kind === 'service-promise');
  const openPromise = servicePromises.filter((d) => d.state === 'open').sort((a, b) => Date.parse(b.due) - Date.parse(a.due))[0];
  if (openPromise) return step('wait-for-promise', { deadline: pick(openPromise) });
  const brokenPromise = servicePromises.filter((d) => d.state === 'overdue').sort((a, b) => Date.parse(b.due) - Date.parse(a.due))[0];
  if (brokenPromise) {
    const promiser = record.contacts.find((c) => c.id === brokenPromise.source.ref);
    Object.assign(facts, {
      servicePromisedBy: brokenPromise.due,
      serviceOverdueMinutes: brokenPromise.overdueMinutes,
      ...(promiser ? { servicePromiseContact: { id: promiser.id, at: promiser.at, ...(promiser.ticket ? { ticket: promiser.ticket } : {}) } } : {}),
    });
  }
  // A ticket gets one follow-up within its first 48 hours; after that, the written complaint.
  const ticketAgeHours = (now.getTime() - Date.parse(ticket.at)) / 3_600_000;
  const pressedOnTicket = record.contacts.some((c) => Date.parse(c.at) > Date.parse(ticket.at));
  if (!pressedOnTicket && ticketAgeHours < TICKET_PATIENCE_HOURS) {
    return step('follow-up-ticket', { deadline: pick(brokenPromise ?? platform), commands: [contactCommand(true)] });
  }
  const replyBy = replyDeadline(now, zone, LETTER_REPLY_DAYS * 24 * 60);
  facts.replyBy = replyBy.toISO({ suppressMilliseconds: true })!;
  return step('send-letter', {
    channel: 'email',
    deadline: pick(brokenPromise ?? platform),
    // `sent` takes the reply date from the letter weiquan wrote
    commands: [['letter', ref], ['sent', ref, '--at', nowText]],
  });
}

/** The platform's clock start, re-exported for message rendering. */
export { promiseStart };
