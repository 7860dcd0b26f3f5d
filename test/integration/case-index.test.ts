import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCaseFacts } from '../../src/core/order-fields.js';
import { computeDeadlines, pendingDeadlines, sortByUrgency } from '../../src/core/deadlines.js';
import { settleStored } from '../../src/core/case-summary.js';
import { createWorkCalendar } from '../../src/core/working-days.js';
import { builtInHolidays } from '../../src/holidays/load.js';
import { caseSummaries, DEADLINES_FILE, dueIndex, INDEX_FILE, orderEntries, recordWritten, urgencyOrder } from '../../src/store/case-index.js';
import { DELTA_LIMIT, DELTA_SUFFIX } from '../../src/store/index-files.js';
import { type PackedDeadline, unpackDeadline } from '../../src/store/index-format.js';
import { CaseStore } from '../../src/store/case-store.js';
import { makeTempDir } from '../helpers/cli.js';

const calendar = createWorkCalendar([builtInHolidays()]);
const NOW = new Date('2026-11-24T12:00:00+08:00');
let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.map((c) => c()));
  cleanups = [];
});

/** Cases whose deadlines tie: the same order time (so the same due time and id), contacts promising the same minute. */
async function storeWith(count: number): Promise<CaseStore> {
  const temp = await makeTempDir();
  cleanups.push(temp.cleanup);
  const store = new CaseStore(temp.dir);
  const facts = Array.from({ length: count }, (_, i) =>
    buildCaseFacts(
      { platform: `卡盟${i % 3}`, order: `KM-${i + 1}`, product: '话费', category: 'phone', account: '13800138000', amount: '10', 'payment-method': '支付宝', 'ordered-at': i % 2 ? '2026-11-20 10:00' : '2026-11-23 10:00', promise: i % 4 === 3 ? 'none' : '2h' },
      { zone: 'Asia/Shanghai', now: NOW },
      { demand: '退款', status: '处理中' },
    ),
  );
  await store.createMany(facts, NOW);
  for (const id of ['C2', 'C3', 'C5'].filter((id) => Number(id.slice(1)) <= count)) {
    await store.mutate(id, () => NOW, () => ({ type: 'contact.added', data: { id: 'K1', channel: 'phone', at: '2026-11-21T09:00:00+08:00', promisedBy: '2026-11-25T09:00:00+08:00', evidence: [], recordedAt: '2026-11-21T09:00:00+08:00' } }));
  }
  return store;
}

async function engineOrder(store: CaseStore, now: Date) {
  const { cases } = await store.loadAll();
  return sortByUrgency(cases.flatMap((record) => pendingDeadlines(computeDeadlines(record, now, calendar)))).map((d) => `${d.caseId}/${d.id}/${d.state}`);
}

describe('the case index for due', () => {
  it('gives every running deadline in the deadline engine’s order, ties by case, fresh and from the index', async () => {
    const store = await storeWith(9);
    for (const now of [NOW, new Date('2026-11-25T09:30:00+08:00')]) {
      for (const round of ['builds', 'reads']) {
        const { rows, problems } = await dueIndex(store, { now, calendar });
        expect(problems, round).toEqual([]);
        const shown = rows.map(({ caseId, deadline }) => settleStored(unpackDeadline(deadline), caseId, deadline[0], now, false)).map((d) => `${d.caseId}/${d.id}/${d.state}`);
        expect(shown, round).toEqual(await engineOrder(store, now));
      }
    }
  });
});

describe('the order of due', () => {
  const at = (ms: number, id: string): PackedDeadline => [ms, id, 2, '', 0, 0, 0, 0, 1, 0, 0, 0, 0];
  const T = Date.parse('2026-11-24T04:00:00Z');
  it.each([
    ['whole seconds', 0],
    ['a due time with milliseconds (compared throughout)', 1],
  ])('%s: by due time, then id, then case, then as listed', (_name, ms) => {
    const deadlines = [at(T + 60_000, 'b'), at(T, 'z'), at(T, 'a'), at(T + ms, 'a'), at(T - 1000, 'q'), at(T, 'a')];
    const cases = [0, 0, 1, 2, 3, 3];
    const expected = [...deadlines.keys()].sort((a, b) => deadlines[a]![0] - deadlines[b]![0] || String(deadlines[a]![1]).localeCompare(String(deadlines[b]![1])) || cases[a]! - cases[b]! || a - b);
    expect(urgencyOrder(deadlines, cases)).toEqual(expected);
    expect(urgencyOrder([], [])).toEqual([]);
  });
});

describe('the case index files', () => {
  it('after a few writes a listing saves only their entries beside the whole file; damaged or foreign, that delta is ignored', async () => {
    const store = await storeWith(6);
    const file = path.join(store.casesDir, INDEX_FILE);
    const options = { deadlines: { now: NOW, calendar } };
    const first = await caseSummaries(store, options);
    const whole = await readFile(file, 'utf8');
    await store.mutate('C4', () => NOW, () => ({ type: 'case.edited', data: { changes: { 'order.status': '已退款' } } }));
    const second = await caseSummaries(store, options);
    expect(second.summaries.find((s) => s.id === 'C4')?.status).toBe('已退款');
    expect(await readFile(file, 'utf8')).toBe(whole); // the whole file untouched
    const delta = JSON.parse(await readFile(`${file}${DELTA_SUFFIX}`, 'utf8')) as { stamp: string; entries: Record<string, unknown> };
    expect(Object.keys(delta.entries)).toEqual(['C4']);
    expect(delta.stamp).toBe((JSON.parse(whole) as { stamp: string }).stamp);
    // lookups by order number see the case as the delta has it
    expect((await orderEntries(store)).find((e) => e.id === 'C4')).toEqual({ id: 'C4', order: 'KM-4', platform: '卡盟0' });

    // a damaged delta, or one of another whole file: the changed case is read again, the listing is the same
    for (const bad of ['{"version":7,"stamp":', JSON.stringify({ ...delta, stamp: 'other', entries: { C4: [...(delta.entries.C4 as unknown[]).slice(0, 5), 'stale'] } })]) {
      await writeFile(`${file}${DELTA_SUFFIX}`, bad);
      expect(await caseSummaries(store, options)).toEqual(second);
    }
    await rm(`${file}${DELTA_SUFFIX}`);
    expect(await caseSummaries(store, options)).toEqual(second);
    expect(first.summaries).toHaveLength(6);
  });

  it(`past ${DELTA_LIMIT} changed cases the whole file is written again and the delta goes`, async () => {
    const store = await storeWith(3);
    const file = path.join(store.casesDir, DEADLINES_FILE);
    await dueIndex(store, { now: NOW, calendar });
    const stamp = (JSON.parse(await readFile(file, 'utf8')) as { stamp: string }).stamp;
    await store.mutate('C1', () => NOW, () => ({ type: 'case.edited', data: { changes: { 'order.status': '已退款' } } }));
    await dueIndex(store, { now: NOW, calendar });
    expect(Object.keys((JSON.parse(await readFile(`${file}${DELTA_SUFFIX}`, 'utf8')) as { entries: object }).entries)).toEqual(['C1']);
    const more = Array.from({ length: DELTA_LIMIT }, (_, i) =>
      buildCaseFacts(
        { platform: 'p', order: `N-${i}`, product: 'x', category: 'phone', account: '1', amount: '1', 'payment-method': '支付宝', 'ordered-at': '2026-11-20 10:00' },
        { zone: 'Asia/Shanghai', now: NOW },
        { demand: '退款', status: '处理中' },
      ),
    );
    await store.createMany(more, NOW);
    const { rows } = await dueIndex(store, { now: NOW, calendar });
    expect(new Set(rows.map((r) => r.caseId)).size).toBe(3 + DELTA_LIMIT);
    const rewritten = JSON.parse(await readFile(file, 'utf8')) as { stamp: string; entries: object };
    expect(rewritten.stamp).not.toBe(stamp);
    expect(Object.keys(rewritten.entries)).toHaveLength(3 + DELTA_LIMIT);
    await expect(readFile(`${file}${DELTA_SUFFIX}`)).rejects.toThrow(/ENOENT/);
  });
});

describe('a write by weiquan', () => {
  it('puts the case it wrote into the index at once: the next listing and due read no case', async () => {
    const built = await storeWith(4);
    // the same folder through a store that tells the index of its writes, as every command's store does
    const store = new CaseStore(built.home, (record, key) => recordWritten(built.casesDir, record, key, { now: NOW, calendar }));
    await caseSummaries(store, { deadlines: { now: NOW, calendar } });
    await dueIndex(store, { now: NOW, calendar });
    await store.mutate('C2', () => NOW, () => ({ type: 'case.edited', data: { changes: { 'order.status': '已退款' } } }));
    await store.mutate('C3', () => NOW, () => ({ type: 'contact.added', data: { id: 'K2', channel: 'phone', at: '2026-11-22T09:00:00+08:00', promisedBy: '2026-11-26T09:00:00+08:00', evidence: [], recordedAt: '2026-11-22T09:00:00+08:00' } }));
    const created = await store.create(buildCaseFacts({ platform: '新平台', order: 'KM-NEW', product: 'x', category: 'phone', account: '1', amount: '1', 'payment-method': '支付宝', 'ordered-at': '2026-11-22 10:00' }, { zone: 'Asia/Shanghai', now: NOW }, { demand: '退款', status: '处理中' }), NOW);
    const unopened = { casesDir: built.casesDir, open: () => Promise.reject(new Error('the index should not need to read a case')) };
    const { summaries, problems } = await caseSummaries(unopened, { deadlines: { now: NOW, calendar } });
    expect(problems).toEqual([]);
    expect(summaries.map((s) => s.id)).toEqual(['C1', 'C2', 'C3', 'C4', created.id]);
    expect(summaries.find((s) => s.id === 'C2')?.status).toBe('已退款');
    const later = new Date('2026-11-25T12:00:00+08:00');
    const { rows } = await dueIndex(unopened, { now: later, calendar });
    const shown = rows.map(({ caseId, deadline }) => settleStored(unpackDeadline(deadline), caseId, deadline[0], later, false)).map((d) => `${d.caseId}/${d.id}/${d.state}`);
    expect(shown).toEqual(await engineOrder(store, later));
    expect(shown).toContain('C3/service-promise-K2/open');
    // made with another calendar, the index is left to the listing, which reads the case again
    await store.mutate('C4', () => NOW, () => ({ type: 'case.edited', data: { changes: { 'order.status': '已到账' } } }));
    const other = new CaseStore(built.home, (record, key) => recordWritten(built.casesDir, record, key, { now: NOW, calendar: createWorkCalendar([]) }));
    await other.mutate('C1', () => NOW, () => ({ type: 'case.edited', data: { changes: { 'order.status': '已到账' } } }));
    const after = await caseSummaries(unopened, { deadlines: { now: NOW, calendar } });
    expect(after.problems.map((p) => [p.id, p.reason])).toEqual([['C1', 'Error: the index should not need to read a case']]);
    expect(after.summaries.find((s) => s.id === 'C4')?.status).toBe('已到账');
  });
});

describe('a forged index', () => {
  it('an entry that carries its case’s key but a forged stage or due time is made again from the case files', async () => {
    const store = await storeWith(3);
    const wanted = { deadlines: { now: NOW, calendar } };
    const truth = await caseSummaries(store, wanted);
    const file = path.join(store.casesDir, INDEX_FILE);
    const index = JSON.parse(await readFile(file, 'utf8')) as { entries: Record<string, unknown[]> };
    index.entries.C2![6] = '\u001b]0;owned\u0007';
    (index.entries.C2![9] as unknown[])[3] = '\u001b[2J';
    await writeFile(file, JSON.stringify(index));
    await rm(`${file}${DELTA_SUFFIX}`, { force: true });
    expect(await caseSummaries(store, wanted)).toEqual(truth);
    const dueFile = path.join(store.casesDir, DEADLINES_FILE);
    await dueIndex(store, { now: NOW, calendar });
    const dueIndexFile = JSON.parse(await readFile(dueFile, 'utf8')) as { entries: Record<string, unknown[]> };
    ((dueIndexFile.entries.C1![6] as unknown[][])[0]!)[9] = 'K1\u001b[31m';
    await writeFile(dueFile, JSON.stringify(dueIndexFile));
    await rm(`${dueFile}${DELTA_SUFFIX}`, { force: true });
    const { rows } = await dueIndex(store, { now: NOW, calendar });
    expect(rows.every(({ deadline }) => deadline[9] === 0 || /^K\d+$/.test(deadline[9]))).toBe(true);
  });
});
