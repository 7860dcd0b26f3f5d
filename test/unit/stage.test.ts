import { describe, expect, it } from 'vitest';
import { caseStage, latestTicket, stageHistory } from '../../src/core/stage.js';
import { makeCase } from './deadlines-fixture.js';

const filing = (at: string, authority?: string) => ({ at, recordedAt: at, ...(authority ? { authority } : {}) });

describe('stages derived from events', () => {
  it.each([
    ['new', makeCase()],
    ['contacted', makeCase({ contacts: [{ at: '2026-11-21T09:00:00+08:00' }] })],
    ['escalated', makeCase({ contacts: [{ at: '2026-11-21T09:00:00+08:00' }, { at: '2026-11-22T09:00:00+08:00', ticket: 'GD-1' }] })],
    ['letter-sent', makeCase({ contacts: [{ at: '2026-11-21T09:00:00+08:00', ticket: 'GD-1' }], lettersSent: [{ at: '2026-11-22T10:00:00+08:00', recordedAt: '2026-11-22T10:00:00+08:00' }] })],
    ['filed', makeCase({ filings: [filing('2026-11-23T10:00:00+08:00', '余杭区市场监督管理局')] })],
    ['mediation', makeCase({ filings: [filing('2026-11-23T10:00:00+08:00'), filing('2026-11-24T10:00:00+08:00', '杭州市消费者协会')] })],
    ['resolved', makeCase({ resolution: { outcome: 'refunded', at: '2026-11-24T10:00:00+08:00' } })],
    ['closed', makeCase({ resolution: { outcome: 'withdrawn', at: '2026-11-24T10:00:00+08:00' } })],
  ] as const)('%s', (stage, record) => {
    expect(caseStage(record)).toBe(stage);
  });

  it('never steps down: a chat after filing leaves the case filed', () => {
    const record = makeCase({ filings: [filing('2026-11-22T10:00:00+08:00')], contacts: [{ at: '2026-11-23T09:00:00+08:00' }] });
    expect(caseStage(record)).toBe('filed');
  });

  it('records each climb with its time and source event', () => {
    const record = makeCase({
      contacts: [{ at: '2026-11-21T09:00:00+08:00' }, { at: '2026-11-21T15:00:00+08:00' }, { at: '2026-11-22T09:00:00+08:00', ticket: 'GD-1' }],
      lettersSent: [{ at: '2026-11-23T10:00:00+08:00', recordedAt: '2026-11-23T10:00:00+08:00' }],
    });
    expect(stageHistory(record).map((s) => [s.stage, s.at, s.source.ref])).toEqual([
      ['new', '2026-11-20T10:00:00+08:00', undefined],
      ['contacted', '2026-11-21T09:00:00+08:00', 'K1'],
      ['escalated', '2026-11-22T09:00:00+08:00', 'K3'],
      ['letter-sent', '2026-11-23T10:00:00+08:00', 'L1'],
    ]);
    expect(latestTicket(record)).toEqual({ ticket: 'GD-1', contactId: 'K3', at: '2026-11-22T09:00:00+08:00' });
  });
});
