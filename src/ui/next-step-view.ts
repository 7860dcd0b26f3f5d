/**
 * The next step in words, and the ready-to-send message for a channel, from the pure NextStep.
 * Messages are rational and specific: order number, time, amount, how long overdue, the ticket number,
 * a request for a ticket number and a time; no emotional wording (SEED.md).
 */
import type { NextStep, MessageChannel } from '../core/next-step.js';
import { formatDuration } from '../core/duration-text.js';
import { formatFen } from '../core/money.js';
import { formatLocalTime } from '../core/time.js';
import { describePromiseText, type TextContext } from './deadline-text.js';

export type RenderedMessage = { channel: MessageChannel; subject?: string; text: string };

export type RenderedNextStep = {
  summary: string;
  message?: RenderedMessage;
  /** the suggested commands, as shell lines */
  commandLines: string[];
};

/** Actions whose step is to write to someone. */
const MESSAGE_ACTIONS = new Set(['contact-service', 'ask-for-ticket', 'follow-up-ticket', 'send-letter', 'file-complaint', 'follow-up-regulator']);

export function quoteArg(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `"${arg.replace(/(["\\$`])/g, '\\$1')}"`;
}

export function channelName(context: TextContext, channel: MessageChannel): string {
  return channel === '12315' ? context.t('next.channel.12315') : context.t(`channel.${channel}`);
}

export type RenderOptions = {
  channel?: MessageChannel;
  complainantName?: string;
  outcome?: string;
  /** the language of the ready-to-send message (the platform reads Chinese: context.documentLang); default: the interface's */
  messageContext?: TextContext;
};

/** Who promised a result by the broken time, so a message never pins another contact's promise on the ticket it cites. */
function promiserText(context: TextContext, step: NextStep, time: (iso: string | undefined) => string): string {
  const f = step.facts;
  const contact = f.servicePromiseContact;
  if (!contact || (contact.ticket !== undefined && contact.ticket === f.ticket)) return context.t('next.part.promiser');
  if (contact.ticket) return context.t('next.part.promiser.otherTicket', { at: time(contact.at), ticket: contact.ticket });
  return context.t('next.part.promiser.contact', { at: time(contact.at) });
}

export function renderNextStep(context: TextContext, step: NextStep, zone: string, options: RenderOptions = {}): RenderedNextStep {
  const summary = renderSummary(context, step, zone, options);
  let message: RenderedMessage | undefined;
  if (MESSAGE_ACTIONS.has(step.action)) {
    const messageContext = options.messageContext ?? context;
    const { t } = messageContext;
    const params = textParams(messageContext, step, zone, options);
    const f = step.facts;
    const channel = options.channel ?? step.channel;
    let key = `next.message.${step.action}`;
    if (step.action === 'follow-up-ticket' && f.servicePromisedBy) key = 'next.message.follow-up-ticket.broken';
    const text = t(key, params).trim();
    const subjectKey = `next.subject.${step.action}`;
    const subjectText = t(subjectKey, params);
    const wantsSubject = channel === 'email' || step.action === 'send-letter';
    message = { channel, text, ...(wantsSubject && subjectText !== subjectKey ? { subject: subjectText } : {}) };
  }
  const commandLines = step.commands.map((argv) => ['weiquan', ...argv].map(quoteArg).join(' '));
  return { summary, ...(message ? { message } : {}), commandLines };
}

function renderSummary(context: TextContext, step: NextStep, zone: string, options: RenderOptions): string {
  const f = step.facts;
  const params = textParams(context, step, zone, options);
  let summaryKey = `next.summary.${step.action}`;
  if (step.action === 'send-letter' && !f.ticket) summaryKey = 'next.summary.send-letter.noTicket';
  if (step.action === 'wait-for-reply' && !step.deadline) summaryKey = 'next.summary.wait-for-reply.noDeadline';
  const report = f.fraudGrounds && (step.action === 'file-complaint' || step.action === 'follow-up-regulator') ? context.t('next.part.report') : '';
  return context.t(summaryKey, params) + report;
}

/** The placeholders of the summary and message templates, in the language of `context`. */
function textParams(context: TextContext, step: NextStep, zone: string, options: RenderOptions): Record<string, string | number> {
  const { t, lang } = context;
  const f = step.facts;
  const time = (iso: string | undefined) => (iso ? formatLocalTime(iso, zone) : '');
  const duration = (minutes: number | undefined) => formatDuration(minutes ?? 0, lang);
  const promise = describePromiseText(context, f.promise);
  const overdueKind = f.promise === 'none' ? 'reasonable-period' : 'platform-promise';
  const overduePart =
    f.overdueMinutes !== undefined ? t(`next.part.overdue.${overdueKind}`, { promise, overdue: duration(f.overdueMinutes) }) : t('next.part.notOverdue');
  const ticketPart = f.ticket ? t('next.part.ticket', { ticket: f.ticket }) : '';
  const letterPart = f.letterSentAt
    ? f.replyBy
      ? t('next.part.letter', { at: time(f.letterSentAt), replyBy: time(f.replyBy) })
      : t('next.part.letterNoReplyBy', { at: time(f.letterSentAt) })
    : '';
  const companyPart = f.company ? `（${f.company}）` : '';
  return {
    case: f.caseId,
    order: f.order,
    product: f.product,
    account: f.account,
    amount: formatFen(f.amountFen),
    orderedAt: time(f.orderedAt),
    status: f.status,
    demand: f.demand,
    platform: f.platform,
    promise,
    overduePart,
    overdue: duration(f.overdueMinutes),
    ticket: f.ticket ?? '',
    ticketPart,
    letterPart,
    companyPart: lang === 'zh' ? companyPart : f.company ? ` (${f.company})` : '',
    lastContactAt: time(f.lastContact?.at),
    lastChannel: f.lastContact ? t(`channel.${f.lastContact.channel}`) : '',
    promisedBy: time(f.servicePromisedBy),
    promiser: promiserText(context, step, time),
    serviceOverdue: duration(f.serviceOverdueMinutes),
    replyBy: time(f.replyBy),
    sentAt: time(f.letterSentAt),
    filedAt: time(f.filedAt),
    authority: f.authority ?? t('next.authority.unknown'),
    complaintNoPart: f.complaintNo ? t('next.part.complaintNo', { no: f.complaintNo }) : '',
    citation: f.regulatorCitation ?? '',
    dueDate: step.deadline?.dueDate ?? time(step.deadline?.due),
    due: step.deadline ? step.deadline.dueDate ?? time(step.deadline.due) : '',
    left: duration(step.deadline?.minutesLeft),
    days: 3,
    unverified: f.mediationVerified === false ? t('deadline.unverified') : '',
    outcome: options.outcome ?? '',
    name: options.complainantName ?? '',
  };
}

/** The human rendering of `next`. */
export function formatNextStep(context: TextContext, rendered: RenderedNextStep, heading: string): string {
  const { t } = context;
  const lines = [heading, rendered.summary];
  if (rendered.message) {
    lines.push('', t('next.channel', { channel: channelName(context, rendered.message.channel) }));
    lines.push(rendered.message.channel === 'phone' ? t('next.phoneHeading') : t('next.messageHeading'));
    if (rendered.message.subject) lines.push(t('next.subject', { subject: rendered.message.subject }));
    lines.push('', rendered.message.text);
  }
  if (rendered.commandLines.length > 0) lines.push('', t('next.commandsHeading'), ...rendered.commandLines.map((c) => `  ${c}`));
  return lines.join('\n');
}
