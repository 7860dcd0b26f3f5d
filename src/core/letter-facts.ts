/**
 * The content of the written complaint (书面投诉函) and of the 12315 fields, assembled from the case's facts:
 * how far past the promise the order is, every contact with its ticket number and what was promised, the
 * citations the rules data picks for these facts, the demands and the reply date. Pure: the caller passes the
 * clock, the complainant and a translator for labels; templates only arrange what this returns.
 */
import { DateTime } from 'luxon';
import { replyDeadline } from './reply-date.js';
import type { Case, Contact } from './case-model.js';
import { overdueBeyondPromise, promiseStart, REASONABLE_PERIOD_HOURS } from './deadlines.js';
import { formatDuration } from './duration-text.js';
import { citation, citationEn, complaintRules, LAWS, quotationText, selectCitations, type SelectedCitation, STATUTES } from './legal/statutes.js';
import { formatFen } from './money.js';
import { promiseMinutes } from './promise.js';
import { formatLocalTime } from './time.js';

export type Lang = 'zh' | 'en';
type Translate = (key: string, params?: Record<string, string | number>) => string;

export type Complainant = { name: string; phone: string; address: string; email?: string };

/** What the letter is built from: a stored case, or the facts of a one-off letter shaped like one. */
export type LetterSource = Pick<Case, 'timeZone' | 'platform' | 'order' | 'contacts' | 'evidence' | 'resolution'> & { id?: string; filings?: Case['filings'] };

export type LetterOptions = {
  now: Date;
  lang: Lang;
  complainant: Complainant;
  /** minutes the platform has to reply in writing */
  replyWithinMinutes: number;
  /** hours the platform has to deliver, when the consumer chooses delivery */
  deliverWithinHours: number;
  /** the consumer asserts fraud: only then the ×3 article is cited */
  fraudAsserted?: boolean;
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

export type ContactView = {
  id: string;
  at: string;
  channel: string;
  agent?: string;
  ticket?: string;
  summary?: string;
  promisedBy?: string;
  /** customer service's own promised time has passed */
  promiseBroken: boolean;
};

export type LetterContent = {
  lang: Lang;
  caseId?: string;
  date: string;
  dateLong: string;
  complainant: Complainant;
  respondent: { name: string; platform: string; url?: string; address?: string; company?: string };
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
    status: string;
    demand: string;
  };
  promise: {
    kind: 'promised' | 'instant' | 'none';
    text: string;
    start: string;
    due: string;
    exceeded: boolean;
    /** "3 天 4 小时" when exceeded */
    overdue?: string;
    overdueMinutes?: number;
  };
  contacts: ContactView[];
  tickets: string[];
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
  complaintRules: { title: string; verified: boolean };
  /** the new measures apply (cite by name only) */
  newMeasures: boolean;
  /** only when the consumer asserts fraud (--fraud): the increased compensation of 第五十五条 */
  fraud?: { citation: string; citationEn: string; amount: string };
};

function dateText(now: Date, zone: string, lang: Lang): { date: string; long: string } {
  const dt = DateTime.fromJSDate(now).setZone(zone);
  return {
    date: dt.toFormat('yyyy-MM-dd'),
    long: lang === 'zh' ? `${dt.year}年${dt.month}月${dt.day}日` : dt.setLocale('en-GB').toFormat('d MMMM yyyy'),
  };
}

function promiseText(promise: string, t: Translate, lang: Lang): string {
  if (promise === 'instant' || promise === 'none') return t(`promise.${promise}`);
  const preset = t(`promise.${promise}`);
  if (preset !== `promise.${promise}`) return preset;
  return t('promise.within', { duration: formatDuration(promiseMinutes(promise) ?? 0, lang) });
}

function citationView(selected: SelectedCitation): CitationView {
  const s = selected.statute;
  return {
    id: s.id,
    purpose: selected.purpose,
    citation: citation(s),
    citationEn: citationEn(s),
    lawTitle: LAWS[s.law].title,
    article: s.article,
    quotation: quotationText(s),
    verbatim: s.quotationKind === 'verbatim',
    summaryEn: s.summaryEn,
  };
}

function contactView(contact: Contact, zone: string, now: Date, t: Translate): ContactView {
  return {
    id: contact.id,
    at: formatLocalTime(contact.at, zone),
    channel: t(`channel.${contact.channel}`),
    ...(contact.agent ? { agent: contact.agent } : {}),
    ...(contact.ticket ? { ticket: contact.ticket } : {}),
    ...(contact.summary ? { summary: contact.summary } : {}),
    ...(contact.promisedBy ? { promisedBy: formatLocalTime(contact.promisedBy, zone) } : {}),
    promiseBroken: contact.promisedBy !== undefined && Date.parse(contact.promisedBy) < now.getTime(),
  };
}

/** 第五十五条: three times the price, at least 500 yuan. */
function fraudDemand(amountFen: number): { citation: string; citationEn: string; amount: string } {
  const article = STATUTES.find((s) => s.id === 'consumer-55')!;
  return { citation: citation(article), citationEn: citationEn(article), amount: formatFen(Math.max(amountFen * 3, 50_000)) };
}

/** Assemble the letter's content from the facts. */
export function assembleLetter(source: LetterSource, options: LetterOptions, t: Translate): LetterContent {
  const { now, lang } = options;
  const zone = source.timeZone;
  const record = { ...source, id: source.id ?? 'C0', contacts: source.contacts ?? [] } as Case;
  const overrun = overdueBeyondPromise(record, now);
  const start = promiseStart(record);
  const minutes = promiseMinutes(source.order.promise);
  const due = DateTime.fromISO(start, { setZone: true }).setZone(zone).plus({ minutes: minutes ?? REASONABLE_PERIOD_HOURS * 60 });
  const kind = minutes === undefined ? 'none' : source.order.promise === 'instant' ? 'instant' : 'promised';
  const day = DateTime.fromJSDate(now).setZone(zone).toISODate()!;
  const contacts = source.contacts.map((c) => contactView(c, zone, now, t));
  const selected = selectCitations({
    promiseExceeded: overrun !== undefined,
    instantPromise: kind === 'instant',
    contactedWithoutResult: source.contacts.length > 0 && source.resolution === undefined,
    fraudAsserted: options.fraudAsserted ?? false,
    day,
  }).map(citationView);
  const replyBy = replyDeadline(now, zone, options.replyWithinMinutes);
  const dates = dateText(now, zone, lang);
  // The complaint-handling rules in force when the complaint was filed (LEGAL.md); not yet filed: today's.
  const firstFiling = [...(source.filings ?? [])].sort((a, b) => Date.parse(a.at) - Date.parse(b.at))[0];
  const rules = complaintRules(firstFiling ? DateTime.fromISO(firstFiling.at, { setZone: true }).setZone(zone).toISODate()! : day);
  return {
    lang,
    ...(source.id ? { caseId: source.id } : {}),
    date: dates.date,
    dateLong: dates.long,
    complainant: options.complainant,
    respondent: {
      name: source.platform.company ?? source.platform.name,
      platform: source.platform.name,
      ...(source.platform.url ? { url: source.platform.url } : {}),
      ...(source.platform.companyAddress ? { address: source.platform.companyAddress } : {}),
      ...(source.platform.company ? { company: source.platform.company } : {}),
    },
    order: {
      number: source.order.number,
      product: source.order.product,
      category: t(`category.${source.order.category}`),
      account: source.order.account,
      amount: formatFen(source.order.amountFen),
      paymentMethod: source.order.paymentMethod,
      ...(source.order.paymentRef ? { paymentRef: source.order.paymentRef } : {}),
      orderedAt: formatLocalTime(source.order.orderedAt, zone),
      ...(source.order.paidAt ? { paidAt: formatLocalTime(source.order.paidAt, zone) } : {}),
      status: source.order.status,
      demand: source.order.demand,
    },
    promise: {
      kind,
      text: kind === 'none' ? t('letter.promise.reasonable', { hours: REASONABLE_PERIOD_HOURS }) : promiseText(source.order.promise, t, lang),
      start: formatLocalTime(start, zone),
      due: due.toFormat('yyyy-MM-dd HH:mm'),
      exceeded: overrun !== undefined,
      ...(overrun ? { overdue: formatDuration(overrun.overdueMinutes, lang), overdueMinutes: overrun.overdueMinutes } : {}),
    },
    contacts,
    tickets: contacts.flatMap((c) => (c.ticket ? [c.ticket] : [])),
    evidence: source.evidence.map((e) => ({ id: e.id, title: e.title })),
    citations: selected,
    basis: selected.filter((c) => c.purpose === 'basis'),
    records: selected.filter((c) => c.purpose === 'records'),
    notice: selected.filter((c) => c.purpose === 'notice'),
    replyBy: replyBy.toFormat('yyyy-MM-dd HH:mm'),
    replyByIso: replyBy.toISO({ suppressMilliseconds: true })!,
    replyWithin: formatDuration(options.replyWithinMinutes, lang),
    deliverWithin: lang === 'zh' ? `${options.deliverWithinHours} 小时` : `${options.deliverWithinHours} hours`,
    deliverWithinHours: options.deliverWithinHours,
    complaintRules: { title: rules.title, verified: rules.verified },
    newMeasures: !rules.verified,
    ...(options.fraudAsserted ? { fraud: fraudDemand(source.order.amountFen) } : {}),
  };
}

/** The fields the 12315 complaint form asks for, as text ready to paste. */
export type ComplaintFields = {
  respondent: string;
  respondentAddress: string;
  website: string;
  product: string;
  purchaseTime: string;
  orderNumber: string;
  amount: string;
  facts: string;
  demands: string;
};

/** Fill the 12315 form's fields from the letter's content (one matter per complaint: this order). */
export function complaintFields(content: LetterContent): ComplaintFields {
  const zh = content.lang === 'zh';
  const o = content.order;
  const p = content.promise;
  const contactsText = content.contacts
    .map((c) =>
      zh
        ? `${c.at} 通过${c.channel}联系客服${c.agent ? `“${c.agent}”` : ''}${c.ticket ? `（工单号 ${c.ticket}）` : ''}${c.summary ? `：${c.summary}` : ''}${c.promisedBy ? `；客服承诺 ${c.promisedBy} 前处理${c.promiseBroken ? '，已逾期' : ''}` : ''}`
        : `${c.at} via ${c.channel}${c.agent ? ` (agent ${c.agent})` : ''}${c.ticket ? `, ticket ${c.ticket}` : ''}${c.summary ? `: ${c.summary}` : ''}${c.promisedBy ? `; promised by ${c.promisedBy}${c.promiseBroken ? ', not kept' : ''}` : ''}`,
    )
    .join(zh ? '；' : '; ');
  const facts = zh
    ? [
        `本人于 ${p.start} 在“${content.respondent.platform}”支付订单 ${o.number}，购买“${o.product}”，金额 ${o.amount} 元，充值账号 ${o.account}，支付方式 ${o.paymentMethod}${o.paymentRef ? `（交易号 ${o.paymentRef}）` : ''}。`,
        `平台到账承诺：${p.text}，应于 ${p.due} 前到账。截至 ${content.date}，订单仍为“${o.status}”，充值未按约定全部到账${p.exceeded ? `，已超过承诺时限 ${p.overdue}` : ''}。`,
        contactsText ? `已联系客服 ${content.contacts.length} 次：${contactsText}。仍未解决。` : '',
        content.evidence.length ? `证据见附件（${content.evidence.map((e) => e.id).join('、')}）。` : '',
      ].filter(Boolean).join('')
    : [
        `On ${p.start} I paid ${o.amount} yuan on "${content.respondent.platform}" for order ${o.number} ("${o.product}", account ${o.account}, paid by ${o.paymentMethod}${o.paymentRef ? `, transaction ${o.paymentRef}` : ''}). `,
        `Delivery promise: ${p.text}, due by ${p.due}. As of ${content.date} the order still shows "${o.status}" and nothing was delivered${p.exceeded ? `: ${p.overdue} past the promise` : ''}. `,
        contactsText ? `Customer service contacted ${content.contacts.length} time(s): ${contactsText}. Still unresolved. ` : '',
        content.evidence.length ? `Evidence attached (${content.evidence.map((e) => e.id).join(', ')}).` : '',
      ].filter(Boolean).join('').trim();
  const demands = zh
    ? `请求责令经营者按本人的选择履行约定（将“${o.product}”充值到账号 ${o.account}）或全额退还 ${o.amount} 元；说明迟延原因；提供并保存本订单的交易记录。本人的具体要求：${o.demand}。`
    : `Order the business, at my choice, to deliver ("${o.product}" to account ${o.account}) or refund the ${o.amount} yuan in full; to explain the delay; and to provide and preserve the order's transaction records. Specifically: ${o.demand}.`;
  return {
    respondent: content.respondent.name,
    respondentAddress: content.respondent.address ?? '',
    website: content.respondent.url ?? '',
    product: o.product,
    purchaseTime: o.paidAt ?? o.orderedAt,
    orderNumber: o.number,
    amount: o.amount,
    facts,
    demands,
  };
}
