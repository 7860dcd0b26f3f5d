/**
 * Legal clocks as versioned data: each time limit the deadline engine uses, with the rule it comes from, the
 * period it applies to, whether its text was verified against the official text, and the words to cite.
 * A change in the law is one edit here. Documents may cite a clock's `citation` only when `verified` is true;
 * an unverified clock is shown as "reported — check the notice you receive" and cites no article number.
 */

export type ClockUnit = 'working-day' | 'day' | 'year';

/** What the period is counted from. */
export type ClockStart =
  /** the day after the authority received the complaint (the day of receipt is not counted) */
  | 'day-after-receipt'
  /** the day after the complaint was accepted (受理) */
  | 'day-after-acceptance'
  /** the day the consumer knew or should have known of the harm */
  | 'harm-known';

export type LegalClock = {
  /** stable id, e.g. "cpl-46-handling"; deadlines refer to it */
  id: string;
  /** short name of the law, in Chinese as cited */
  law: string;
  /** article as cited (Chinese numerals), absent when no article may be cited */
  article?: string;
  /** the whole citation text a document may print, e.g. 《中华人民共和国消费者权益保护法》第四十六条 */
  citation: string;
  /**
   * zh: a verbatim excerpt of the article (checked against article-texts.ts; "……" where it is cut), or, for an
   * unverified clock, a paraphrase marked as reported
   */
  quote: string;
  quoteKind: 'verbatim' | 'paraphrase';
  /** one line in English, for the English interface */
  summaryEn: string;
  amount: number;
  unit: ClockUnit;
  countFrom: ClockStart;
  /**
   * The period the rule applies to, as dates of the triggering event (the filing date): from (inclusive) and
   * to (exclusive). Absent means open-ended.
   */
  effectiveFrom?: string;
  effectiveTo?: string;
  verified: boolean;
  /** where the text was checked, or what reported it */
  source: string;
};

export type ClockPurpose = 'regulator-handling' | 'regulator-acceptance' | 'mediation' | 'limitation' | 'telecom-acceptance' | 'telecom-handling';

/** The date the new 《市场监督管理投诉举报处理办法》 (总局令第121号) reportedly took effect (secondary sources; not verified). */
export const NEW_MEASURES_FROM = '2026-04-15';

const CPL = '中华人民共和国消费者权益保护法';
const INTERIM = '市场监督管理投诉举报处理暂行办法';
const NEW_MEASURES = '市场监督管理投诉举报处理办法';

export const LEGAL_CLOCKS: ReadonlyArray<LegalClock & { purpose: ClockPurpose }> = [
  {
    id: 'cpl-46-handling',
    purpose: 'regulator-handling',
    law: CPL,
    article: '第四十六条',
    citation: `《${CPL}》第四十六条`,
    quote: '消费者向有关行政部门投诉的，该部门应当自收到投诉之日起七个工作日内，予以处理并告知消费者。',
    quoteKind: 'verbatim',
    summaryEn: 'The administrative department handles the complaint and informs the consumer within 7 working days of receiving it.',
    amount: 7,
    unit: 'working-day',
    countFrom: 'day-after-receipt',
    effectiveFrom: '2014-03-15',
    verified: true,
    source: '《消费者权益保护法》2013 年修正文本（LawRefBook 汇编），已核对',
  },
  {
    id: 'interim-14-acceptance',
    purpose: 'regulator-acceptance',
    law: INTERIM,
    article: '第十四条',
    citation: `《${INTERIM}》第十四条`,
    quote: '具有本办法规定的处理权限的市场监督管理部门，应当自收到投诉之日起七个工作日内作出受理或者不予受理的决定，并告知投诉人。',
    quoteKind: 'verbatim',
    summaryEn: 'The market regulator decides within 7 working days of receipt whether to accept the complaint and tells the complainant.',
    amount: 7,
    unit: 'working-day',
    countFrom: 'day-after-receipt',
    effectiveTo: NEW_MEASURES_FROM,
    verified: true,
    source: '总局令第20号（2022 年修改）文本（LawRefBook 汇编），已核对',
  },
  {
    id: 'interim-21-mediation',
    purpose: 'mediation',
    law: INTERIM,
    article: '第二十一条',
    citation: `《${INTERIM}》第二十一条`,
    quote: '有下列情形之一的，终止调解：……（五）自投诉受理之日起四十五个工作日内投诉人和被投诉人未能达成调解协议的；……',
    quoteKind: 'verbatim',
    summaryEn: 'Mediation ends if no agreement is reached within 45 working days of acceptance.',
    amount: 45,
    unit: 'working-day',
    countFrom: 'day-after-acceptance',
    effectiveTo: NEW_MEASURES_FROM,
    verified: true,
    source: '总局令第20号（2022 年修改）文本（LawRefBook 汇编），已核对',
  },
  {
    id: 'measures-121-mediation-reported',
    purpose: 'mediation',
    law: NEW_MEASURES,
    citation: `《${NEW_MEASURES}》（总局令第121号）`,
    quote: '据二手资料报道，新办法自 2026 年 4 月 15 日起施行，调解期限为 60 日；原文未核对，以收到的受理通知为准。',
    quoteKind: 'paraphrase',
    summaryEn: 'Reportedly (new measures reportedly in force from 15 April 2026) a 60-day mediation limit; text not verified, check the notice you receive.',
    amount: 60,
    unit: 'day',
    countFrom: 'day-after-acceptance',
    effectiveFrom: NEW_MEASURES_FROM,
    verified: false,
    source: '二手资料报道，原文未核对',
  },
  {
    id: 'interim-15-three-years',
    purpose: 'limitation',
    law: INTERIM,
    article: '第十五条',
    citation: `《${INTERIM}》第十五条`,
    quote: '投诉有下列情形之一的，市场监督管理部门不予受理：……（四）除法律另有规定外，投诉人知道或者应当知道自己的权益受到被投诉人侵害之日起超过三年的；……',
    quoteKind: 'verbatim',
    summaryEn: 'A complaint is not accepted more than 3 years after the consumer knew or should have known of the harm.',
    amount: 3,
    unit: 'year',
    countFrom: 'harm-known',
    effectiveTo: NEW_MEASURES_FROM,
    verified: true,
    source: '总局令第20号（2022 年修改）文本（LawRefBook 汇编），已核对',
  },
  {
    id: 'measures-121-three-years-reported',
    purpose: 'limitation',
    law: NEW_MEASURES,
    citation: `《${NEW_MEASURES}》（总局令第121号）`,
    quote: '新办法（据二手资料报道自 2026 年 4 月 15 日起施行）原文未核对；暂按原暂行办法的三年计算（自知道或者应当知道权益受到侵害之日起），以官方文本为准。',
    quoteKind: 'paraphrase',
    summaryEn: 'The new measures (reportedly in force from 15 April 2026) were not verified; counted as three years from when the consumer knew of the harm, as under the interim measures. Check the official text.',
    amount: 3,
    unit: 'year',
    countFrom: 'harm-known',
    effectiveFrom: NEW_MEASURES_FROM,
    verified: false,
    source: '二手资料报道，原文未核对',
  },
  {
    id: 'miit-12300-acceptance-reported',
    purpose: 'telecom-acceptance',
    law: '工业和信息化部电信用户申诉受理中心',
    citation: '工业和信息化部电信用户申诉受理中心（12300）受理规则',
    quote: '据报道，申诉受理中心在 5 个工作日内决定是否受理；以其现行规则和通知为准。',
    quoteKind: 'paraphrase',
    summaryEn: 'Reportedly the 12300 centre decides within 5 working days whether to accept; check the current rules.',
    amount: 5,
    unit: 'working-day',
    countFrom: 'day-after-receipt',
    verified: false,
    source: '二手资料报道，原文未核对',
  },
  {
    id: 'miit-12300-handling-reported',
    purpose: 'telecom-handling',
    law: '工业和信息化部电信用户申诉受理中心',
    citation: '工业和信息化部电信用户申诉受理中心（12300）受理规则',
    quote: '据报道，申诉受理中心在 30 日内处理完毕；以其现行规则和通知为准。',
    quoteKind: 'paraphrase',
    summaryEn: 'Reportedly the 12300 centre handles a complaint within 30 days; check the current rules.',
    amount: 30,
    unit: 'day',
    countFrom: 'day-after-receipt',
    verified: false,
    source: '二手资料报道，原文未核对',
  },
];

export function clockById(id: string): (LegalClock & { purpose: ClockPurpose }) | undefined {
  return LEGAL_CLOCKS.find((clock) => clock.id === id);
}

/** Whether `date` (yyyy-MM-dd) falls in the clock's period. */
export function clockApplies(clock: LegalClock, date: string): boolean {
  if (clock.effectiveFrom !== undefined && date < clock.effectiveFrom) return false;
  if (clock.effectiveTo !== undefined && date >= clock.effectiveTo) return false;
  return true;
}

/** The clock for a purpose on a date (the filing date, or today when nothing is filed yet). */
export function clockFor(purpose: ClockPurpose, date: string): (LegalClock & { purpose: ClockPurpose }) | undefined {
  return LEGAL_CLOCKS.find((clock) => clock.purpose === purpose && clockApplies(clock, date));
}
