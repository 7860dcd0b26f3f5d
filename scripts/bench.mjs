#!/usr/bin/env node
// npm run bench: prints figures, asserts nothing. Start-up figures here; the capture and documents
// benchmarks live beside this file and run after it when present (skip with --only startup).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'weiquan.js');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const runs = Number(process.env.BENCH_RUNS ?? 15);

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function timeCommand(args, env) {
  const samples = [];
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
    samples.push(ms);
  }
  return median(samples);
}

async function startup() {
  const home = await mkdtemp(path.join(os.tmpdir(), 'weiquan-bench-'));
  try {
    const { CaseStore } = await import(path.join(root, 'dist/store/case-store.js'));
    const { buildCaseFacts } = await import(path.join(root, 'dist/core/order-fields.js'));
    const store = new CaseStore(home);
    const facts = buildCaseFacts(
      { platform: '快充卡盟', order: 'KM0', product: '话费 100 元', category: 'phone', account: '13800138000', amount: '100', 'payment-method': '支付宝', 'ordered-at': '2026-11-20 10:00', promise: '2h' },
      { zone: 'Asia/Shanghai', now: new Date() },
      { demand: '退款', status: '处理中' },
    );
    const started = Date.now();
    for (let i = 1; i <= 1000; i += 1) await store.create({ ...facts, order: { ...facts.order, number: `KM${i}` } }, new Date());
    const createMs = Date.now() - started;
    const env = { WEIQUAN_HOME: home, NO_COLOR: '1', CI: 'true' };
    const bare = timeCommand(['-e', '0'], env);
    const help = timeCommand([bin, '--help'], env);
    const list = timeCommand([bin, 'list'], env);
    const listJson = timeCommand([bin, 'list', '--json'], env);
    const memory = spawnSync(process.execPath, ['--expose-gc', '-e', `
      const { CaseStore } = await import(${JSON.stringify(path.join(root, 'dist/store/case-store.js'))});
      const r = await new CaseStore(${JSON.stringify(home)}).loadAll();
      console.log(Math.round(process.memoryUsage().rss / 1048576), r.cases.length);
    `], { encoding: 'utf8', env: { ...process.env }, stdio: ['ignore', 'pipe', 'inherit'], input: '' });
    console.log(`start-up (median of ${runs} runs, this machine: ${os.cpus().length} cores)`);
    console.log(`  node -e 0                        ${bare.toFixed(1)} ms`);
    console.log(`  weiquan --help                   ${help.toFixed(1)} ms   (+${(help - bare).toFixed(1)} ms over bare node; target ≤ 60)`);
    console.log(`  weiquan list, 1,000 cases        ${list.toFixed(1)} ms   (target < 300)`);
    console.log(`  weiquan list --json, 1,000 cases ${listJson.toFixed(1)} ms`);
    console.log(`  creating 1,000 cases in-process  ${createMs} ms (${(createMs / 1000).toFixed(2)} ms each, fsync included)`);
    console.log(`  RSS after loading 1,000 cases    ${memory.stdout.trim().split(' ')[0]} MiB`);
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

if (!existsSync(path.join(root, 'dist', 'main.js'))) throw new Error('run npm run build first');
if (!only || only === 'startup') await startup();
for (const [name, file] of [['capture', 'bench-capture.mjs'], ['documents', 'bench-documents.mjs'], ['journal', 'bench-journal.mjs'], ['cases', 'bench-cases.mjs']]) {
  if (only && only !== name) continue;
  const script = path.join(root, 'scripts', file);
  if (!existsSync(script)) continue;
  console.log('');
  const result = spawnSync(process.execPath, [script], { stdio: 'inherit' });
  if (result.status !== 0) process.exitCode = result.status ?? 1;
}
