import { describe, expect, it } from 'vitest';
import { applyEntry, checkEvents, foldJournal, type JournalEntry, JournalEventError, parseEvent } from '../../src/core/case-events.js';
import { GENESIS_HASH, sealEntry } from '../../src/core/journal-chain.js';
import { buildCaseFacts } from '../../src/core/order-fields.js';

const facts = buildCaseFacts(
  { platform: '快充卡盟', order: 'KM1', product: '话费', category: 'phone', account: '13800138000', amount: '100', 'payment-method': '支付宝', 'ordered-at': '2026-11-20 10:00' },
  { zone: 'Asia/Shanghai', now: new Date('2026-11-24T04:00:00Z') },
  { demand: '退款', status: '处理中' },
);
const at = '2026-11-24T04:00:00.000Z';
const sha = 'a'.repeat(64);

/** A journal of the given events, each sealed onto the one before (a valid chain whatever the data says). */
function journal(...events: Array<[string, unknown]>): JournalEntry[] {
  const entries: JournalEntry[] = [];
  for (const [type, data] of [['case.created', { id: 'C1', ...facts }] as [string, unknown], ...events]) {
    entries.push(sealEntry(entries.length + 1, at, type, data, entries.at(-1)?.hash ?? GENESIS_HASH));
  }
  return entries;
}

const contact = { id: 'K1', channel: 'app-chat', at: '2026-11-21T09:00:00+08:00', evidence: [], recordedAt: at };
const evidence = {
  id: 'E1', kind: 'order-page', title: '订单页', source: 'https://a.example/', proves: '订单状态', addedAt: at,
  files: [{ path: 'evidence/E1/screenshot.png', role: 'screenshot', sha256: sha, size: 10 }], meta: {},
};

describe('each journal event is checked against the schema of its type', () => {
  it.each([
    ['case.edited', { changes: { 'order.status': '已到账', 'platform.url': null } }],
    ['case.resolved', { outcome: 'refunded', at }],
    ['contact.added', contact],
    ['evidence.added', evidence],
    ['filing.recorded', { at, authority: '市场监督管理局', recordedAt: at }],
    ['letter.sent', { at, replyBy: at, recordedAt: at }],
    ['document.generated', { document: 'letter', path: 'out/letter.pdf', sha256: sha, replyBy: at }],
    ['case.imported', { from: 'C1.zip', id: 'C2', originalId: 'C1' }],
    ['promise.sourced', { quote: '付款后 10 分钟内到账', url: 'https://a.example/terms', clause: '第三条' }],
  ] as const)('%s: well-formed data folds', (type, data) => {
    const entries = journal([type, data]);
    expect(checkEvents(entries)).toEqual([]);
    expect(parseEvent(entries[1]!)?.type).toBe(type);
    expect(foldJournal(entries)?.journal.seq).toBe(2);
  });

  it.each([
    ['case.created', { id: 'C1', ...facts, order: { ...facts.order, amountFen: -5 } }, 1, /order\.amountFen/],
    ['case.edited', { changes: { 'journal.head': 'x' } }, 2, /changes/],
    ['case.edited', { changes: { 'order.status': { nested: true } } }, 2, /changes\.order\.status/],
    ['case.resolved', { outcome: 'won-the-lottery', at }, 2, /outcome/],
    ['contact.added', { ...contact, channel: 'telepathy' }, 2, /channel/],
    ['contact.added', 'not an object', 2, /\(data\)/],
    ['evidence.added', { ...evidence, files: [] }, 2, /files/],
    ['filing.recorded', { at: 'yesterday', recordedAt: at }, 2, /^at: not an ISO time/],
    ['letter.sent', { at }, 2, /recordedAt/],
    ['document.generated', { document: 'letter', path: '' }, 2, /path/],
    ['case.imported', { from: 'C1.zip', id: 'nope', originalId: 'C1' }, 2, /id/],
    ['promise.sourced', { url: 'https://a.example/terms' }, 2, /quote/],
  ] as const)('%s: damaged data is a problem naming its line (%#)', (type, data, line, reason) => {
    const entries = type === 'case.created' ? [sealEntry(1, at, type, data, GENESIS_HASH)] : journal([type, data]);
    const problems = checkEvents(entries);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ seq: line, line, type });
    expect(problems[0]!.reason).toMatch(reason);
    // folding it is a typed data error (exit 3), never a TypeError from half-read data
    expect(() => foldJournal(entries)).toThrow(JournalEventError);
  });

  it('an event type this version does not know stays in the chain and changes nothing', () => {
    const entries = journal(['case.tagged', { tag: 'urgent' }]);
    expect(checkEvents(entries)).toEqual([]);
    const folded = foldJournal(entries)!;
    expect(folded.journal.seq).toBe(2);
    expect(folded.order).toEqual(facts.order);
  });

  it('names every damaged line, not only the first', () => {
    const entries = journal(['contact.added', { ...contact, at: 'soon' }], ['case.edited', { changes: { 'order.status': 'ok' } }], ['letter.sent', {}]);
    expect(checkEvents(entries).map((problem) => problem.line)).toEqual([2, 4]);
  });

  it('the error carries the line it was folded at', () => {
    const entries = journal(['case.resolved', { outcome: 'x', at }]);
    const base = applyEntry(undefined, entries[0]!, 1);
    try {
      applyEntry(base, entries[1]!, 2, 7);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(JournalEventError);
      expect((error as JournalEventError).problem).toMatchObject({ seq: 2, line: 7, type: 'case.resolved' });
      expect((error as JournalEventError).exitCode).toBe(3);
    }
  });
});
