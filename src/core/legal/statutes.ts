/**
 * The statute citations the documents may use, as data: one edit here when the law changes, and tests check
 * that every article a document cites comes from this table.
 *
 * Every quotation below was checked, character for character, against the official texts as compiled by the
 * LawRefBook project (the project's legal brief; the full article texts are in article-texts.ts and a unit
 * test compares every excerpt with them). Segments of a quotation are contiguous excerpts; documents join them
 * with "……", and a quotation that stops short of its article's end ends with "……" (one that starts inside
 * it begins with "……"). Entries whose text the brief did not have are marked `quotationKind: 'paraphrase'`
 * and are never put in quotation marks.
 *
 * Never add: article numbers of the new 《市场监督管理投诉举报处理办法》 (its text is not verified; cite it by
 * name only), article numbers of 网络交易监督管理办法 or 消费者权益保护法实施条例.
 */

import { articleText } from './article-texts.js';

export type LawId = 'consumer-law' | 'e-commerce-law' | 'civil-code' | 'complaint-measures-2022' | 'evidence-provisions';

export type Law = {
  id: LawId;
  /** full title as cited in Chinese, without book-title marks */
  title: string;
  titleEn: string;
  /** the version cited: when it took effect, and when it stopped applying (exclusive) if it did */
  effectiveFrom: string;
  effectiveUntil?: string;
  source: string;
};

export const LAWS: Record<LawId, Law> = {
  'consumer-law': {
    id: 'consumer-law',
    title: '中华人民共和国消费者权益保护法',
    titleEn: 'Law of the PRC on the Protection of Consumer Rights and Interests',
    effectiveFrom: '2014-03-15',
    source: '全国人大常委会 2013年10月25日第二次修正本（LawRefBook 汇编）',
  },
  'e-commerce-law': {
    id: 'e-commerce-law',
    title: '中华人民共和国电子商务法',
    titleEn: 'E-Commerce Law of the PRC',
    effectiveFrom: '2019-01-01',
    source: '全国人大常委会 2018年8月31日通过（LawRefBook 汇编）',
  },
  'civil-code': {
    id: 'civil-code',
    title: '中华人民共和国民法典',
    titleEn: 'Civil Code of the PRC',
    effectiveFrom: '2021-01-01',
    source: '全国人民代表大会 2020年5月28日通过（条文要旨，据项目法律要点表）',
  },
  'complaint-measures-2022': {
    id: 'complaint-measures-2022',
    title: '市场监督管理投诉举报处理暂行办法',
    titleEn: 'Interim Measures for Handling Market Regulation Complaints and Reports',
    effectiveFrom: '2020-01-01',
    effectiveUntil: '2026-04-15',
    source: '国家市场监督管理总局令第20号，2022年3月24日修改（LawRefBook 汇编）',
  },
  'evidence-provisions': {
    id: 'evidence-provisions',
    title: '最高人民法院关于民事诉讼证据的若干规定',
    titleEn: "Provisions of the Supreme People's Court on Evidence in Civil Procedures",
    effectiveFrom: '2020-05-01',
    source: '最高人民法院审判委员会 2019年10月14日修正（LawRefBook 汇编）',
  },
};

/**
 * The regulation that reportedly replaced the interim measures; its text is not verified: cite by name only,
 * and give its start date as reported (startText), never as a fact.
 */
export const NEW_COMPLAINT_MEASURES = {
  title: '市场监督管理投诉举报处理办法',
  titleEn: 'Measures for Handling Market Regulation Complaints and Reports',
  appliesFrom: '2026-04-15',
  verified: false,
  startText: { zh: '据二手资料报道自 2026 年 4 月 15 日起施行，原文未核对', en: 'reportedly in force from 15 April 2026; text not verified' },
} as const;

export type StatuteId =
  | 'consumer-8'
  | 'consumer-16'
  | 'consumer-20'
  | 'consumer-37'
  | 'consumer-39'
  | 'consumer-44'
  | 'consumer-46'
  | 'consumer-53'
  | 'consumer-55'
  | 'ecommerce-15'
  | 'ecommerce-17'
  | 'ecommerce-20'
  | 'ecommerce-31'
  | 'ecommerce-51-2'
  | 'ecommerce-59'
  | 'ecommerce-62'
  | 'civil-563'
  | 'civil-577'
  | 'measures-7'
  | 'measures-9'
  | 'measures-10'
  | 'evidence-14'
  | 'evidence-15'
  | 'evidence-93'
  | 'evidence-94';

export type Statute = {
  id: StatuteId;
  law: LawId;
  /** as cited in Chinese: 第五十三条, 第五十一条第二款 */
  article: string;
  articleEn: string;
  /** contiguous excerpts of the official text (or, for a paraphrase, one sentence that is not a quotation) */
  quotation: readonly string[];
  quotationKind: 'verbatim' | 'paraphrase';
  /** a faithful English rendering, for the English letter (a translation, never a quotation) */
  summaryEn: string;
  verified: boolean;
};

export const STATUTES: readonly Statute[] = [
  {
    id: 'consumer-8', law: 'consumer-law', article: '第八条', articleEn: 'Article 8',
    quotation: ['消费者享有知悉其购买、使用的商品或者接受的服务的真实情况的权利。'],
    quotationKind: 'verbatim',
    summaryEn: 'consumers have the right to know the true situation of the goods or services they buy',
    verified: true,
  },
  {
    id: 'consumer-16', law: 'consumer-law', article: '第十六条', articleEn: 'Article 16',
    quotation: ['经营者和消费者有约定的，应当按照约定履行义务'],
    quotationKind: 'verbatim',
    summaryEn: 'where the business and the consumer have an agreement, the business shall perform its obligations as agreed',
    verified: true,
  },
  {
    id: 'consumer-20', law: 'consumer-law', article: '第二十条', articleEn: 'Article 20',
    quotation: ['经营者向消费者提供有关商品或者服务的质量、性能、用途、有效期限等信息，应当真实、全面，不得作虚假或者引人误解的宣传。'],
    quotationKind: 'verbatim',
    summaryEn: 'information about goods or services must be true and complete, without false or misleading promotion',
    verified: true,
  },
  {
    id: 'consumer-37', law: 'consumer-law', article: '第三十七条', articleEn: 'Article 37',
    quotation: ['受理消费者的投诉，并对投诉事项进行调查、调解'],
    quotationKind: 'verbatim',
    summaryEn: "consumer associations accept consumers' complaints and investigate and mediate them",
    verified: true,
  },
  {
    id: 'consumer-39', law: 'consumer-law', article: '第三十九条', articleEn: 'Article 39',
    quotation: ['与经营者协商和解', '请求消费者协会或者依法成立的其他调解组织调解', '向有关行政部门投诉'],
    quotationKind: 'verbatim',
    summaryEn: 'a dispute may be settled by negotiation, mediation by a consumer association, a complaint to the administrative department, arbitration or a lawsuit',
    verified: true,
  },
  {
    id: 'consumer-44', law: 'consumer-law', article: '第四十四条', articleEn: 'Article 44',
    quotation: ['网络交易平台提供者不能提供销售者或者服务者的真实名称、地址和有效联系方式的，消费者也可以向网络交易平台提供者要求赔偿'],
    quotationKind: 'verbatim',
    summaryEn: "a platform that cannot provide the seller's real name, address and contact details may itself be asked to compensate",
    verified: true,
  },
  {
    id: 'consumer-46', law: 'consumer-law', article: '第四十六条', articleEn: 'Article 46',
    quotation: ['该部门应当自收到投诉之日起七个工作日内，予以处理并告知消费者。'],
    quotationKind: 'verbatim',
    summaryEn: 'the administrative department shall handle a complaint and inform the consumer within seven working days of receiving it',
    verified: true,
  },
  {
    id: 'consumer-53', law: 'consumer-law', article: '第五十三条', articleEn: 'Article 53',
    quotation: ['经营者以预收款方式提供商品或者服务的，应当按照约定提供。未按照约定提供的，应当按照消费者的要求履行约定或者退回预付款；并应当承担预付款的利息、消费者必须支付的合理费用。'],
    quotationKind: 'verbatim',
    summaryEn: "a business paid in advance must deliver as agreed; if it does not, it must, as the consumer chooses, perform or refund the prepayment, and bear the interest and the consumer's reasonable costs",
    verified: true,
  },
  {
    id: 'consumer-55', law: 'consumer-law', article: '第五十五条', articleEn: 'Article 55',
    quotation: ['经营者提供商品或者服务有欺诈行为的，应当按照消费者的要求增加赔偿其受到的损失，增加赔偿的金额为消费者购买商品的价款或者接受服务的费用的三倍；增加赔偿的金额不足五百元的，为五百元'],
    quotationKind: 'verbatim',
    summaryEn: "where a business commits fraud it shall, at the consumer's request, pay increased compensation of three times the price paid, and at least 500 yuan",
    verified: true,
  },
  {
    id: 'ecommerce-15', law: 'e-commerce-law', article: '第十五条', articleEn: 'Article 15',
    quotation: ['电子商务经营者应当在其首页显著位置，持续公示营业执照信息'],
    quotationKind: 'verbatim',
    summaryEn: 'e-commerce operators shall show their business-licence information (or a link to it) prominently on their home page',
    verified: true,
  },
  {
    id: 'ecommerce-17', law: 'e-commerce-law', article: '第十七条', articleEn: 'Article 17',
    quotation: ['电子商务经营者应当全面、真实、准确、及时地披露商品或者服务信息，保障消费者的知情权和选择权。'],
    quotationKind: 'verbatim',
    summaryEn: 'e-commerce operators shall disclose goods and service information fully, truly, accurately and in time',
    verified: true,
  },
  {
    id: 'ecommerce-20', law: 'e-commerce-law', article: '第二十条', articleEn: 'Article 20',
    quotation: ['电子商务经营者应当按照承诺或者与消费者约定的方式、时限向消费者交付商品或者服务'],
    quotationKind: 'verbatim',
    summaryEn: 'e-commerce operators shall deliver goods or services by the method and within the time limit promised or agreed',
    verified: true,
  },
  {
    id: 'ecommerce-31', law: 'e-commerce-law', article: '第三十一条', articleEn: 'Article 31',
    quotation: ['商品和服务信息、交易信息保存时间自交易完成之日起不少于三年'],
    quotationKind: 'verbatim',
    summaryEn: 'platforms shall keep goods, service and transaction information for at least three years from completion of the transaction',
    verified: true,
  },
  {
    id: 'ecommerce-51-2', law: 'e-commerce-law', article: '第五十一条第二款', articleEn: 'Article 51, paragraph 2',
    quotation: ['合同标的为采用在线传输方式交付的，合同标的进入对方当事人指定的特定系统并且能够检索识别的时间为交付时间。'],
    quotationKind: 'verbatim',
    summaryEn: 'goods delivered online are delivered when they enter the system the buyer designated and can be retrieved there',
    verified: true,
  },
  {
    id: 'ecommerce-59', law: 'e-commerce-law', article: '第五十九条', articleEn: 'Article 59',
    quotation: ['电子商务经营者应当建立便捷、有效的投诉、举报机制，公开投诉、举报方式等信息，及时受理并处理投诉、举报。'],
    quotationKind: 'verbatim',
    summaryEn: 'e-commerce operators shall run a convenient and effective complaint mechanism and handle complaints in time',
    verified: true,
  },
  {
    id: 'ecommerce-62', law: 'e-commerce-law', article: '第六十二条', articleEn: 'Article 62',
    quotation: ['在电子商务争议处理中，电子商务经营者应当提供原始合同和交易记录。'],
    quotationKind: 'verbatim',
    summaryEn: 'in an e-commerce dispute the operator shall provide the original contract and transaction records',
    verified: true,
  },
  {
    id: 'civil-563', law: 'civil-code', article: '第五百六十三条', articleEn: 'Article 563',
    quotation: ['当事人一方迟延履行主要债务，经催告后在合理期限内仍未履行的，对方可以解除合同'],
    quotationKind: 'paraphrase',
    summaryEn: 'a contract may be terminated if, after a demand, the other party still fails to perform within a reasonable time',
    verified: true,
  },
  {
    id: 'civil-577', law: 'civil-code', article: '第五百七十七条', articleEn: 'Article 577',
    quotation: ['当事人一方不履行合同义务或者履行合同义务不符合约定的，应当承担违约责任'],
    quotationKind: 'paraphrase',
    summaryEn: 'a party that fails to perform or performs not as agreed bears liability for breach of contract',
    verified: true,
  },
  {
    id: 'measures-7', law: 'complaint-measures-2022', article: '第七条', articleEn: 'Article 7',
    quotation: ['向市场监督管理部门同时提出投诉和举报，或者提供的材料同时包含投诉和举报内容的，市场监督管理部门应当按照本办法规定的程序对投诉和举报予以分别处理。'],
    quotationKind: 'verbatim',
    summaryEn: 'a submission holding both a complaint and a report is handled as two matters, each by its own procedure',
    verified: true,
  },
  {
    id: 'measures-9', law: 'complaint-measures-2022', article: '第九条', articleEn: 'Article 9',
    quotation: ['投诉人的姓名、电话号码、通讯地址', '被投诉人的名称（姓名）、地址', '具体的投诉请求以及消费者权益争议事实'],
    quotationKind: 'verbatim',
    summaryEn: "a complaint states the complainant's name, phone and address, the respondent's name and address, the request and the facts",
    verified: true,
  },
  {
    id: 'measures-10', law: 'complaint-measures-2022', article: '第十条', articleEn: 'Article 10',
    quotation: ['授权委托书应当载明委托事项、权限和期限，由委托人签名。'],
    quotationKind: 'verbatim',
    summaryEn: 'the power of attorney shall state the matters entrusted, the powers and the period, and be signed by the principal',
    verified: true,
  },
  {
    id: 'evidence-14', law: 'evidence-provisions', article: '第十四条', articleEn: 'Article 14',
    quotation: ['网页、博客、微博客等网络平台发布的信息', '用户注册信息、身份认证信息、电子交易记录、通信记录、登录日志等信息'],
    quotationKind: 'verbatim',
    summaryEn: 'electronic data includes web pages, electronic transaction records, communication records and similar information',
    verified: true,
  },
  {
    id: 'evidence-15', law: 'evidence-provisions', article: '第十五条', articleEn: 'Article 15',
    quotation: ['直接来源于电子数据的打印件或其他可以显示、识别的输出介质，视为电子数据的原件。'],
    quotationKind: 'verbatim',
    summaryEn: 'a printout or other output derived directly from electronic data counts as the original',
    verified: true,
  },
  {
    id: 'evidence-93', law: 'evidence-provisions', article: '第九十三条', articleEn: 'Article 93',
    quotation: ['电子数据是否被完整地保存、传输、提取，保存、传输、提取的方法是否可靠'],
    quotationKind: 'verbatim',
    summaryEn: 'courts judge the authenticity of electronic data by, among other things, whether it was preserved completely and by reliable methods',
    verified: true,
  },
  {
    id: 'evidence-94', law: 'evidence-provisions', article: '第九十四条', articleEn: 'Article 94',
    quotation: ['电子数据存在下列情形的，人民法院可以确认其真实性，但有足以反驳的相反证据的除外', '电子数据的内容经公证机关公证的，人民法院应当确认其真实性，但有相反证据足以推翻的除外。'],
    quotationKind: 'verbatim',
    summaryEn: 'the court may accept electronic data as authentic in five listed cases (among them: against the interest of the party that kept it; provided or confirmed by a neutral third-party platform; formed in the ordinary course of business), each unless rebutted by sufficient contrary evidence; notarised data shall be accepted unless contrary evidence overturns it',
    verified: true,
  },
];

const BY_ID = new Map(STATUTES.map((s) => [s.id, s]));

export function statute(id: StatuteId): Statute {
  const found = BY_ID.get(id);
  if (!found) throw new Error(`unknown statute ${id}`);
  return found;
}

/** "《中华人民共和国消费者权益保护法》第五十三条": the exact form every document cites. */
export function citation(s: Statute): string {
  return `《${LAWS[s.law].title}》${s.article}`;
}

/** "Article 53, Law of the PRC on the Protection of Consumer Rights and Interests". */
export function citationEn(s: Statute): string {
  return `${s.articleEn}, ${LAWS[s.law].titleEn}`;
}

/** The quotation as printed: excerpts joined by an ellipsis, with one where it starts or stops inside the text. */
export function quotationText(s: Statute): string {
  return excerptText(articleText(s.law, s.article), s.quotation);
}

/** Excerpts of `full` joined by "……", with a leading/trailing "……" where the excerpt is cut there. */
export function excerptText(full: string | undefined, segments: readonly string[]): string {
  const joined = segments.join('……');
  if (full === undefined) return joined;
  const first = segments[0] ?? '';
  const last = segments.at(-1) ?? '';
  const lead = full.startsWith(first) ? '' : '……';
  const tail = full.endsWith(last) ? '' : '……';
  return `${lead}${joined}${tail}`;
}

/** Whether a law version applies on a day (YYYY-MM-DD). */
export function lawInForce(law: Law, day: string): boolean {
  return day >= law.effectiveFrom && (law.effectiveUntil === undefined || day < law.effectiveUntil);
}

/** The facts the choice of citations depends on (computed by the caller from the case and the clock). */
export type CitationFacts = {
  /** what the platform promised: a time (instant or within a period) or nothing */
  promiseKind: 'none' | 'instant' | 'within';
  /** a time was promised or agreed (the platform's promise, or customer service's) and it has passed */
  promiseExceeded: boolean;
  /** before the promised time (or the assumed reasonable period) ran out: the letter only asks to confirm */
  tooEarly?: boolean;
  /** contacts are recorded and none records a reason the platform gave */
  noCauseGiven?: boolean;
  /** at least two contacts recorded without a result */
  stalledContacts?: boolean;
  /** who the respondent is (--platform-kind) */
  platformKind?: 'self-run' | 'platform' | 'shop-on-platform';
  /** the consumer asserts fraud with recorded grounds: only then ×3 is cited */
  fraudAsserted?: boolean;
  /** the day (YYYY-MM-DD) the rules are judged on */
  day: string;
};

export type CitationPurpose = 'basis' | 'records' | 'notice';

export type SelectedCitation = { statute: Statute; purpose: CitationPurpose; reason: string };

/**
 * Which statutes fit a stuck prepaid order's recorded facts, in the order a letter uses them: the legal basis
 * first, then the demand for records, then the closing notice. A default letter (no promise exceeded beyond
 * the basics, no extra facts) cites at most five articles: 第五十三条, 电子商务法第二十条 (only with a promised
 * or agreed time), 第五十一条第二款, 第六十二条 and 第三十九条. Pure.
 */
export function selectCitations(facts: CitationFacts): SelectedCitation[] {
  const picked: SelectedCitation[] = [];
  const add = (id: StatuteId, purpose: CitationPurpose, reason: string) => {
    const s = statute(id);
    if (s.verified && lawInForce(LAWS[s.law], facts.day)) picked.push({ statute: s, purpose, reason });
  };
  const promised = facts.promiseKind !== 'none';
  add('consumer-53', 'basis', 'prepaid order not delivered as agreed');
  if (promised || facts.promiseExceeded) add('ecommerce-20', 'basis', 'a delivery time was promised or agreed');
  add('ecommerce-51-2', 'basis', 'the recharge has not reached the designated account: not delivered');
  if (facts.tooEarly) return picked;
  if (facts.promiseKind === 'instant' && facts.promiseExceeded) {
    add('consumer-20', 'basis', '"instant" delivery promised but not delivered');
    add('ecommerce-17', 'basis', '"instant" delivery promised but not delivered');
  }
  if (facts.noCauseGiven) add('consumer-8', 'basis', 'the platform gave no cause for the delay');
  if (facts.stalledContacts) add('ecommerce-59', 'basis', 'customer service contacted repeatedly without a result');
  if (facts.platformKind === 'shop-on-platform') add('consumer-44', 'basis', 'the seller is a shop inside the platform');
  if (facts.fraudAsserted) add('consumer-55', 'basis', 'the consumer asserts fraud, with recorded grounds');
  add('ecommerce-62', 'records', 'demand the original contract and transaction records');
  if (facts.platformKind === 'platform') add('ecommerce-31', 'records', 'a platform operator must keep transaction records');
  add('consumer-39', 'notice', 'the routes if there is no reply');
  return picked;
}

/**
 * The complaint-handling rules by filing day: before 2026-04-15 the interim measures (with article numbers);
 * from that day the new measures, by name only.
 */
export function complaintRules(day: string): { title: string; verified: boolean; authorisationArticle?: Statute } {
  if (day < NEW_COMPLAINT_MEASURES.appliesFrom) {
    return { title: LAWS['complaint-measures-2022'].title, verified: true, authorisationArticle: statute('measures-10') };
  }
  return { title: NEW_COMPLAINT_MEASURES.title, verified: false };
}
