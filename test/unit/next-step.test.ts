import { describe, expect, it } from 'vitest';
import { builtInHolidays } from '../../src/holidays/load.js';
import type { Case } from '../../src/core/case-model.js';
import { computeDeadlines } from '../../src/core/deadlines.js';
import { nextStep } from '../../src/core/next-step.js';
import { createWorkCalendar } from '../../src/core/working-days.js';
import { createTranslator } from '../../src/ui/i18n.js';
import { renderNextStep } from '../../src/ui/next-step-view.js';
import { makeCase } from './deadlines-fixture.js';

const calendar = createWorkCalendar([builtInHolidays()]);
const NOW = new Date('2026-11-24T12:00:00+08:00');
const zh = { t: createTranslator('zh'), lang: 'zh' as const };
const en = { t: createTranslator('en'), lang: 'en' as const };

function next(record: Case, now = NOW) {
  return nextStep(record, computeDeadlines(record, now, calendar), now);
}

describe('the next step climbs the ladder', () => {
  it('waits while the promise runs', () => {
    const step = next(makeCase({ order: { promise: '3d', orderedAt: '2026-11-23T09:00:00+08:00' } }));
    expect(step.action).toBe('wait-for-delivery');
    expect(step.deadline).toMatchObject({ id: 'platform-promise', state: 'open' });
  });

  it('a promise in working days is not overdue over a weekend, and is worded in working days once it is', () => {
    // paid Friday evening, 3 working days: due at the end of Wednesday 2026-11-25
    const record = makeCase({ order: { promise: '3wd', orderedAt: '2026-11-20T20:00:00+08:00' } });
    expect(next(record, new Date('2026-11-23T12:00:00+08:00'))).toMatchObject({ action: 'wait-for-delivery', deadline: { id: 'platform-promise', state: 'open' } });
    const late = next(record, new Date('2026-11-26T12:00:00+08:00'));
    expect(late.action).toBe('contact-service');
    const text = renderNextStep(zh, late, 'Asia/Shanghai').message!.text;
    expect(text).toContain('平台承诺“3 个工作日内到账”，现已超过承诺时限 12 小时');
  });

  it('overdue and nobody asked: contact customer service, with order facts and how long overdue', () => {
    const step = next(makeCase());
    expect(step).toMatchObject({ action: 'contact-service', channel: 'app-chat', stage: 'new' });
    const rendered = renderNextStep(zh, step, 'Asia/Shanghai');
    expect(rendered.message!.text).toContain('KM20261120001');
    expect(rendered.message!.text).toContain('¥100.00');
    expect(rendered.message!.text).toContain('2026-11-20 10:00');
    expect(rendered.message!.text).toContain('平台承诺“2 小时内到账”，现已超过承诺时限 4 天');
    expect(rendered.message!.text).toContain('工单编号');
    expect(rendered.message!.text).not.toMatch(/为什么|！/);
    expect(rendered.commandLines[0]).toMatch(/^weiquan contact C1 --channel app-chat/);
  });

  it('contacted without a ticket: ask for one', () => {
    const step = next(makeCase({ contacts: [{ at: '2026-11-23T09:00:00+08:00', channel: 'wechat' }] }));
    expect(step).toMatchObject({ action: 'ask-for-ticket', channel: 'wechat' });
    expect(renderNextStep(en, step, 'Asia/Shanghai').message!.text).toContain('on 2026-11-23 09:00 I reported via WeChat');
  });

  it('a promise on the ticket still running: wait for it', () => {
    const step = next(makeCase({ contacts: [{ at: '2026-11-24T09:00:00+08:00', ticket: 'GD-8812', promisedBy: '2026-11-25T09:00:00+08:00' }] }));
    expect(step).toMatchObject({ action: 'wait-for-promise', deadline: { id: 'service-promise-K1', minutesLeft: 21 * 60 } });
  });

  it('the promise on the ticket passed: press on the ticket, naming it and how late', () => {
    const step = next(makeCase({ contacts: [{ at: '2026-11-23T09:00:00+08:00', ticket: 'GD-8812', promisedBy: '2026-11-23T18:00:00+08:00' }] }));
    expect(step.action).toBe('follow-up-ticket');
    const text = renderNextStep(zh, step, 'Asia/Shanghai').message!.text;
    expect(text).toContain('工单号 GD-8812');
    expect(text).toContain('客服承诺在 2026-11-23 18:00 前处理，现已超过 18 小时');
  });

  it('a ticket older than 48 hours, or pressed once already: the written complaint, with a reply date', () => {
    const step = next(makeCase({ contacts: [{ at: '2026-11-21T09:00:00+08:00', ticket: 'GD-8812' }] }));
    expect(step.action).toBe('send-letter');
    expect(step.facts.replyBy).toBe('2026-11-27T18:00:00+08:00');
    const rendered = renderNextStep(zh, step, 'Asia/Shanghai', { complainantName: '张三' });
    expect(rendered.message).toMatchObject({ channel: 'email', subject: '关于订单 KM20261120001 未按约定到账的书面投诉（工单号 GD-8812）' });
    expect(rendered.message!.text).toContain('请于 2026-11-27 18:00 前书面答复');
    expect(rendered.message!.text.endsWith('张三')).toBe(true);
    expect(rendered.commandLines).toContain('weiquan sent C1 --at "2026-11-24 12:00"');
  });

  it('the reply date passed: file with 12315', () => {
    const step = next(
      makeCase({
        contacts: [{ at: '2026-11-21T09:00:00+08:00', ticket: 'GD-8812' }],
        lettersSent: [{ at: '2026-11-21T10:00:00+08:00', replyBy: '2026-11-23T18:00:00+08:00', recordedAt: '2026-11-21T10:00:00+08:00' }],
      }),
    );
    expect(step).toMatchObject({ action: 'file-complaint', channel: '12315' });
    const text = renderNextStep(zh, step, 'Asia/Shanghai').message!.text;
    expect(text).toContain('工单号 GD-8812');
    expect(text).toContain('要求在 2026-11-23 18:00 前答复');
    expect(text).toContain('诉求：立即到账或全额退款');
  });

  it('filed: wait for the regulator, then follow up citing 第四十六条 and the complaint number', () => {
    const filed = makeCase({ filings: [{ at: '2026-09-29T15:00:00+08:00', complaintNo: '3301100000123', authority: '余杭区市场监督管理局', recordedAt: '2026-09-29T15:00:00+08:00' }] });
    expect(next(filed, new Date('2026-10-14T12:00:00+08:00'))).toMatchObject({ action: 'wait-for-regulator', facts: { regulatorDueDate: '2026-10-14' } });
    const step = next(filed, new Date('2026-10-16T12:00:00+08:00'));
    expect(step.action).toBe('follow-up-regulator');
    const text = renderNextStep(zh, step, 'Asia/Shanghai').message!.text;
    expect(text).toContain('《中华人民共和国消费者权益保护法》第四十六条');
    expect(text).toContain('投诉编号 3301100000123');
    expect(text).toContain('2026-10-14 届满');
  });

  it('resolved: nothing to do', () => {
    expect(next(makeCase({ resolution: { outcome: 'delivered', at: '2026-11-24T10:00:00+08:00' } })).action).toBe('done');
  });

  it('a message for another channel on request', () => {
    const rendered = renderNextStep(en, next(makeCase()), 'Asia/Shanghai', { channel: 'phone' });
    expect(rendered.message!.channel).toBe('phone');
    expect(rendered.message!.text).toContain('4 days past the promised time: within 2 hours');
  });
});

describe('newcomer findings', () => {
  it('the message can be written in another language than the explanation around it', () => {
    const rendered = renderNextStep(en, next(makeCase()), 'Asia/Shanghai', { messageContext: zh });
    expect(rendered.summary).toMatch(/^The order has not arrived/);
    expect(rendered.message!.text).toMatch(/^您好，我的订单 KM20261120001/);
    expect(rendered.message!.text).toContain('平台承诺“2 小时内到账”');
  });

  it('the suggested contact command uses the channel the message was written for', () => {
    const contacted = makeCase({ contacts: [{ at: '2026-11-23T09:00:00+08:00', channel: 'wechat' }] });
    const step = nextStep(contacted, computeDeadlines(contacted, NOW, calendar), NOW, { channel: 'email' });
    expect(step).toMatchObject({ action: 'ask-for-ticket', channel: 'email' });
    expect(step.commands[0]).toEqual(expect.arrayContaining(['contact', 'C1', '--channel', 'email']));
    expect(renderNextStep(zh, step, 'Asia/Shanghai').commandLines[0]).toMatch(/^weiquan contact C1 --channel email /);
    // 12315 is not a platform contact: the contact stays on the channel used last
    const step12315 = nextStep(contacted, computeDeadlines(contacted, NOW, calendar), NOW, { channel: '12315' });
    expect(step12315.commands[0]).toEqual(expect.arrayContaining(['--channel', 'wechat']));
  });

  it("an older contact's promise is cited with its own ticket, not the latest one", () => {
    const step = next(
      makeCase({
        contacts: [
          { at: '2026-11-22T09:00:00+08:00', ticket: 'T-1', promisedBy: '2026-11-23T14:00:00+08:00' },
          { at: '2026-11-23T20:00:00+08:00', ticket: 'PAR-6' },
        ],
      }),
    );
    expect(step).toMatchObject({ action: 'follow-up-ticket', facts: { ticket: 'PAR-6', servicePromiseContact: { id: 'K1', ticket: 'T-1' } } });
    const zhText = renderNextStep(zh, step, 'Asia/Shanghai').message!.text;
    expect(zhText).toContain('工单号 PAR-6');
    expect(zhText).toContain('客服在 2026-11-22 09:00 处理工单 T-1 时承诺在 2026-11-23 14:00 前处理');
    expect(zhText).not.toContain('客服承诺在 2026-11-23 14:00');
    expect(renderNextStep(en, step, 'Asia/Shanghai').message!.text).toContain('On 2026-11-22 09:00, under ticket T-1, customer service promised a result by 2026-11-23 14:00');
  });

  it('a promise made before any ticket is cited with the time it was made', () => {
    const step = next(
      makeCase({
        contacts: [
          { at: '2026-11-22T09:00:00+08:00', promisedBy: '2026-11-23T14:00:00+08:00' },
          { at: '2026-11-23T20:00:00+08:00', ticket: 'PAR-6' },
        ],
      }),
    );
    expect(renderNextStep(zh, step, 'Asia/Shanghai').message!.text).toContain('客服在 2026-11-22 09:00 的沟通中承诺在 2026-11-23 14:00 前处理');
  });

  it('a custom promise is written with the duration formatter, no space before 内', () => {
    const text = renderNextStep(zh, next(makeCase({ order: { promise: '45m' } })), 'Asia/Shanghai').message!.text;
    expect(text).toContain('平台承诺“45 分钟内到账”');
    expect(renderNextStep(en, next(makeCase({ order: { promise: '45m' } })), 'Asia/Shanghai').message!.text).toContain('within 45 minutes');
  });
});

describe('a recorded fraud assertion', () => {
  it('is carried into the next step, which offers the separate 举报 text when filing', () => {
    const record = {
      ...makeCase({
        contacts: [{ at: '2026-11-21T09:00:00+08:00', ticket: 'GD-8812' }],
        lettersSent: [{ at: '2026-11-21T10:00:00+08:00', replyBy: '2026-11-23T18:00:00+08:00', recordedAt: '2026-11-21T10:00:00+08:00' }],
      }),
      fraudGrounds: '明知无货仍收款',
    };
    const now = new Date('2026-11-24T14:00:00+08:00');
    const step = nextStep(record, computeDeadlines(record, now, createWorkCalendar([builtInHolidays()])), now);
    expect(step.facts.fraudGrounds).toBe('明知无货仍收款');
    expect(renderNextStep({ t: createTranslator('zh'), lang: 'zh' }, step, 'Asia/Shanghai').summary).toContain('举报');
    const plain = nextStep(makeCase(), [], now);
    expect(plain.facts.fraudGrounds).toBeUndefined();
  });
});
