/**
 * The documents for each fact pattern of a stuck order, read back from the real PDFs with pdftotext: what must
 * and must not appear in the letter, complaint.pdf and complaint.txt.
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../src/core/case-model.js';
import { computeDeadlines } from '../../src/core/deadlines.js';
import { assembleLetter, complaintFields } from '../../src/core/letter-facts.js';
import { citation, quotationText, STATUTES } from '../../src/core/legal/statutes.js';
import { createWorkCalendar } from '../../src/core/working-days.js';
import { builtInHolidays } from '../../src/holidays/load.js';
import { renderAuthorizationPdf } from '../../src/documents/authorization.js';
import { writeBundle } from '../../src/documents/bundle/index.js';
import { findCjkFont, type ChosenFont } from '../../src/documents/fonts.js';
import { renderLetterPdf } from '../../src/documents/letter.js';
import { createTranslator } from '../../src/ui/i18n.js';
import { makeTempDir } from '../helpers/cli.js';
import { makeCase } from '../unit/deadlines-fixture.js';

const complainant = { name: '张三', phone: '13800138000', address: '北京市朝阳区某某街 1 号' };
const t = createTranslator('zh');
const squash = (text: string) => text.replace(/\s+/g, '');
const LATE = new Date('2026-11-24T12:00:00+08:00');
const CITED = /《[^《》]+》第[一二三四五六七八九十百零]+条(?:第[一二三四五六七八九十]+款)?/gu;

function bodyText(file: string): string {
  return squash(execFileSync('pdftotext', ['-x', '0', '-y', '0', '-W', '600', '-H', '775', file, '-'], { encoding: 'utf8' }));
}

type Pattern = {
  name: string;
  now?: Date;
  record: () => Case;
  letterHas: string[];
  letterLacks: string[];
  cites: string[];
  citesNot: string[];
  complaintHas?: string[];
  complaintLacks?: string[];
  /** a default letter: at most five articles */
  defaultLetter?: boolean;
};

const c53 = '《中华人民共和国消费者权益保护法》第五十三条';
const e20 = '《中华人民共和国电子商务法》第二十条';
const PATTERNS: Pattern[] = [
  {
    name: 'no promise recorded',
    record: () => makeCase({ order: { promise: 'none' } }),
    letterHas: ['贵方未明示到账时限。自本人下单至今已4天2小时，所购充值仍未到账，已超出合理期限。', '全额退还100.00元'],
    letterLacks: ['超过承诺', '贵方承诺', '支付时间', '10:00支付', '到账承诺'],
    cites: [c53, '《中华人民共和国电子商务法》第五十一条第二款', '《中华人民共和国电子商务法》第六十二条', '《中华人民共和国消费者权益保护法》第三十九条'],
    citesNot: [e20, '《中华人民共和国消费者权益保护法》第五十五条'],
    complaintLacks: ['承诺'],
    defaultLetter: true,
  },
  {
    name: '秒充',
    record: () => makeCase({ order: { promise: 'instant', paidAt: '2026-11-20T10:02:00+08:00' } }),
    letterHas: ['该商品标明“秒充”（即时到账）', '支付时间', '于2026-11-2010:02支付', '已超过承诺时限4天1小时'],
    letterLacks: ['销售页面'],
    cites: [c53, e20, '《中华人民共和国消费者权益保护法》第二十条', '《中华人民共和国电子商务法》第十七条'],
    citesNot: ['《中华人民共和国消费者权益保护法》第五十五条'],
  },
  {
    name: '2 h, a broken customer-service promise',
    record: () => makeCase({ order: { promise: '2h' }, contacts: [{ at: '2026-11-20T14:00:00+08:00', agent: '小王', ticket: 'GD-0042', summary: '系统繁忙，明天中午前处理', promisedBy: '2026-11-21T12:00:00+08:00' }] }),
    letterHas: ['贵方承诺该商品“2小时内到账”', '客服（小王）称：“系统繁忙，明天中午前处理”', '该时间已过，仍未处理', '工单号GD-0042', '联系贵方客服1次'],
    letterLacks: ['均未'],
    cites: [c53, e20],
    citesNot: ['《中华人民共和国电子商务法》第五十九条'],
    complaintHas: ['客服承诺2026-11-2112:00前处理，已逾期未处理'],
  },
  {
    name: 'partial delivery',
    record: () => makeCase({ order: { promise: '24h', deliveredFen: 3000 } }),
    letterHas: ['已到账', '30.00元（未到账70.00元）', '仅到账30.00元，其余70.00元仍未进入本人指定的账号', '退还未到账部分70.00元（订单金额100.00元，已到账30.00元）'],
    letterLacks: ['全额退还'],
    cites: [c53, e20],
    citesNot: [],
    complaintHas: ['或者退还未到账部分70.00元'],
  },
  {
    name: 'refusal (two contacts, refund refused)',
    record: () => makeCase({ order: { promise: '2h' }, contacts: [{ at: '2026-11-20T14:00:00+08:00', outcome: '拒绝退款', summary: '订单正在处理' }, { at: '2026-11-22T09:00:00+08:00', channel: 'phone', outcome: '拒绝退款' }] }),
    letterHas: ['结果：拒绝退款', '联系贵方客服2次，问题至今未解决'],
    letterLacks: ['均未'],
    cites: [c53, e20, '《中华人民共和国电子商务法》第五十九条'],
    citesNot: ['《中华人民共和国消费者权益保护法》第八条'],
    complaintHas: ['结果：拒绝退款'],
  },
  {
    name: 'fraud with grounds',
    record: () => ({ ...makeCase({ order: { promise: '2h' } }), fraudGrounds: '平台在上游渠道停止供货后仍持续上架收款' }),
    letterHas: ['本人认为贵方的行为构成欺诈，依据如下：平台在上游渠道停止供货后仍持续上架收款。', '增加赔偿500.00元'],
    letterLacks: [],
    cites: [c53, e20, '《中华人民共和国消费者权益保护法》第五十五条'],
    citesNot: [],
    complaintHas: ['举报内容', '本人认为经营者涉嫌欺诈消费者，依据：平台在上游渠道停止供货后仍持续上架收款', '投诉（另附举报，分别提交）'],
  },
  {
    name: 'filed before 2026-04-15 (interim measures)',
    now: new Date('2026-04-20T12:00:00+08:00'),
    record: () => ({ ...makeCase({ order: { promise: '2h', orderedAt: '2026-04-01T10:00:00+08:00' }, filings: [{ at: '2026-04-10T10:00:00+08:00', recordedAt: '2026-04-10T10:00:00+08:00' }] }), fraudGrounds: '明知无货仍收款' }),
    letterHas: ['书面投诉函'],
    letterLacks: ['据二手资料报道'],
    cites: [c53, e20],
    citesNot: [],
    complaintHas: ['投诉处理适用《市场监督管理投诉举报处理暂行办法》', '《市场监督管理投诉举报处理暂行办法》第七条'],
    complaintLacks: ['据二手资料报道'],
  },
  {
    name: 'filed after 2026-04-15 (the new measures, by name, start date as reported)',
    record: () => makeCase({ order: { promise: '2h' }, filings: [{ at: '2026-11-22T10:00:00+08:00', recordedAt: '2026-11-22T10:00:00+08:00' }] }),
    letterHas: ['书面投诉函'],
    letterLacks: [],
    cites: [c53, e20],
    citesNot: [],
    complaintHas: ['《市场监督管理投诉举报处理办法》（据二手资料报道自2026年4月15日起施行，原文未核对）'],
    complaintLacks: ['办法》第'],
  },
  {
    name: 'letter made too early',
    now: new Date('2026-11-20T11:00:00+08:00'),
    record: () => makeCase({ order: { promise: '2h' } }),
    letterHas: ['订单到账情况确认函', '请确认本订单的处理情况、未到账的原因和预计到账时间', '截至目前，所购充值尚未到账。'],
    letterLacks: ['催告', '书面投诉函', '超过承诺时限', '第三十九条', '违约'],
    cites: [c53, e20],
    citesNot: ['《中华人民共和国消费者权益保护法》第三十九条', '《中华人民共和国电子商务法》第六十二条'],
  },
];

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let font: ChosenFont;
beforeAll(async () => {
  temp = await makeTempDir('weiquan-patterns-');
  font = await findCjkFont({ env: process.env });
});
afterAll(() => temp.cleanup());

const QUOTES = new Map(STATUTES.map((s) => [citation(s), squash(quotationText(s))]));

describe.each(PATTERNS)('$name', (pattern) => {
  it('letter, complaint.pdf and complaint.txt say what the facts allow, and nothing else', async () => {
    const now = pattern.now ?? LATE;
    const record = pattern.record();
    const calendar = createWorkCalendar([builtInHolidays()]);
    const deadlines = computeDeadlines(record, now, calendar);
    const content = assembleLetter(record, { now, lang: 'zh', complainant, replyWithinMinutes: 4320, deliverWithinHours: 24, deadlines }, t);
    const dir = path.join(temp.dir, pattern.name.replace(/[^\w]+/g, '-'));
    const letterFile = path.join(dir, 'letter.pdf');
    const { mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(dir, { recursive: true });
    await writeFile(letterFile, await renderLetterPdf(content, { font, creationDate: now }));
    const letter = bodyText(letterFile);
    for (const needle of pattern.letterHas) expect(letter, needle).toContain(squash(needle));
    for (const needle of pattern.letterLacks) expect(letter, needle).not.toContain(squash(needle));
    const cited = [...new Set(letter.match(CITED) ?? [])];
    for (const c of pattern.cites) expect(cited, c).toContain(c);
    for (const c of pattern.citesNot) expect(cited, c).not.toContain(c);
    if (pattern.defaultLetter) expect(cited.length).toBeLessThanOrEqual(5);
    // every quotation is the rules data's text
    for (const match of letter.matchAll(/(《[^》]+》第[^“（]+?条(?:第[^“（]+?款)?)(?:规定：|（)“([^”]+)”/gu)) {
      expect(QUOTES.get(match[1]!), match[1]).toBe(match[2]);
    }
    if (!record.order.paidAt) expect(letter).not.toMatch(/\d{2}:\d{2}支付/u);

    const result = await writeBundle({
      record, caseDir: path.join(dir, 'case'), content, fields: complaintFields(content), deadlines, font, now, t, outDir: path.join(dir, 'bundle'), uploadLimitMB: 5,
    });
    const complaintPdf = bodyText(result.complaintPdf);
    const complaintTxt = squash(await readFile(result.complaintTxt, 'utf8'));
    for (const text of [complaintPdf, complaintTxt]) {
      expect(text).not.toContain('责令');
      expect(text).toContain('请求组织调解，促成经营者');
      for (const needle of pattern.complaintHas ?? []) expect(text, needle).toContain(squash(needle));
      for (const needle of pattern.complaintLacks ?? []) expect(text, needle).not.toContain(squash(needle));
      if (!record.order.paidAt) expect(text).not.toMatch(/\d{2}:\d{2}支付/u);
    }
    expect(complaintTxt).toContain('全国12315平台”App');
    expect(complaintTxt).toContain('实名注册');
    expect(complaintTxt).toContain('【购买渠道】网络购物');

    const authorization = path.join(dir, 'authorization.pdf');
    await writeFile(authorization, await renderAuthorizationPdf({ content, agent: { name: '李四', phone: '13900139000' }, scope: 'general', font, creationDate: now, caseId: 'C1' }));
    const authText = bodyText(authorization);
    if (content.newMeasures) {
      expect(authText).toContain('其对授权委托的具体要求未经核对');
      expect(authText).not.toMatch(/办法》第/u);
    } else expect(authText).toContain('《市场监督管理投诉举报处理暂行办法》第十条');
  }, 60_000);
});
