/**
 * The 12315 form, field by field, from the letter's content (its recorded facts). A 消费者投诉 asks the
 * market regulator to mediate (调解): it cannot order a refund, so the 诉求 asks it to organise mediation.
 * When the consumer asserts that the platform acted illegally (fraud, with recorded grounds), a separate 举报
 * text is offered: a different procedure (暂行办法第七条: a submission holding both is handled as two matters).
 * Pure; templates/complaint.*.njk and complaint.pdf arrange what this returns.
 */
import type { LetterContent } from './letter-facts.js';
import { citation, quotationText, statute } from './legal/statutes.js';
import { cjkSpacing } from './typography.js';

import { DEFAULT_COMPLAINT_FACTS_LIMIT } from './enums.js';

export { DEFAULT_COMPLAINT_FACTS_LIMIT } from './enums.js';

export type ComplaintOptions = { factsLimit?: number };

export type ReportText = {
  /** 举报对象 */
  target: string;
  /** 举报内容: the assertion and its recorded grounds, worded as the consumer's own view */
  content: string;
  /** 举报 vs 投诉: a different procedure, with 暂行办法第七条 where it applies */
  procedure: string;
};

/** The fields the 12315 complaint form asks for, as text ready to paste. */
export type ComplaintFields = {
  respondent: string;
  /** no company recorded: the respondent is only the platform's name */
  respondentIsPlatformName: boolean;
  creditCode: string;
  region: string;
  respondentAddress: string;
  website: string;
  /** 投诉 (and, when fraud is asserted, a separate 举报) */
  matterType: string;
  /** 购买渠道 */
  purchaseChannel: string;
  /** 诉求类型: 退款 / 继续履行 (/ 赔偿 with fraud) */
  requestTypes: string[];
  product: string;
  /** 支付时间 when recorded, else 下单时间 (purchaseTimeLabel says which) */
  purchaseTime: string;
  purchaseTimeLabel: string;
  orderNumber: string;
  amount: string;
  facts: string;
  /** the facts within the limit, when the full text is longer */
  factsShort?: string;
  factsLimit: number;
  demands: string;
  /** the separate 举报 text, only when fraud is asserted with grounds */
  report?: ReportText;
};

function contactLine(c: LetterContent['contacts'][number], zh: boolean): string {
  if (zh) {
    return [
      `${c.at} 通过${c.channel}联系客服${c.agent ? `（${c.agent}）` : ''}`,
      c.ticket ? `工单号 ${c.ticket}` : '',
      c.said ? c.said.replace(/。$/u, '') : '',
      c.outcome ? `结果：${c.outcome}` : '',
      c.promisedBy ? `客服承诺 ${c.promisedBy} 前处理${c.promiseBroken ? '，已逾期未处理' : ''}` : '',
    ].filter(Boolean).join('，');
  }
  return [
    `${c.at} via ${c.channel}${c.agent ? ` (agent ${c.agent})` : ''}`,
    c.ticket ? `ticket ${c.ticket}` : '',
    c.said ? c.said.replace(/\.$/u, '') : '',
    c.outcome ? `outcome: ${c.outcome}` : '',
    c.promisedBy ? `customer service promised to act by ${c.promisedBy}${c.promiseBroken ? ', not kept' : ''}` : '',
  ].filter(Boolean).join(', ');
}

/** The facts, sentence by sentence, each only when its fact is recorded. */
function factSentences(content: LetterContent): { opening: string; promise: string; status: string; contacts: string; contactsShort: string; letters: string; evidence: string } {
  const zh = content.lang === 'zh';
  const o = content.order;
  const p = content.promise;
  const platform = content.respondent.platform;
  const partialZh = o.delivered ? `仅到账 ${o.delivered} 元，其余 ${o.remaining} 元` : '所购充值';
  const partialEn = o.delivered ? `only ${o.delivered} yuan arrived; the remaining ${o.remaining} yuan` : 'the recharge';
  const opening = zh
    ? `本人于 ${o.orderedAt} 在“${platform}”下单（订单编号 ${o.number}），购买“${o.product}”，订单金额 ${o.amount} 元，充值账号 ${o.account}，支付方式为${o.paymentMethod}${o.paymentRef ? `（交易号 ${o.paymentRef}）` : ''}${o.paidAt ? `，于 ${o.paidAt} 支付` : ''}。`
    : `On ${o.orderedAt} I ordered "${o.product}" on "${platform}" (order ${o.number}, ${o.amount} yuan, account ${o.account}, payment method ${o.paymentMethod}${o.paymentRef ? `, transaction ${o.paymentRef}` : ''})${o.paidAt ? ` and paid on ${o.paidAt}` : ''}. `;
  const where = p.source ? `${p.source.document ? `《${p.source.document}》` : ''}${p.source.clause ?? ''}` : '';
  const promise =
    p.source
      ? zh
        ? `经营者${where}载明：“${p.source.quote}”${p.source.evidence ? `（证据 ${p.source.evidence}）` : ''}${p.due ? `，应于 ${p.due} 前到账` : ''}。`
        : `The business's ${where} states: "${p.source.quote}"${p.source.evidence ? ` (evidence ${p.source.evidence})` : ''}${p.due ? `, i.e. delivery by ${p.due}` : ''}. `
    : p.kind === 'promised' ? (zh ? `经营者承诺“${p.text}”，应于 ${p.due} 前到账。` : `The business promised delivery ${p.text}, i.e. by ${p.due}. `)
    : p.kind === 'instant' ? (zh ? `该商品标明“秒充”（即时到账）。` : 'The product was offered as "instant" (秒充). ')
    : '';
  let status: string;
  if (p.kind !== 'none' && p.exceeded) {
    status = zh ? `截至 ${content.date}，${partialZh}仍未到账，已超过承诺时限 ${p.overdue}。` : `As of ${content.date}, ${partialEn} has still not arrived, ${p.overdue} past the promise. `;
  } else if (p.kind === 'none' && p.exceeded) {
    status = zh ? `截至 ${content.date}，${partialZh}仍未到账，距${p.startIsPayment ? '支付' : '下单'}已 ${p.elapsed}，已超出合理期限。` : `As of ${content.date}, ${partialEn} has still not arrived, ${p.elapsed} after the ${p.startIsPayment ? 'payment' : 'order'}: beyond a reasonable time. `;
  } else {
    status = zh ? `截至 ${content.date}，${partialZh}尚未到账。` : `As of ${content.date}, ${partialEn} has not arrived yet. `;
  }
  const lines = content.contacts.map((c) => contactLine(c, zh));
  const contacts = lines.length ? (zh ? `本人已联系客服 ${lines.length} 次：${lines.join('；')}。` : `I contacted customer service ${lines.length} time(s): ${lines.join('; ')}. `) : '';
  const outcomes = content.contacts.flatMap((c) => (c.outcome ? [c.outcome] : []));
  const contactsShort = lines.length
    ? zh ? `本人已联系客服 ${lines.length} 次${outcomes.length ? `（${outcomes.join('；')}）` : ''}，未解决。` : `Customer service contacted ${lines.length} time(s)${outcomes.length ? ` (${outcomes.join('; ')})` : ''}, unresolved. `
    : '';
  const letters = content.lettersSent
    .map((l) =>
      zh
        ? `本人于 ${l.at} 向经营者发出书面投诉函${l.replyBy ? `，要求于 ${l.replyBy} 前答复${l.replyMissed ? '，经营者逾期未答复' : ''}` : ''}。`
        : `On ${l.at} I sent the business a written complaint${l.replyBy ? ` asking for a reply by ${l.replyBy}${l.replyMissed ? '; no reply came by then' : ''}` : ''}. `,
    )
    .join('');
  const evidence = content.evidence.length ? (zh ? `证据见附件（${content.evidence.map((e) => e.id).join('、')}）。` : `Evidence attached (${content.evidence.map((e) => e.id).join(', ')}).`) : '';
  return { opening, promise, status, contacts, contactsShort, letters, evidence };
}

/** Cut a text to `limit` characters at most, ending with "……" when cut. */
function fit(text: string, limit: number): string {
  const chars = [...text];
  return chars.length <= limit ? text : `${chars.slice(0, Math.max(1, limit - 2)).join('')}……`;
}

/** Fill the 12315 form's fields from the letter's content (one matter per complaint: this order). */
export function complaintFields(content: LetterContent, options: ComplaintOptions = {}): ComplaintFields {
  const zh = content.lang === 'zh';
  const o = content.order;
  const limit = options.factsLimit ?? DEFAULT_COMPLAINT_FACTS_LIMIT;
  const s = factSentences(content);
  const typeset = zh ? cjkSpacing : (text: string) => text;
  const facts = typeset([s.opening, s.promise, s.status, s.contacts, s.letters, s.evidence].join('').trim());
  const short = typeset([s.opening, s.promise, s.status, s.contactsShort, s.letters, s.evidence].join('').trim());
  const factsShort = [...facts].length > limit ? fit(short, limit) : undefined;
  const choice = o.delivered
    ? zh ? `将“${o.product}”未到账的部分（对应 ${o.remaining} 元）充值到账号 ${o.account}，或者退还未到账部分 ${o.remaining} 元` : `deliver the missing part of "${o.product}" (worth ${o.remaining} yuan) to account ${o.account}, or refund that ${o.remaining} yuan`
    : zh ? `将“${o.product}”充值到账号 ${o.account}，或者全额退还 ${o.amount} 元` : `deliver "${o.product}" to account ${o.account}, or refund the ${o.amount} yuan in full`;
  const costs = content.claimCosts ? (zh ? '，并承担预付款的利息和本人必须支付的合理费用' : ", and bear the interest on the prepayment and my necessary reasonable costs") : '';
  const fraud = content.fraud
    ? zh ? `本人主张经营者存在欺诈（依据：${content.fraud.grounds.replace(/[。.]$/u, '')}），请求促成经营者依照${content.fraud.citation}增加赔偿 ${content.fraud.amount} 元。` : ` I assert fraud (grounds: ${content.fraud.grounds.replace(/[。.]$/u, '')}) and ask for mediation towards the increased compensation of ${content.fraud.amount} yuan under ${content.fraud.citationEn}.`
    : '';
  const own = o.demand ? (zh ? `本人的具体要求：${o.demand.replace(/[。.]$/u, '')}。` : ` My own words: ${o.demand}`) : '';
  const demands = zh
    ? `请求组织调解，促成经营者按本人的选择${choice}${costs}；书面说明未到账的原因；提供并保存本订单的交易记录。${fraud}${own}`
    : `Please organise mediation so that the business, at my choice, will ${choice}${costs}; explain in writing why nothing arrived; and provide and preserve the order's transaction records.${fraud}${own ? ` ${own}` : ''}`;
  const report = content.fraud ? reportText(content) : undefined;
  return {
    respondent: content.respondent.name,
    respondentIsPlatformName: content.respondent.company === undefined,
    creditCode: content.respondent.creditCode ?? '',
    region: content.respondent.region ?? '',
    respondentAddress: content.respondent.address ?? '',
    website: content.respondent.url ?? '',
    matterType: zh ? (report ? '投诉（另附举报，分别提交）' : '投诉') : report ? 'complaint (and a separate report)' : 'complaint',
    purchaseChannel: zh ? '网络购物' : 'online shopping (网络购物)',
    requestTypes: zh ? ['退款', '继续履行', ...(report ? ['赔偿'] : [])] : ['refund', 'performance', ...(report ? ['compensation'] : [])],
    product: o.product,
    purchaseTime: o.paidAt ?? o.orderedAt,
    purchaseTimeLabel: zh ? (o.paidAt ? '支付时间' : '下单时间') : o.paidAt ? 'time of payment' : 'time of order',
    orderNumber: o.number,
    amount: o.amount,
    facts,
    ...(factsShort ? { factsShort } : {}),
    factsLimit: limit,
    demands: typeset(demands),
    ...(report ? { report: { target: typeset(report.target), content: typeset(report.content), procedure: typeset(report.procedure) } } : {}),
  };
}

/** The separate 举报 text: the consumer's assertion and its recorded grounds, for the regulator to investigate. */
function reportText(content: LetterContent): ReportText {
  const zh = content.lang === 'zh';
  const r = content.respondent;
  const fraud = content.fraud!;
  const target = zh
    ? `${r.name}${r.creditCode ? `（统一社会信用代码 ${r.creditCode}）` : ''}${r.company ? `，经营“${r.platform}”` : ''}`
    : `${r.name}${r.creditCode ? ` (credit code ${r.creditCode})` : ''}${r.company ? `, operating "${r.platform}"` : ''}`;
  const grounds = fraud.grounds.replace(/[。.]$/u, '');
  const body = zh
    ? `本人在“${r.platform}”购买“${content.order.product}”（订单编号 ${content.order.number}，${content.order.amount} 元），${content.order.delivered ? `至今仅到账 ${content.order.delivered} 元` : '至今未到账'}。本人认为经营者涉嫌欺诈消费者，依据：${grounds}。以上是本人的主张，请市场监督管理部门依法调查处理。`
    : `I bought "${content.order.product}" on "${r.platform}" (order ${content.order.number}, ${content.order.amount} yuan); ${content.order.delivered ? `only ${content.order.delivered} yuan of it arrived` : 'it never arrived'}. I believe the business may have defrauded consumers, on these grounds: ${grounds}. This is my assertion; please investigate it under the law.`;
  let procedure: string;
  if (!content.newMeasures) {
    const article = statute('measures-7');
    procedure = zh
      ? `举报与投诉是两种程序：投诉请求市场监督管理部门调解本人与经营者之间的争议；举报反映经营者涉嫌的违法行为，供其调查处理，不解决本人的退款。依照${citation(article)}：“${quotationText(article)}”`
      : `A report and a complaint are two procedures: the complaint asks the regulator to mediate my dispute with the business; the report tells it of a suspected illegal act to investigate, and does not settle my refund. Under Article 7 of the Interim Measures (${citation(article)}), a submission holding both is handled as two matters, each by its own procedure.`;
  } else {
    procedure = zh
      ? `举报与投诉是两种程序：投诉请求市场监督管理部门调解本人与经营者之间的争议；举报反映经营者涉嫌的违法行为，供其调查处理，不解决本人的退款。两者分别提交、分别处理。（投诉举报处理适用《${content.complaintRules.title}》，${content.complaintRules.startText ?? ''}。）`
      : `A report and a complaint are two procedures: the complaint asks the regulator to mediate my dispute; the report tells it of a suspected illegal act to investigate, and does not settle my refund. File them separately (${content.complaintRules.title}, ${content.complaintRules.startText ?? ''}; articles not verified).`;
  }
  return { target, content: body, procedure };
}
