#!/usr/bin/env node
// Appending to a long journal: `contact` on a case with 1,000 journal entries against bare `node -e 0`
// measured in the same run (target: ≤ bare node + 150 ms). A write checks the journal only from the
// entry case.json records on, so the figure should not grow with the journal.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'weiquan.js');
const runs = Number(process.env.BENCH_RUNS ?? 15);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function time(args, env) {
  const samples = [];
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  }
  return median(samples);
}

const home = await mkdtemp(path.join(os.tmpdir(), 'weiquan-bench-journal-'));
try {
  const { CaseStore } = await import(path.join(root, 'dist/store/case-store.js'));
  const { buildCaseFacts } = await import(path.join(root, 'dist/core/order-fields.js'));
  const store = new CaseStore(home);
  const facts = buildCaseFacts(
    { platform: '快充卡盟', order: 'KM0', product: '话费 100 元', category: 'phone', account: '13800138000', amount: '100', 'payment-method': '支付宝', 'ordered-at': '2026-11-20 10:00', promise: '2h' },
    { zone: 'Asia/Shanghai', now: new Date() },
    { demand: '退款', status: '处理中' },
  );
  await store.create(facts, new Date());
  await store.create({ ...facts, order: { ...facts.order, number: 'KM-short' } }, new Date());
  const at = '2026-11-21T10:00:00+08:00';
  for (let i = 1; i < 1000; i += 1) {
    await store.mutate('C1', () => new Date(), () => ({ type: 'contact.added', data: { id: `K${i}`, channel: 'app-chat', at, summary: `第 ${i} 次联系客服，仍说处理中`, evidence: [], recordedAt: at } }));
  }
  const entries = (await store.journal('C1')).entries.length;
  const env = { WEIQUAN_HOME: home, NO_COLOR: '1', CI: 'true', WEIQUAN_NOW: '2026-11-24T12:00:00+08:00' };
  const contactArgs = (id) => [bin, 'contact', id, '--channel', 'phone', '--at', '2026-11-22 10:00', '--summary', '再次催促'];
  const bare = time(['-e', '0'], env);
  const long = time(contactArgs('C1'), env);
  const short = time(contactArgs('C2'), env);
  console.log(`journal appends (median of ${runs} runs)`);
  console.log(`  node -e 0                                   ${bare.toFixed(1)} ms`);
  console.log(`  weiquan contact, case with ${entries} entries    ${long.toFixed(1)} ms   (+${(long - bare).toFixed(1)} ms over bare node; target ≤ 150)`);
  console.log(`  weiquan contact, case with 1 entry          ${short.toFixed(1)} ms   (+${(short - bare).toFixed(1)} ms)`);
} finally {
  await rm(home, { recursive: true, force: true });
}
