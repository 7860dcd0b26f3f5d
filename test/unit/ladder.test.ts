import { describe, expect, it } from 'vitest';
import { builtInHolidays } from '../../src/holidays/load.js';
import type { Case, EvidenceItem } from '../../src/core/case-model.js';
import { computeDeadlines, type Deadline } from '../../src/core/deadlines.js';
import { evidenceChecklist } from '../../src/core/evidence-checklist.js';
import { draftRefusal, ladderRungs, respondentIsCarrier } from '../../src/core/ladder/rungs.js';
import { caseStage } from '../../src/core/stage.js';
import { createWorkCalendar } from '../../src/core/working-days.js';
import { makeCase } from './deadlines-fixture.js';

const calendar = createWorkCalendar([builtInHolidays()]);
const AFTER_REPLY = new Date('2026-11-28T12:00:00+08:00');
const BEFORE_REPLY = new Date('2026-11-24T12:00:00+08:00');
const letter = { at: '2026-11-22T12:00:00+08:00', replyBy: '2026-11-25T12:00:00+08:00', recordedAt: '2026-11-22T12:00:00+08:00' };
const byId = (deadlines: Deadline[], id: string) => deadlines.find((d) => d.id === id)!;

function evidence(id: string, kind: EvidenceItem['kind']): EvidenceItem {
  return { id, kind, title: id, source: 'imported: x.png', proves: '…', addedAt: '2026-11-21T10:00:00+08:00', files: [{ path: `evidence/${id}/x.png`, role: 'original', sha256: '0'.repeat(64), size: 1 }], meta: {} };
}

function rungs(record: Case, now: Date) {
  return ladderRungs(record, computeDeadlines(record, now, calendar), now).map((r) => `${r.route}:${r.state}:${r.reason}`);
}

describe('ladder rungs', () => {
  it.each([
    ['no letter yet', makeCase(), AFTER_REPLY, ['telecom:not-applicable:reseller-not-carrier']],
    ['letter reply still running', makeCase({ lettersSent: [letter] }), BEFORE_REPLY, ['telecom:not-applicable:reseller-not-carrier']],
    ['letter reply passed', makeCase({ lettersSent: [letter] }), AFTER_REPLY, ['payment:ready:reply-passed', 'telecom:not-applicable:reseller-not-carrier']],
    ['a game card: 12300 is not even mentioned', makeCase({ order: { category: 'game' }, lettersSent: [letter] }), AFTER_REPLY, ['payment:ready:reply-passed']],
    [
      'payment filed',
      makeCase({ order: { category: 'game' }, lettersSent: [letter], filings: [{ route: 'payment', at: '2026-11-26T09:00:00+08:00', complaintNo: 'A1', recordedAt: '2026-11-26T09:00:00+08:00' }] }),
      AFTER_REPLY,
      ['payment:filed:filed'],
    ],
  ])('%s', (_name, record, now, expected) => {
    expect(rungs(record, now)).toEqual(expected);
  });

  it('a carrier as respondent: 12300 once its answer is overdue', () => {
    const record = makeCase({ lettersSent: [letter] });
    record.platform = { name: '中国移动网上营业厅', company: '中国移动通信集团浙江有限公司' };
    expect(respondentIsCarrier(record)).toBe(true);
    expect(rungs(record, AFTER_REPLY)).toEqual(['payment:ready:reply-passed', 'telecom:ready:carrier-answer-overdue']);
    expect(draftRefusal(record, 'telecom')).toBeUndefined();
  });

  it('the product naming a carrier does not make a 卡盟 a carrier', () => {
    expect(respondentIsCarrier(makeCase())).toBe(false); // product: 中国移动话费 100 元
    expect(draftRefusal(makeCase(), 'telecom')).toBe('telecom-reseller');
    expect(draftRefusal(makeCase({ order: { category: 'game' } }), 'telecom')).toBe('telecom-category');
  });

  it('after the regulator: the consumer association when the decision is due, the court once mediation ended', () => {
    const filed = makeCase({ lettersSent: [letter], order: { category: 'game' }, filings: [{ at: '2026-11-26T10:00:00+08:00', recordedAt: '2026-11-26T10:00:00+08:00' }] });
    expect(rungs(filed, new Date('2026-11-30T12:00:00+08:00'))).toEqual(['payment:ready:reply-passed']);
    expect(rungs(filed, new Date('2026-12-10T12:00:00+08:00'))).toEqual(['payment:ready:reply-passed', 'consumer-association:ready:regulator-decision-due']);
    expect(rungs(filed, new Date('2027-03-10T12:00:00+08:00'))).toEqual(['payment:ready:reply-passed', 'consumer-association:ready:mediation-ended', 'court:ready:mediation-ended']);
  });

  it('police only for a vanished platform with fraud asserted', () => {
    const vanished = makeCase({ order: { category: 'game' } });
    vanished.platform = { ...vanished.platform, status: 'vanished' };
    expect(rungs(vanished, BEFORE_REPLY)).toEqual(['payment:ready:platform-vanished', 'police:not-applicable:vanished-no-fraud']);
    expect(draftRefusal(vanished, 'police')).toBe('police-no-fraud');
    expect(draftRefusal(makeCase(), 'police')).toBe('police-not-vanished');
    const fraud = { ...vanished, fraudGrounds: '明知无法充值仍收款' };
    expect(rungs(fraud, BEFORE_REPLY)).toEqual(['payment:ready:platform-vanished', 'police:ready:vanished-fraud']);
    expect(draftRefusal(fraud, 'police')).toBeUndefined();
  });

  it('a resolved case has no rungs', () => {
    expect(rungs(makeCase({ lettersSent: [letter], resolution: { outcome: 'refunded', at: '2026-11-26T12:00:00+08:00' } }), AFTER_REPLY)).toEqual([]);
  });
});

describe('stages of the routes', () => {
  const filing = (route: Case['filings'][number]['route']) => ({ ...(route ? { route } : {}), at: '2026-11-26T10:00:00+08:00', recordedAt: '2026-11-26T10:00:00+08:00' });
  it.each([
    [undefined, 'filed'],
    ['payment', 'filed'],
    ['telecom', 'filed'],
    ['consumer-association', 'mediation'],
    ['court', 'court'],
    ['police', 'police-report'],
  ] as const)('a filing on route %s reaches %s', (route, stage) => {
    expect(caseStage(makeCase({ filings: [filing(route)] }))).toBe(stage);
  });

  it('only the regulator route starts the regulator clocks; 12300 gets its reported ones', () => {
    const payment = computeDeadlines(makeCase({ filings: [filing('payment')] }), AFTER_REPLY, calendar);
    expect(payment.map((d) => d.kind)).not.toContain('regulator-handling');
    const telecom = computeDeadlines(makeCase({ filings: [filing('telecom')] }), AFTER_REPLY, calendar);
    expect(byId(telecom, 'telecom-acceptance-F1')).toMatchObject({ dueDate: '2026-12-03', basis: { verified: false } });
    expect(byId(telecom, 'telecom-handling-F1')).toMatchObject({ dueDate: '2026-12-26', basis: { verified: false } });
  });
});

describe('resolution closes deadlines truthfully', () => {
  it('refunded: the promises are closed by the refund, not met; the reply date closes with no reply recorded', () => {
    const record = makeCase({
      contacts: [{ at: '2026-11-20T14:00:00+08:00', promisedBy: '2026-11-21T14:00:00+08:00' }],
      lettersSent: [letter],
      resolution: { outcome: 'refunded', at: '2026-11-26T12:00:00+08:00' },
    });
    const deadlines = computeDeadlines(record, AFTER_REPLY, calendar);
    expect(byId(deadlines, 'platform-promise')).toMatchObject({ state: 'closed', closedBy: 'refunded' });
    expect(byId(deadlines, 'service-promise-K1')).toMatchObject({ state: 'closed', closedBy: 'refunded' });
    expect(byId(deadlines, 'letter-reply-L1')).toMatchObject({ state: 'closed', closedBy: 'no-reply' });
  });

  it('delivered: the promise is met (late); the reply date still has no reply', () => {
    const record = makeCase({ lettersSent: [letter], resolution: { outcome: 'delivered', at: '2026-11-26T12:00:00+08:00' } });
    const deadlines = computeDeadlines(record, AFTER_REPLY, calendar);
    expect(byId(deadlines, 'platform-promise')).toMatchObject({ state: 'met', lateMinutes: 6 * 1440 });
    expect(byId(deadlines, 'letter-reply-L1')).toMatchObject({ state: 'closed', closedBy: 'no-reply' });
  });
});

describe('evidence checklist', () => {
  it('orders the missing items by value, each with the command that adds it', () => {
    const empty = evidenceChecklist(makeCase());
    expect(empty.missing).toEqual(['order-page', 'payment', 'rules', 'ticket', 'chat', 'letter-sent', 'non-delivery', 'call']);
    expect(empty.firstMissing).toMatchObject({ item: 'order-page', command: ['capture', 'C1', 'https://kachong.example.com', '--kind', 'order-page'] });
  });

  it('the payment record is missing until payment evidence exists', () => {
    const withOrderPage = evidenceChecklist(makeCase({ evidence: [evidence('E1', 'order-page')] }));
    expect(withOrderPage.firstMissing).toMatchObject({ item: 'payment', command: ['evidence', 'add', 'C1', 'FILE', '--kind', 'payment'] });
    const withPayment = evidenceChecklist(makeCase({ evidence: [evidence('E1', 'order-page'), evidence('E2', 'payment')] }));
    expect(withPayment.missing).not.toContain('payment');
    expect(withPayment.entries.find((e) => e.item === 'payment')).toMatchObject({ present: true, refs: ['E2'] });
  });

  it('asks for proof of sending only once a letter was sent, with the command that adds it to that letter', () => {
    const sent = evidenceChecklist(makeCase({ lettersSent: [letter] }));
    expect(sent.entries.find((e) => e.item === 'sent-proof')).toMatchObject({ present: false, command: ['sent', 'C1', '--at', '2026-11-22 12:00', '--channel', 'post', '--reference', 'REFERENCE'] });
    const proved = evidenceChecklist(makeCase({ lettersSent: [{ ...letter, channel: 'post', reference: 'SF1' }] }));
    expect(proved.entries.find((e) => e.item === 'sent-proof')).toMatchObject({ present: true, refs: ['L1 SF1'] });
  });

  it('counts a ticket number from any contact', () => {
    const list = evidenceChecklist(makeCase({ contacts: [{ at: '2026-11-20T14:00:00+08:00', ticket: 'GD-1' }] }));
    expect(list.entries.find((e) => e.item === 'ticket')).toMatchObject({ present: true, refs: ['K1 GD-1'] });
  });
});
