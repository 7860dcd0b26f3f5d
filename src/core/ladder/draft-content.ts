/**
 * The content of the documents for the rungs after the platform (`draft --for ROUTE`), assembled only from what
 * the case records. Pure: the caller passes the clock, the complainant and a translator for labels; each route's
 * template (templates/draft-<route>.<lang>.njk) only arranges what this returns.
 *
 * The order facts, the promise and the contacts come from the letter's facts (one owner); this adds what the
 * rungs need: the letters sent and their proof, the filings on every route, the evidence with what each item
 * proves, the fraud grounds when asserted, and the citations each route may use (verified ones only; routes
 * LEGAL.md reports but does not verify are described without article numbers).
 */
import type { Case } from '../case-model.js';
import type { DraftRoute } from '../enums.js';
import { assembleLetter, type CitationView, citationView, complaintFields, type Complainant, type ComplaintFields, type LetterContent } from '../letter-facts.js';
import { citation, citationEn, type StatuteId, statute } from '../legal/statutes.js';
import { formatFen } from '../money.js';
import { DateTime, formatLocalTime } from '../time.js';
import type { WorkCalendar } from '../working-days.js';
import { fraudGrounds, platformVanished } from './rungs.js';
import { evidenceSource } from '../../evidence/naming.js';

type Translate = (key: string, params?: Record<string, string | number>) => string;

export type DraftOptions = { now: Date; lang: 'zh' | 'en'; complainant: Complainant; calendar: WorkCalendar };

export type DraftContent = Omit<LetterContent, 'citations' | 'basis' | 'records' | 'notice' | 'lettersSent' | 'evidence' | 'fraud'> & {
  route: DraftRoute;
  /** the 12315 text's facts and demands, shared with the consumer-association complaint */
  fields: ComplaintFields;
  lettersSent: { ref: string; at: string; replyBy?: string; channel?: string; reference?: string }[];
  filings: { ref: string; route: string; at: string; authority?: string; reference?: string }[];
  evidence: { id: string; title: string; kind: string; proves: string; source: string }[];
  /** the order's row in an imported payment bill (payment route): the counterparty and numbers as the bill records them */
  bill?: { evidence: string; number: string; counterparty: string; merchantOrder?: string };
  /** the evidence ids, for the "attach E1, E3 …" line */
  evidenceIds: string[];
  citations: CitationView[];
  /** the platform's site and customer service are gone (edit --platform-status vanished) */
  vanished: boolean;
  /** the consumer's own grounds for asserting fraud (edit --fraud), and the full stop it lacks, if any */
  fraudGrounds?: string;
  fraudGroundsEnd?: string;
  /** 第五十五条, only when fraud is asserted */
  fraud?: { citation: string; citationEn: string; amount: string };
  /** the payment channel named by the order's payment method */
  paymentChannel: string;
  /** 第三十九条's words for the mediation route (请求消费者协会……调解), quoted by the consumer-association complaint */
  mediationRoute: string;
};

/** The statutes each route may cite (all verified in the rules data); the telecom and police routes cite none of their own. */
const ROUTE_STATUTES: Record<DraftRoute, StatuteId[]> = {
  payment: [],
  'consumer-association': ['consumer-37', 'consumer-39', 'consumer-53', 'ecommerce-20', 'ecommerce-51-2'],
  telecom: ['ecommerce-51-2'],
  court: ['consumer-53', 'ecommerce-20', 'ecommerce-51-2', 'civil-577'],
  police: [],
};

function view(id: StatuteId): CitationView {
  return citationView(statute(id), 'basis');
}

/** The payment bill's row for this order, when an imported bill matched it (meta.bill.matched): what the bill itself records. */
function matchedBill(record: Case): DraftContent['bill'] {
  for (const item of record.evidence) {
    const matched = (item.meta.bill as { matched?: { number?: unknown; merchantOrder?: unknown; counterparty?: unknown } } | undefined)?.matched;
    if (matched && typeof matched.counterparty === 'string' && typeof matched.number === 'string') {
      return { evidence: item.id, number: matched.number, counterparty: matched.counterparty, ...(typeof matched.merchantOrder === 'string' && matched.merchantOrder !== '' ? { merchantOrder: matched.merchantOrder } : {}) };
    }
  }
  return undefined;
}

export function assembleDraft(record: Case, route: DraftRoute, options: DraftOptions, t: Translate): DraftContent {
  const zone = record.timeZone;
  const grounds = fraudGrounds(record);
  // The letter's facts: respondent, order, promise, contacts (the reply period is irrelevant here).
  const letter = assembleLetter(record, { now: options.now, lang: options.lang, complainant: options.complainant, calendar: options.calendar, replyWithinMinutes: 3 * 1440, deliverWithinHours: 24 }, t);
  const { citations: _citations, basis: _basis, records: _records, notice: _notice, fraud: _fraud, ...base } = letter;
  const promiseExceeded = letter.promise.exceeded;
  const citations = ROUTE_STATUTES[route].filter((id) => id !== 'ecommerce-20' || promiseExceeded).map(view);
  if (grounds !== undefined && route === 'court') citations.push(view('consumer-55'));
  const day = (iso: string) => DateTime.fromISO(iso, { setZone: true }).setZone(zone).toFormat('yyyy-MM-dd HH:mm');
  return {
    ...base,
    route,
    fields: complaintFields(letter),
    lettersSent: record.lettersSent.map((l, index) => ({
      ref: `L${index + 1}`,
      at: day(l.at),
      ...(l.replyBy ? { replyBy: day(l.replyBy) } : {}),
      ...(l.channel ? { channel: t(`sentChannel.${l.channel}`) } : {}),
      ...(l.reference ? { reference: l.reference } : {}),
    })),
    filings: record.filings.map((f, index) => ({
      ref: `F${index + 1}`,
      route: t(`route.${f.route ?? 'regulator'}`),
      at: formatLocalTime(f.at, zone),
      ...(f.authority ? { authority: f.authority } : {}),
      ...(f.complaintNo ? { reference: f.complaintNo } : {}),
    })),
    // named and sourced as in the 12315 package (one wording: src/evidence/naming.ts)
    evidence: record.evidence.map((e) => ({ id: e.id, title: e.title, kind: t(`evidenceKind.${e.kind}`), proves: e.proves, source: evidenceSource(e, zone, t) })),
    ...(route === 'payment' && matchedBill(record) ? { bill: matchedBill(record)! } : {}),
    evidenceIds: record.evidence.map((e) => e.id),
    citations,
    vanished: platformVanished(record),
    ...(grounds !== undefined ? { fraudGrounds: grounds, fraudGroundsEnd: /[。.!！?？]$/.test(grounds) ? '' : options.lang === 'zh' ? '。' : '.' } : {}),
    ...(grounds !== undefined && route === 'court'
      ? { fraud: { citation: citation(statute('consumer-55')), citationEn: citationEn(statute('consumer-55')), amount: formatFen(Math.max(record.order.amountFen * 3, 50_000)) } }
      : {}),
    paymentChannel: record.order.paymentMethod,
    mediationRoute: statute('consumer-39').quotation[1]!,
  };
}
