/**
 * What the documents (the written complaint, the 12315 text, the authorisation, the route drafts) may say,
 * built in two steps:
 *
 *   documentFacts(source, options, t)  → DocumentFacts: every fact the case records, each with its source (a
 *                                         flag, a contact, a capture, the deadline engine, a recorded event, or
 *                                         "assumed by weiquan"); a fact that was never recorded is absent
 *   assembleLetter(source, options, t) → LetterContent: the facts arranged for the letter templates, which
 *                                         speak only of facts present here
 *   complaintFields(content, options)  → the 12315 form, field by field (and the separate 举报 text)
 *
 * Pure: the caller passes the clock, the complainant (from the profile or a client record: one input), the
 * deadlines the engine computed (else the platform deadline is computed here by the same engine), and a
 * translator for labels.
 */
import type { Case, Contact, PlatformKind } from './case-model.js';
import { type Deadline, findPlatformDeadline, platformDeadline, promiseStart, REASONABLE_PERIOD_HOURS } from './deadlines.js';
import { formatDuration, minutesBetween } from './duration.js';
import { citation, citationEn, complaintRules, LAWS, NEW_COMPLAINT_MEASURES, quotationText, selectCitations, type SelectedCitation, type Statute, statute } from './legal/statutes.js';
import { formatFen } from './money.js';
import { type DeliveryPromise, describePromise, readPromise } from './promise.js';
import { replyDeadline } from './reply-date.js';
import { DateTime, formatLocalTime } from './time.js';
import { createWorkCalendar, type WorkCalendar } from './working-days.js';

export type Lang = 'zh' | 'en';
type Translate = (key: string, params?: Record<string, string | number>) => string;

export type Complainant = { name: string; phone: string; address: string; email?: string };

/** What the letter is built from: a stored case, or the facts of a one-off letter shaped like one. */
export type LetterSource = Pick<Case, 'timeZone' | 'platform' | 'order' | 'contacts' | 'evidence' | 'resolution'> & {
  id?: string;
  filings?: Case['filings'];
  lettersSent?: Case['lettersSent'];
  fraudGrounds?: string;
};

/** Where a fact comes from. */
export type FactSource =
  | { kind: 'flag'; flag: string }
  | { kind: 'contact'; ref: string }
  | { kind: 'capture'; ref: string }
  | { kind: 'deadline'; ref: string }
  | { kind: 'record'; ref: string }
  | { kind: 'complainant' }
  | { kind: 'assumed'; why: string };

export type Fact<T> = { value: T; source: FactSource };

const flag = <T>(value: T, name: string): Fact<T> => ({ value, source: { kind: 'flag', flag: name } });

export type ContactFact = {
  id: string;
  at: string;
  channel: string;
  agent?: string;
  ticket?: string;
  /** what customer service said, as recorded (attributed by the templates: 客服（小王）称：…) */
  summary?: string;
  outcome?: string;
  promisedBy?: string;
  promiseBroken: boolean;
};

export type SentLetterFact = { ref: string; at: string; replyBy?: string; replyMissed: boolean };

/** Every fact a document may rest on; absent means "not recorded": no sentence may speak of it. */
export type DocumentFacts = {
  complainant: Fact<Complainant>;
  platform: Fact<string>;
  url?: Fact<string>;
  company?: Fact<string>;
  companyAddress?: Fact<string>;
  creditCode?: Fact<string>;
  region?: Fact<string>;
  platformKind?: Fact<PlatformKind>;
  orderNumber: Fact<string>;
  product: Fact<string>;
  category: Fact<string>;
  account: Fact<string>;
  amountFen: Fact<number>;
  paymentMethod: Fact<string>;
  paymentRef?: Fact<string>;
  orderedAt: Fact<string>;
  paidAt?: Fact<string>;
  /** the order page's status as the consumer recorded it; absent when it is only weiquan's default */
  status?: Fact<string>;
  /** the consumer's own demand; absent when it is only weiquan's default wording */
  demand?: Fact<string>;
  deliveredFen?: Fact<number>;
  /** the platform's promise; kind none is weiquan's reasonable-period assumption, not a promise */
  promise: Fact<DeliveryPromise>;
  /** the platform's own sentence that states the promise, from a page filed as evidence */
  promiseSource?: Fact<NonNullable<Case['order']['promiseSource']>>;
  /** the platform's deadline (promise or assumed reasonable period) as the deadline engine computed it */
  platformDeadline: Fact<Pick<Deadline, 'id' | 'kind' | 'due' | 'from' | 'state' | 'overdueMinutes' | 'minutesLeft'>>;
  /** minutes from the clock start (payment, else order) to now */
  elapsedMinutes: Fact<number>;
  contacts: Fact<ContactFact>[];
  lettersSent: Fact<SentLetterFact>[];
  evidence: Fact<{ id: string; title: string }>[];
  fraudGrounds?: Fact<string>;
  /** the consumer asks for the interest and reasonable costs 第五十三条 allows */
  claimCosts?: Fact<true>;
  resolved: boolean;
};

export type LetterOptions = {
  now: Date;
  lang: Lang;
  complainant: Complainant;
  /** minutes the platform has to reply in writing */
  replyWithinMinutes: number;
  /** hours the platform has to deliver, when the consumer chooses delivery */
  deliverWithinHours: number;
  /** the deadlines the engine computed for this case at `now`; without them the platform deadline is computed */
  deadlines?: readonly Deadline[];
  /** the working-day calendar, to compute the platform deadline when no deadlines are given (a promise in working days needs it) */
  calendar?: WorkCalendar;
  /** the consumer asks for interest and reasonable costs (第五十三条) */
  claimCosts?: boolean;
};

export type CitationView = {
  id: string;
  purpose: SelectedCitation['purpose'];
  /** 《中华人民共和国消费者权益保护法》第五十三条 — exactly as the statutes data forms it */
  citation: string;
  citationEn: string;
  lawTitle: string;
  article: string;
  quotation: string;
  verbatim: boolean;
  summaryEn: string;
};

export type ContactView = ContactFact & {
  /** the summary attributed to customer service: 客服（小王）称：… / customer service (Wang) said: … */
  said?: string;
};

export type LetterContent = {
  lang: Lang;
  /** demand: a 催告 after the time ran out; confirmation: too early, the letter only asks to confirm */
  mode: 'demand' | 'confirmation';
  caseId?: string;
  date: string;
  dateLong: string;
  complainant: Complainant;
  respondent: { name: string; platform: string; url?: string; address?: string; company?: string; creditCode?: string; region?: string; kind?: PlatformKind };
  order: {
    number: string;
    product: string;
    category: string;
    account: string;
    amount: string;
    paymentMethod: string;
    paymentRef?: string;
    orderedAt: string;
    paidAt?: string;
    /** recorded by the consumer (absent when only the default) */
    status?: string;
    /** the consumer's own demand (absent when only weiquan's default) */
    demand?: string;
    /** partial delivery: what arrived and what is still owed */
    delivered?: string;
    remaining?: string;
    /** what a refund is: the remainder when part arrived, else the whole amount */
    refund: string;
  };
  promise: {
    kind: 'promised' | 'instant' | 'none';
    /** the promise in words (describePromise); for none: weiquan's assumption in words */
    text: string;
    /** the clock start: the payment time when recorded, else the order time */
    start: string;
    startIsPayment: boolean;
    /** promised kinds only: when delivery was due */
    due?: string;
    /** past the promise, or (none) past the assumed reasonable period */
    exceeded: boolean;
    /** promised kinds, exceeded: "3 天 4 小时" */
    overdue?: string;
    overdueMinutes?: number;
    /** since the clock start, in words */
    elapsed: string;
    /** none: the reasonable period weiquan assumes, in hours */
    assumedHours?: number;
    /** where the platform itself wrote the promise (inspect --case): quoted instead of paraphrased */
    source?: { document?: string; clause?: string; quote: string; evidence?: string; workingDays: boolean };
  };
  contacts: ContactView[];
  /** a customer-service promise (contact --promised-by) has passed unkept */
  servicePromiseBroken: boolean;
  tickets: string[];
  lettersSent: SentLetterFact[];
  evidence: { id: string; title: string }[];
  citations: CitationView[];
  basis: CitationView[];
  records: CitationView[];
  notice: CitationView[];
  replyBy: string;
  replyByIso: string;
  replyWithin: string;
  deliverWithin: string;
  deliverWithinHours: number;
  complaintRules: { title: string; verified: boolean; startText?: string };
  /** the new measures apply (cite by name only; start date as reported) */
  newMeasures: boolean;
  /** the consumer asks for 第五十三条's interest and reasonable costs */
  claimCosts: boolean;
  /** only when fraud is asserted with grounds (edit --fraud): the grounds and 第五十五条's increased compensation */
  fraud?: { grounds: string; citation: string; citationEn: string; amount: string };
  /** every fact with its source */
  facts: DocumentFacts;
};

function dateText(now: Date, zone: string, lang: Lang): { date: string; long: string } {
  const dt = DateTime.fromJSDate(now).setZone(zone);
  return {
    date: dt.toFormat('yyyy-MM-dd'),
    long: lang === 'zh' ? `${dt.year} 年 ${dt.month} 月 ${dt.day} 日` : dt.setLocale('en-GB').toFormat('d MMMM yyyy'),
  };
}

/** A statute as the documents show it: citation, law title, article and the quotation (verbatim or a summary). */
export function citationView(s: Statute, purpose: SelectedCitation['purpose']): CitationView {
  return {
    id: s.id,
    purpose,
    citation: citation(s),
    citationEn: citationEn(s),
    lawTitle: LAWS[s.law].title,
    article: s.article,
    quotation: quotationText(s),
    verbatim: s.quotationKind === 'verbatim',
    summaryEn: s.summaryEn,
  };
}

function contactFact(contact: Contact, zone: string, now: Date, t: Translate): ContactFact {
  return {
    id: contact.id,
    at: formatLocalTime(contact.at, zone),
    channel: t(`channel.${contact.channel}`),
    ...(contact.agent ? { agent: contact.agent } : {}),
    ...(contact.ticket ? { ticket: contact.ticket } : {}),
    ...(contact.summary ? { summary: contact.summary } : {}),
    ...(contact.outcome ? { outcome: contact.outcome } : {}),
    ...(contact.promisedBy ? { promisedBy: formatLocalTime(contact.promisedBy, zone) } : {}),
    promiseBroken: contact.promisedBy !== undefined && Date.parse(contact.promisedBy) < now.getTime(),
  };
}

/** A contact's summary attributed to customer service, unless it already names who said it. */
export function attributeSummary(c: Pick<ContactFact, 'agent' | 'summary'>, lang: Lang): string | undefined {
  const summary = c.summary?.trim().replace(/[。.；;]+$/u, '');
  if (!summary) return undefined;
  if (lang === 'zh') {
    if (/^(客服|平台|对方|本人|我)/u.test(summary)) return `${summary}。`;
    const who = `客服${c.agent ? `（${c.agent}）` : ''}`;
    return summary.startsWith('称') ? `${who}${summary}。` : `${who}称：“${summary}”。`;
  }
  if (/^(customer service|the agent|they|i |the platform)/iu.test(summary)) return `${summary}.`;
  return `Customer service${c.agent ? ` (${c.agent})` : ''} said: "${summary}".`;
}

/**
 * The calendar the platform deadline is counted on. Only a promise in working days reads it (the commands pass
 * the official one); for any other promise a caller without one gets a plain calendar that is never consulted.
 */
function calendarFor(record: Case, calendar: WorkCalendar | undefined): WorkCalendar {
  if (calendar) return calendar;
  if (readPromise(record.order.promise).kind === 'working-days') throw new Error('a promise in working days needs the working-day calendar (LetterOptions.calendar)');
  return createWorkCalendar([]);
}

/** Every fact the case records, each with its source. */
export function documentFacts(source: LetterSource, options: Pick<LetterOptions, 'now' | 'complainant' | 'deadlines' | 'calendar' | 'claimCosts'>, t: Translate): DocumentFacts {
  const { now } = options;
  const zone = source.timeZone;
  const record = { ...source, id: source.id ?? 'C0', contacts: source.contacts ?? [], lettersSent: source.lettersSent ?? [], filings: source.filings ?? [] } as Case;
  const engine = (options.deadlines && findPlatformDeadline(options.deadlines)) ?? platformDeadline(record, now, calendarFor(record, options.calendar));
  const promise = engine.promise;
  const start = promiseStart(record);
  const p = source.platform;
  const o = source.order;
  const defaultStatus = t('order.status.default');
  const defaultDemand = t('order.demand.default');
  const letters = (source.lettersSent ?? []).map((letter, index): Fact<SentLetterFact> => ({
    value: {
      ref: `L${index + 1}`,
      at: formatLocalTime(letter.at, zone),
      ...(letter.replyBy ? { replyBy: formatLocalTime(letter.replyBy, zone) } : {}),
      replyMissed: letter.replyBy !== undefined && Date.parse(letter.replyBy) < now.getTime() && source.resolution === undefined,
    },
    source: { kind: 'record', ref: `L${index + 1}` },
  }));
  return {
    complainant: { value: options.complainant, source: { kind: 'complainant' } },
    platform: flag(p.name, '--platform'),
    ...(p.url ? { url: flag(p.url, '--platform-url') } : {}),
    ...(p.company ? { company: flag(p.company, '--company') } : {}),
    ...(p.companyAddress ? { companyAddress: flag(p.companyAddress, '--company-address') } : {}),
    ...(p.creditCode ? { creditCode: flag(p.creditCode, '--credit-code') } : {}),
    ...(p.region ? { region: flag(p.region, '--region') } : {}),
    ...(p.kind ? { platformKind: flag(p.kind, '--platform-kind') } : {}),
    orderNumber: flag(o.number, '--order'),
    product: flag(o.product, '--product'),
    category: flag(t(`category.${o.category}`), '--category'),
    account: flag(o.account, '--account'),
    amountFen: flag(o.amountFen, '--amount'),
    paymentMethod: flag(o.paymentMethod, '--payment-method'),
    ...(o.paymentRef ? { paymentRef: flag(o.paymentRef, '--payment-ref') } : {}),
    orderedAt: flag(formatLocalTime(o.orderedAt, zone), '--ordered-at'),
    ...(o.paidAt ? { paidAt: flag(formatLocalTime(o.paidAt, zone), '--paid-at') } : {}),
    ...(o.status && o.status !== defaultStatus ? { status: flag(o.status, '--status') } : {}),
    ...(o.demand && o.demand !== defaultDemand ? { demand: flag(o.demand, '--demand') } : {}),
    ...(o.deliveredFen !== undefined && o.deliveredFen > 0 ? { deliveredFen: flag(o.deliveredFen, '--delivered') } : {}),
    promise: promise.kind === 'none'
      ? { value: promise, source: { kind: 'assumed', why: `no promise recorded: weiquan assumes a reasonable period of ${REASONABLE_PERIOD_HOURS} hours` } }
      : o.promiseSource?.evidence ? { value: promise, source: { kind: 'capture', ref: o.promiseSource.evidence } }
      : flag(promise, '--promise'),
    ...(o.promiseSource && promise.kind !== 'none'
      ? { promiseSource: { value: o.promiseSource, source: o.promiseSource.evidence ? { kind: 'capture' as const, ref: o.promiseSource.evidence } : { kind: 'record' as const, ref: 'promise.sourced' } } }
      : {}),
    platformDeadline: {
      value: {
        id: engine.id, kind: engine.kind, due: engine.due, from: engine.from, state: engine.state,
        ...(engine.overdueMinutes !== undefined ? { overdueMinutes: engine.overdueMinutes } : {}),
        ...(engine.minutesLeft !== undefined ? { minutesLeft: engine.minutesLeft } : {}),
      },
      source: { kind: 'deadline', ref: engine.id },
    },
    elapsedMinutes: { value: Math.max(0, minutesBetween(start, now)), source: { kind: 'deadline', ref: engine.id } },
    contacts: (source.contacts ?? []).map((c) => ({ value: contactFact(c, zone, now, t), source: { kind: 'contact', ref: c.id } })),
    lettersSent: letters,
    evidence: source.evidence.map((e) => ({ value: { id: e.id, title: e.title }, source: { kind: 'capture', ref: e.id } })),
    ...(source.fraudGrounds ? { fraudGrounds: flag(source.fraudGrounds, 'edit --fraud') } : {}),
    ...(options.claimCosts ? { claimCosts: flag(true as const, '--claim-costs') } : {}),
    resolved: source.resolution !== undefined,
  };
}

/** 第五十五条: three times the price, at least 500 yuan. */
function fraudDemand(amountFen: number, grounds: string): NonNullable<LetterContent['fraud']> {
  const article = statute('consumer-55');
  return { grounds, citation: citation(article), citationEn: citationEn(article), amount: formatFen(Math.max(amountFen * 3, 50_000)) };
}

/** "第三条 充值订单将在…" quoted under its article: the heading is named once, before the quotation. */
function quoteWithoutClause(quote: string, clause: string | undefined): string {
  const sentence = clause && quote.startsWith(clause) ? quote.slice(clause.length).trim() : quote;
  // the closing 。 is the letter's own, after the evidence reference
  return sentence.replace(/[。.]$/, '');
}

/** Assemble the letter's content from the recorded facts. */
export function assembleLetter(source: LetterSource, options: LetterOptions, t: Translate): LetterContent {
  const { now, lang } = options;
  const zone = source.timeZone;
  const facts = documentFacts(source, options, t);
  const deadline = facts.platformDeadline.value;
  const promise = facts.promise.value;
  const kind = promise.kind === 'none' ? 'none' : promise.kind === 'instant' ? 'instant' : 'promised';
  const overdue = deadline.state === 'overdue';
  const mode: LetterContent['mode'] = overdue || facts.lettersSent.length > 0 ? 'demand' : 'confirmation';
  const day = DateTime.fromJSDate(now).setZone(zone).toISODate()!;
  const contacts: ContactView[] = facts.contacts.map(({ value }) => {
    const said = attributeSummary(value, lang);
    return { ...value, ...(said ? { said } : {}) };
  });
  const withoutResult = facts.resolved ? 0 : contacts.length;
  const brokenServicePromise = contacts.some((c) => c.promiseBroken);
  const selected = selectCitations({
    promiseKind: promise.kind === 'working-days' ? 'within' : promise.kind,
    promiseExceeded: (overdue && kind !== 'none') || brokenServicePromise,
    tooEarly: mode === 'confirmation',
    noCauseGiven: contacts.length > 0 && contacts.every((c) => !c.summary && !c.outcome),
    stalledContacts: withoutResult >= 2,
    ...(source.platform.kind ? { platformKind: source.platform.kind } : {}),
    fraudAsserted: facts.fraudGrounds !== undefined,
    day,
  }).map((selected) => citationView(selected.statute, selected.purpose));
  const replyBy = replyDeadline(now, zone, options.replyWithinMinutes);
  const dates = dateText(now, zone, lang);
  // The complaint-handling rules in force when the complaint was filed (LEGAL.md); not yet filed: today's.
  const firstFiling = [...(source.filings ?? [])].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))[0];
  const rules = complaintRules(firstFiling ? DateTime.fromISO(firstFiling.at, { setZone: true }).setZone(zone).toISODate()! : day);
  const amountFen = source.order.amountFen;
  const deliveredFen = facts.deliveredFen?.value;
  const start = promiseStart({ ...source, id: 'C0' } as Case);
  const p = source.platform;
  const sourced = facts.promiseSource?.value;
  // A promise the agreement puts in working days is counted on the calendar (3wd). One an earlier version stored
  // in calendar time although its sentence says 工作日 is quoted, but no due time or "overdue by" is asserted.
  const countedWrongly = sourced !== undefined && /工作日/.test(sourced.quote) && promise.kind !== 'working-days';
  return {
    lang,
    mode,
    ...(source.id ? { caseId: source.id } : {}),
    date: dates.date,
    dateLong: dates.long,
    complainant: options.complainant,
    respondent: {
      name: p.company ?? p.name,
      platform: p.name,
      ...(p.url ? { url: p.url } : {}),
      ...(p.companyAddress ? { address: p.companyAddress } : {}),
      ...(p.company ? { company: p.company } : {}),
      ...(p.creditCode ? { creditCode: p.creditCode } : {}),
      ...(p.region ? { region: p.region } : {}),
      ...(p.kind ? { kind: p.kind } : {}),
    },
    order: {
      number: facts.orderNumber.value,
      product: facts.product.value,
      category: facts.category.value,
      account: facts.account.value,
      amount: formatFen(amountFen),
      paymentMethod: facts.paymentMethod.value,
      ...(facts.paymentRef ? { paymentRef: facts.paymentRef.value } : {}),
      orderedAt: facts.orderedAt.value,
      ...(facts.paidAt ? { paidAt: facts.paidAt.value } : {}),
      ...(facts.status ? { status: facts.status.value } : {}),
      ...(facts.demand ? { demand: facts.demand.value } : {}),
      ...(deliveredFen !== undefined ? { delivered: formatFen(deliveredFen), remaining: formatFen(amountFen - deliveredFen) } : {}),
      refund: formatFen(deliveredFen !== undefined ? amountFen - deliveredFen : amountFen),
    },
    promise: {
      kind,
      text: kind === 'none' ? t('letter.promise.reasonable', { hours: REASONABLE_PERIOD_HOURS }) : describePromise(promise, t, lang),
      start: formatLocalTime(start, zone),
      startIsPayment: facts.paidAt !== undefined && start === source.order.paidAt,
      ...(kind !== 'none' && !countedWrongly ? { due: formatLocalTime(deadline.due, zone) } : {}),
      exceeded: overdue && !countedWrongly,
      ...(overdue && kind !== 'none' && !countedWrongly ? { overdue: formatDuration(deadline.overdueMinutes ?? 0, lang), overdueMinutes: deadline.overdueMinutes ?? 0 } : {}),
      elapsed: formatDuration(facts.elapsedMinutes.value, lang),
      ...(kind === 'none' ? { assumedHours: REASONABLE_PERIOD_HOURS } : {}),
      ...(sourced ? { source: { ...sourced, quote: quoteWithoutClause(sourced.quote, sourced.clause), workingDays: /工作日/.test(sourced.quote) } } : {}),
    },
    contacts,
    servicePromiseBroken: brokenServicePromise,
    tickets: contacts.flatMap((c) => (c.ticket ? [c.ticket] : [])),
    lettersSent: facts.lettersSent.map((l) => l.value),
    evidence: facts.evidence.map((e) => e.value),
    citations: selected,
    basis: selected.filter((c) => c.purpose === 'basis'),
    records: selected.filter((c) => c.purpose === 'records'),
    notice: selected.filter((c) => c.purpose === 'notice'),
    replyBy: replyBy.toFormat('yyyy-MM-dd HH:mm'),
    replyByIso: replyBy.toISO({ suppressMilliseconds: true })!,
    replyWithin: formatDuration(options.replyWithinMinutes, lang),
    deliverWithin: lang === 'zh' ? `${options.deliverWithinHours} 小时` : `${options.deliverWithinHours} hours`,
    deliverWithinHours: options.deliverWithinHours,
    complaintRules: { title: rules.title, verified: rules.verified, ...(rules.verified ? {} : { startText: NEW_COMPLAINT_MEASURES.startText[lang] }) },
    newMeasures: !rules.verified,
    claimCosts: facts.claimCosts !== undefined,
    ...(facts.fraudGrounds ? { fraud: fraudDemand(amountFen, facts.fraudGrounds.value) } : {}),
    facts,
  };
}

export { complaintFields, type ComplaintFields, type ComplaintOptions, DEFAULT_COMPLAINT_FACTS_LIMIT } from './complaint-fields.js';
