import { describe, expect, it } from 'vitest';
import { assembleLetter, complaintFields } from '../../src/core/letter-facts.js';
import { createTranslator } from '../../src/ui/i18n.js';
import { makeCase } from './deadlines-fixture.js';
import { builtInHolidays } from '../../src/holidays/load.js';
import { createWorkCalendar } from '../../src/core/working-days.js';

const complainant = { name: '张三', phone: '13800138000', address: '北京市朝阳区某某街 1 号' };
const now = new Date('2026-11-24T14:00:00+08:00');
const options = { now, lang: 'zh' as const, complainant, replyWithinMinutes: 3 * 1440, deliverWithinHours: 24 };
const t = createTranslator('zh');

describe('assembleLetter', () => {
  const record = makeCase({
    contacts: [
      { at: '2026-11-20T14:00:00+08:00', ticket: 'GD-0042', agent: '小美', summary: '称系统繁忙', promisedBy: '2026-11-21T14:00:00+08:00' },
      { at: '2026-11-22T09:30:00+08:00', channel: 'phone', ticket: 'GD-0107' },
    ],
  });
  const content = assembleLetter(record, options, t);

  it('counts a promise in working days on the calendar it is given, and needs one', () => {
    // ordered Friday 2026-11-20 10:00, 1 working day: due at the end of Monday; at Tuesday 14:00 it is 14 hours late
    const working = makeCase({ order: { promise: '1wd' } });
    const letter = assembleLetter(working, { ...options, calendar: createWorkCalendar([builtInHolidays()]) }, t);
    expect(letter.promise).toMatchObject({ text: '1 个工作日内到账', due: '2026-11-23 23:59', exceeded: true, overdue: '14 小时' });
    expect(() => assembleLetter(working, options, t)).toThrow(/working-day calendar/);
  });

  it('states the time beyond the promise from the facts', () => {
    expect(content.promise.exceeded).toBe(true);
    expect(content.promise.due).toBe('2026-11-20 12:00');
    expect(content.promise.overdue).toBe('4 天 2 小时');
  });

  it('lists every contact with its ticket and whether its promise was kept', () => {
    expect(content.tickets).toEqual(['GD-0042', 'GD-0107']);
    expect(content.contacts[0]).toMatchObject({ ticket: 'GD-0042', agent: '小美', promisedBy: '2026-11-21 14:00', promiseBroken: true });
    expect(content.contacts[1]).toMatchObject({ channel: '电话', promiseBroken: false });
  });

  it('cites by the rules data: promise exceeded, stalled customer service, records, notice', () => {
    const cited = content.citations.map((c) => c.citation);
    expect(cited).toContain('《中华人民共和国电子商务法》第二十条');
    expect(cited).toContain('《中华人民共和国消费者权益保护法》第五十三条');
    expect(cited).toContain('《中华人民共和国电子商务法》第六十二条');
    expect(cited).toContain('《中华人民共和国消费者权益保护法》第三十九条');
    expect(cited).toContain('《中华人民共和国电子商务法》第五十九条');
    expect(cited).not.toContain('《中华人民共和国消费者权益保护法》第五十五条');
    // 第三十一条 binds a platform operator only: not cited until --platform-kind platform is recorded
    expect(content.records.map((c) => c.id)).toEqual(['ecommerce-62']);
  });

  it('computes the reply date from --reply-within and names the rule set by date', () => {
    expect(content.replyBy).toBe('2026-11-27 18:00');
    expect(content.newMeasures).toBe(true);
    expect(content.complaintRules.title).toBe('市场监督管理投诉举报处理办法');
    expect(content.order.amount).toBe('100.00');
  });

  it('takes the complaint-handling rules in force on the filing date, not the day the document is made', () => {
    const filedEarly = makeCase({ order: { orderedAt: '2026-03-20T10:00:00+08:00' }, filings: [{ at: '2026-04-10T10:00:00+08:00', complaintNo: 'X1', recordedAt: '2026-04-10T10:00:00+08:00' }] });
    const early = assembleLetter(filedEarly, options, t);
    expect(early.newMeasures).toBe(false);
    expect(early.complaintRules.title).toBe('市场监督管理投诉举报处理暂行办法');
  });

  it('uses the 48-hour reasonable period when nothing was promised, and no 第二十条 before it passes', () => {
    const fresh = assembleLetter(makeCase({ order: { promise: 'none' } }), { ...options, now: new Date('2026-11-21T10:00:00+08:00') }, t);
    expect(fresh.promise.kind).toBe('none');
    expect(fresh.promise.exceeded).toBe(false);
    expect(fresh.citations.map((c) => c.id)).not.toContain('ecommerce-20');
  });

  it('adds the "instant" promise articles for an exceeded 秒充', () => {
    const instant = assembleLetter(makeCase({ order: { promise: 'instant' } }), options, t);
    expect(instant.citations.map((c) => c.id)).toEqual(expect.arrayContaining(['consumer-20', 'ecommerce-17']));
  });
});

describe('complaintFields', () => {
  it('fills the 12315 fields from the facts', () => {
    const content = assembleLetter(makeCase({ contacts: [{ at: '2026-11-20T14:00:00+08:00', ticket: 'GD-0042' }] }), options, t);
    const fields = complaintFields(content);
    expect(fields).toMatchObject({ respondent: '某某网络科技有限公司', orderNumber: 'KM20261120001', amount: '100.00', product: '中国移动话费 100 元', purchaseTime: '2026-11-20 10:00' });
    expect(fields.facts).toContain('已超过承诺时限 4 天 2 小时');
    expect(fields.facts).toContain('GD-0042');
    expect(fields.demands).toContain('全额退还 100.00 元');
  });
});
