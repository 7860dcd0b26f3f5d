/**
 * Every bundled template (letter, 12315 text, authorisation; zh and en) walked over a matrix of recorded and
 * missing facts: no sentence may speak of a fact the case does not record, and every quotation must be the
 * rules data's text.
 */
import { describe, expect, it } from 'vitest';
import type { Case } from '../../src/core/case-model.js';
import { assembleLetter, complaintFields, type LetterContent } from '../../src/core/letter-facts.js';
import { quotationText, STATUTES, citation } from '../../src/core/legal/statutes.js';
import { authorizationData } from '../../src/documents/authorization.js';
import { letterMarkup } from '../../src/documents/letter.js';
import { renderTemplate } from '../../src/documents/templates.js';
import { createTranslator } from '../../src/ui/i18n.js';
import { makeCase } from './deadlines-fixture.js';

const complainant = { name: '张三', phone: '13800138000', address: '北京市朝阳区某某街 1 号' };

type Pattern = {
  promise: 'none' | 'instant' | '2h';
  paid: boolean;
  company: boolean;
  contacts: 'none' | 'said' | 'silent';
  partial: boolean;
  fraud: boolean;
  early: boolean;
};

function* patterns(): Generator<Pattern> {
  for (const promise of ['none', 'instant', '2h'] as const)
    for (const paid of [false, true])
      for (const company of [false, true])
        for (const contacts of ['none', 'said', 'silent'] as const)
          for (const partial of [false, true])
            for (const fraud of [false, true])
              for (const early of [false, true]) yield { promise, paid, company, contacts, partial, fraud, early };
}

function caseFor(p: Pattern): Case {
  const record = makeCase({
    order: {
      promise: p.promise,
      status: '处理中',
      demand: '在合理期限内完成充值，或按我的选择全额退款',
      ...(p.paid ? { paidAt: '2026-11-20T10:03:00+08:00' } : {}),
      ...(p.partial ? { deliveredFen: 3000 } : {}),
    },
    contacts:
      p.contacts === 'none' ? []
      : p.contacts === 'said' ? [{ at: '2026-11-20T10:30:00+08:00', agent: '小王', ticket: 'GD-1', summary: '系统繁忙，请等待' }]
      : [{ at: '2026-11-20T10:30:00+08:00' }, { at: '2026-11-20T10:40:00+08:00', channel: 'phone' }],
  });
  if (!p.company) record.platform = { name: '快充卡盟' };
  if (p.fraud) record.fraudGrounds = '平台明知上游渠道已停止供货仍持续收款';
  return record;
}

const ABSENT_PROMISE_ZH = ['超过承诺', '贵方承诺', '经营者承诺', '到账承诺', '秒充'];
const ABSENT_PROMISE_EN = ['past the promise', 'You promised', 'business promised', 'Delivery promise', 'instant'];

async function renderAll(record: Case, now: Date, lang: 'zh' | 'en') {
  const t = createTranslator(lang);
  const content = assembleLetter(record, { now, lang, complainant, replyWithinMinutes: 4320, deliverWithinHours: 24 }, t);
  const fields = complaintFields(content);
  const letter = await letterMarkup(content);
  const complaint = await renderTemplate(`complaint.${lang}.njk`, { content, fields, exhibits: [] });
  const authorization = await renderTemplate(`authorization.${lang}.njk`, authorizationData({ content, agent: { name: '李四', phone: '13900139000' }, scope: 'general', font: undefined as never, creationDate: now, caseId: 'C1' }));
  return { content, letter, complaint, authorization };
}

function citedArticles(text: string): string[] {
  return [...new Set([...text.matchAll(/《[^》]+》第[一二三四五六七八九十百]+条(第[一二三四五六七八九十]+款)?/gu)].map((m) => m[0]))];
}

function expectAbsent(text: string, words: string[], why: string): void {
  for (const word of words) expect(text.includes(word), `${why}: "${word}" must not appear`).toBe(false);
}

describe('templates speak only of recorded facts', () => {
  const all = [...patterns()];
  it(`walks ${all.length} fact patterns × zh/en × letter, 12315 text and authorisation`, async () => {
    for (const p of all) {
      const record = caseFor(p);
      const now = p.early ? new Date('2026-11-20T10:20:00+08:00') : new Date('2026-11-24T14:00:00+08:00');
      const label = JSON.stringify(p);
      for (const lang of ['zh', 'en'] as const) {
        const { content, letter, complaint, authorization } = await renderAll(record, now, lang);
        const everything = `${letter}\n${complaint}\n${authorization}`;
        expectAbsent(everything, ['undefined', 'null', '[object', 'NaN'], label);
        if (lang === 'zh') {
          if (!p.paid) {
            expectAbsent(everything, ['支付时间'], `${label} no --paid-at`);
            expect(everything, label).not.toMatch(/\d{2}:\d{2}\s*支付/u);
          }
          if (p.promise === 'none') {
            expectAbsent(everything, ABSENT_PROMISE_ZH, `${label} no promise`);
            if (p.contacts !== 'said') expectAbsent(letter, ['《中华人民共和国电子商务法》第二十条'], `${label} no promise`);
          }
          if (!p.company) expectAbsent(letter, ['经营者）', '地址：浙江'], `${label} no company`);
          if (p.contacts === 'none') expectAbsent(letter, ['工单号', '联系贵方客服', '客服称', '沟通经过'], `${label} no contacts`);
          if (p.contacts === 'silent') expectAbsent(everything, ['称：“'], `${label} nothing said`);
          if (p.contacts === 'said') expect(letter).toContain('客服（小王）称：“系统繁忙，请等待”');
          if (!p.partial) expectAbsent(everything, ['已到账', '未到账部分', '其余'], `${label} not partial`);
          else expect(letter).toContain('70.00 元');
          if (!p.fraud) expectAbsent(everything, ['欺诈', '第五十五条', '举报内容', '三倍'], `${label} no fraud`);
          else if (content.mode === 'demand') {
            expect(letter.indexOf('平台明知上游渠道已停止供货仍持续收款'), label).toBeGreaterThan(0);
            expect(letter.indexOf('平台明知上游渠道已停止供货仍持续收款'), label).toBeLessThan(letter.indexOf('第五十五条'));
            expect(complaint).toContain('举报内容');
          }
          if (content.mode === 'confirmation') {
            expect(p.early, label).toBe(true);
            expectAbsent(letter, ['催告', '书面投诉函', '超过承诺时限', '超出合理期限', '第三十九条'], `${label} too early`);
          }
          // the 12315 text asks for mediation; the regulator cannot order anything
          expectAbsent(complaint, ['责令'], label);
          expect(complaint).toContain('请求组织调解，促成经营者');
          // typography: 本人, no 均, full-width brackets and Chinese quotation marks, spaces between Han and Latin
          expectAbsent(letter, ['均未', '我的诉求', '"'], label);
          for (const text of [letter, complaint, authorization]) {
            expect(text.replace(/https?:\/\/\S+/gu, ''), label).not.toMatch(/[()]/u);
            expect(text, label).not.toMatch(/\p{Script=Han}[A-Za-z0-9]|[A-Za-z0-9]\p{Script=Han}/u);
          }
          if (p.contacts === 'none' && !p.fraud && !p.early && p.promise !== 'instant') expect(citedArticles(letter).length, `${label} default letter`).toBeLessThanOrEqual(5);
        } else {
          if (!p.paid) expectAbsent(everything, ['paid on', 'Paid at', 'time of payment'], `${label} no --paid-at`);
          if (p.promise === 'none') expectAbsent(everything, ABSENT_PROMISE_EN, `${label} no promise`);
          if (!p.fraud) expectAbsent(everything, ['fraud', 'Article 55', 'Report (举报)'], `${label} no fraud`);
          if (!p.partial) expectAbsent(everything, ['Delivered |', 'remaining', 'missing'], `${label} not partial`);
          expectAbsent(complaint, ['Order the business'], label);
        }
      }
    }
  }, 120_000);
});

describe('quotations are the rules data', () => {
  it('every “…” after 规定： in a letter is the statute text from src/core/legal', async () => {
    const record = caseFor({ promise: 'instant', paid: true, company: true, contacts: 'silent', partial: false, fraud: true, early: false });
    record.platform.kind = 'platform';
    const { letter } = await renderAll(record, new Date('2026-11-24T14:00:00+08:00'), 'zh');
    const byCitation = new Map(STATUTES.map((s) => [citation(s), quotationText(s)]));
    const quoted = [...letter.replace(/\n/g, '').matchAll(/(《[^》]+》第[^“（]+?条(?:第[^“（]+?款)?)(?:规定：|（)“([^”]+)”/gu)];
    expect(quoted.length).toBeGreaterThanOrEqual(6);
    for (const [, cited, text] of quoted) {
      const expected = byCitation.get(cited!.trim());
      expect(expected, cited).toBeDefined();
      // the letter's typography pass may only have added spaces around Latin letters and digits
      expect(text!.replace(/ /g, '')).toBe(expected!.replace(/ /g, ''));
    }
  });
});

describe('item by item', () => {
  const late = new Date('2026-11-24T14:00:00+08:00');
  it('words the assumed period as an assumption, never a promise', async () => {
    const { letter, content } = await renderAll(caseFor({ promise: 'none', paid: false, company: true, contacts: 'none', partial: false, fraud: false, early: false }), late, 'zh');
    expect(content.facts.promise.source).toMatchObject({ kind: 'assumed' });
    expect(letter).toMatch(/至今已 4 天 4 小时，所购充值仍未到账，已超出合理期限/u);
  });

  it('demands the remainder of a partial delivery, with the numbers', async () => {
    const { letter, content } = await renderAll(caseFor({ promise: '2h', paid: true, company: true, contacts: 'none', partial: true, fraud: false, early: false }), late, 'zh');
    expect(content.order).toMatchObject({ delivered: '30.00', remaining: '70.00', refund: '70.00' });
    expect(letter).toContain('退还未到账部分 70.00 元（订单金额 100.00 元，已到账 30.00 元）');
  });

  it('adds interest and reasonable costs only when asked', async () => {
    const record = caseFor({ promise: '2h', paid: true, company: true, contacts: 'none', partial: false, fraud: false, early: false });
    const t = createTranslator('zh');
    const plain = await letterMarkup(assembleLetter(record, { now: late, lang: 'zh', complainant, replyWithinMinutes: 4320, deliverWithinHours: 24 }, t));
    const costs = await letterMarkup(assembleLetter(record, { now: late, lang: 'zh', complainant, replyWithinMinutes: 4320, deliverWithinHours: 24, claimCosts: true }, t));
    expect(plain).not.toContain('并承担预付款的利息和本人必须支付的合理费用');
    expect(costs).toContain('并承担预付款的利息和本人必须支付的合理费用');
  });

  it('keeps 投诉事实 within the limit with a short version', () => {
    const record = caseFor({ promise: '2h', paid: true, company: true, contacts: 'said', partial: false, fraud: false, early: false });
    record.contacts = Array.from({ length: 8 }, (_, i) => ({ id: `K${i + 1}`, channel: 'phone' as const, at: '2026-11-21T10:00:00+08:00', summary: '正在处理中，请耐心等待，不要重复提交工单', outcome: '拒绝退款', evidence: [], recordedAt: '2026-11-21T10:00:00+08:00' }));
    const content: LetterContent = assembleLetter(record, { now: late, lang: 'zh', complainant, replyWithinMinutes: 4320, deliverWithinHours: 24 }, createTranslator('zh'));
    const fields = complaintFields(content, { factsLimit: 300 });
    expect([...fields.facts].length).toBeGreaterThan(300);
    expect(fields.factsShort).toBeDefined();
    expect([...fields.factsShort!].length).toBeLessThanOrEqual(300);
    expect(fields.facts).toContain('结果：拒绝退款');
    expect(complaintFields(content).factsShort).toBeDefined();
  });

  it('puts the sent letter and its missed reply date into the 12315 facts', () => {
    const record = caseFor({ promise: '2h', paid: true, company: true, contacts: 'none', partial: false, fraud: false, early: false });
    record.lettersSent = [{ at: '2026-11-21T10:00:00+08:00', replyBy: '2026-11-23T18:00:00+08:00', recordedAt: '2026-11-21T10:00:00+08:00' }];
    const fields = complaintFields(assembleLetter(record, { now: late, lang: 'zh', complainant, replyWithinMinutes: 4320, deliverWithinHours: 24 }, createTranslator('zh')));
    expect(fields.facts).toContain('本人于 2026-11-21 10:00 向经营者发出书面投诉函，要求于 2026-11-23 18:00 前答复，经营者逾期未答复。');
  });

  it('maps the case onto the form: 投诉 vs 举报, 网络购物, request types, credit code and region', () => {
    const record = caseFor({ promise: '2h', paid: false, company: true, contacts: 'none', partial: false, fraud: true, early: false });
    record.platform.creditCode = '91350100M000100Y43';
    record.platform.region = '浙江省杭州市余杭区';
    const fields = complaintFields(assembleLetter(record, { now: late, lang: 'zh', complainant, replyWithinMinutes: 4320, deliverWithinHours: 24 }, createTranslator('zh')));
    expect(fields).toMatchObject({ purchaseChannel: '网络购物', creditCode: '91350100M000100Y43', region: '浙江省杭州市余杭区', purchaseTimeLabel: '下单时间', requestTypes: ['退款', '继续履行', '赔偿'] });
    expect(fields.matterType).toContain('举报');
    expect(fields.report?.procedure).toContain('《市场监督管理投诉举报处理办法》');
    expect(fields.report?.procedure).not.toMatch(/办法》第/u);
  });

  it('cites 暂行办法第七条 for the separate 举报 while the interim measures applied', () => {
    const record = caseFor({ promise: '2h', paid: false, company: true, contacts: 'none', partial: false, fraud: true, early: false });
    record.filings = [{ at: '2026-04-10T10:00:00+08:00', recordedAt: '2026-04-10T10:00:00+08:00' }];
    const fields = complaintFields(assembleLetter(record, { now: late, lang: 'zh', complainant, replyWithinMinutes: 4320, deliverWithinHours: 24 }, createTranslator('zh')));
    expect(fields.report?.procedure).toContain('《市场监督管理投诉举报处理暂行办法》第七条');
  });

  it('the authorisation credits the unverified new measures with nothing, and reaches platform and consumer association', async () => {
    const { authorization } = await renderAll(caseFor({ promise: '2h', paid: false, company: true, contacts: 'none', partial: false, fraud: false, early: false }), late, 'zh');
    expect(authorization).toContain('与 某某网络科技有限公司 协商和解');
    expect(authorization).toContain('请求消费者协会或者依法成立的其他调解组织调解');
    expect(authorization).toContain('据二手资料报道自 2026 年 4 月 15 日起施行');
    expect(authorization).not.toMatch(/按《市场监督管理投诉举报处理办法》的有关规定/u);
  });
});
