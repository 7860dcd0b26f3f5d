#!/usr/bin/env node
// The 5,000-case figures (npm run bench; alone: node scripts/bench-cases.mjs). Prints figures, asserts nothing.
// Each command is measured beside two anchors taken in the same run: bare `node -e 0`, and a plain script that
// reads every case.json and prints a row (the floor any listing has to pay).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'weiquan.js');
const runs = Number(process.env.BENCH_RUNS ?? 7);
const CASES = Number(process.env.BENCH_CASES ?? 5000);
const NOW = '2026-11-24T12:00:00+08:00';

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function time(args, env, count = runs) {
  const samples = [];
  for (let i = 0; i < count; i += 1) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28 });
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  }
  return median(samples);
}

/** Write the cases straight through the journal code (no fsync: this is set-up, not what is measured). */
async function generate(home) {
  const { sealEntry } = await import(path.join(root, 'dist/core/journal-chain.js'));
  const { foldJournal } = await import(path.join(root, 'dist/core/case-events.js'));
  const { CaseSchema } = await import(path.join(root, 'dist/core/case-model.js'));
  const casesDir = path.join(home, 'cases');
  mkdirSync(casesDir, { recursive: true, mode: 0o700 });
  const genesis = '0'.repeat(64);
  const base = Date.parse('2026-09-01T02:00:00Z');
  for (let n = 1; n <= CASES; n += 1) {
    const ordered = new Date(base + n * 20 * 60_000);
    const at = (minutes) => new Date(ordered.getTime() + minutes * 60_000).toISOString().replace('Z', '+00:00');
    const events = [
      [
        'case.created',
        {
          id: `C${n}`,
          timeZone: 'Asia/Shanghai',
          platform: { name: `卡盟${n % 37}`, url: 'https://kachong.example.com/', company: '某某网络科技有限公司' },
          order: {
            number: `KM2026${String(n).padStart(6, '0')}`,
            product: '中国移动话费 100 元',
            category: 'phone',
            account: '13800138000',
            amountFen: 10000 + n,
            paymentMethod: '支付宝',
            orderedAt: at(0),
            promise: n % 3 === 0 ? 'none' : '2h',
            status: '处理中',
            demand: '请于 3 日内到账或原路退款',
          },
        },
      ],
    ];
    const contacts = n === 1 ? 1000 : n % 2;
    for (let k = 1; k <= contacts; k += 1) {
      events.push(['contact.added', { id: `K${k}`, channel: 'app-chat', at: at(60 + k), agent: '小王', ticket: `GD-${n}-${k}`, summary: '客服称已提交技术处理', promisedBy: at(60 + k + 1440), evidence: [], recordedAt: at(60 + k) }]);
    }
    if (n % 5 === 0) events.push(['filing.recorded', { at: at(5 * 1440), complaintNo: `3301${n}`, authority: '杭州市余杭区市场监督管理局', recordedAt: at(5 * 1440) }]);
    let previous = genesis;
    const entries = events.map(([type, data], index) => {
      const entry = sealEntry(index + 1, at(index), type, data, previous);
      previous = entry.hash;
      return entry;
    });
    const record = CaseSchema.parse(foldJournal(entries));
    const dir = path.join(casesDir, `C${n}`);
    mkdirSync(dir, { mode: 0o700 });
    writeFileSync(path.join(dir, 'journal.jsonl'), entries.map((e) => `${JSON.stringify(e)}\n`).join(''), { mode: 0o600 });
    writeFileSync(path.join(dir, 'case.json'), `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
  }
}

const FLOOR = `
const fs = require('node:fs'), path = require('node:path');
const dir = path.join(process.env.WEIQUAN_HOME, 'cases');
const rows = [];
for (const id of fs.readdirSync(dir)) {
  if (!/^C\\d+$/.test(id)) continue;
  const c = JSON.parse(fs.readFileSync(path.join(dir, id, 'case.json'), 'utf8'));
  rows.push([c.id, c.platform.name, c.order.number, (c.order.amountFen / 100).toFixed(2), c.order.orderedAt, c.order.status].join('  '));
}
process.stdout.write(rows.join('\\n') + '\\n');
`;

// BENCH_HOME=DIR keeps the generated workspace there (for profiling: WEIQUAN_HOME=DIR node --cpu-prof
// bin/weiquan.js list); an existing one is regenerated.
const keep = process.env.BENCH_HOME ? path.resolve(process.env.BENCH_HOME) : undefined;
if (keep) await rm(keep, { recursive: true, force: true });
const home = keep ?? (await mkdtemp(path.join(os.tmpdir(), 'weiquan-bench-cases-')));
try {
  const started = Date.now();
  await generate(home);
  const setupMs = Date.now() - started;
  const env = { WEIQUAN_HOME: home, WEIQUAN_NOW: NOW, NO_COLOR: '1', CI: 'true', LANG: 'en_US.UTF-8' };
  const floorFile = path.join(home, 'floor.cjs');
  writeFileSync(floorFile, FLOOR);
  const ics = path.join(home, 'due.ics');
  const cold = time([bin, 'list'], env, 1); // builds the case index
  // Round-robin: every round runs each command once, anchors included, so a busy moment on a shared machine
  // weighs on the anchors and the commands alike; the figure is each command's median over the rounds.
  const commands = {
    bare: ['-e', '0'],
    floor: [floorFile],
    list: [bin, 'list'],
    listOverdue: [bin, 'list', '--overdue'],
    due: [bin, 'due'],
    dueIcs: [bin, 'due', '--ics', ics],
    show: [bin, 'show', `KM2026${String(Math.ceil(CASES / 2)).padStart(6, '0')}`],
    newCase: [bin, 'new', '--platform', '快充', '--order', 'KM-NEW', '--product', 'p', '--category', 'phone', '--account', '13800138000', '--amount', '1', '--payment-method', '支付宝', '--ordered-at', '2026-11-20 10:00'],
    contact: [bin, 'contact', 'C1', '--channel', 'phone', '--at', '2026-11-23 10:00', '--summary', 'bench'],
  };
  const samples = Object.fromEntries(Object.keys(commands).map((key) => [key, []]));
  for (let round = 0; round < runs; round += 1) {
    for (const [key, args] of Object.entries(commands)) samples[key].push(time(args, env, 1));
  }
  const figures = Object.fromEntries(Object.entries(samples).map(([key, values]) => [key, median(values)]));
  const events = (spawnSync('grep', ['-c', 'BEGIN:VEVENT', ics], { encoding: 'utf8' }).stdout || '?').trim();
  const { bare, floor } = figures;
  const row = (label, ms, target) => console.log(`  ${label.padEnd(34)}${ms.toFixed(0).padStart(6)} ms  ${target}`);
  const ratio = (ms, limit) => `${(ms / floor).toFixed(2)}× floor (target ≤ ${limit}×)`;
  const over = (ms) => `bare node + ${(ms - bare).toFixed(0)} ms (target ≤ +150)`;
  console.log(`${CASES.toLocaleString('en')} cases, one with 1,000 contacts (median of ${runs} rounds, each command once a round; set-up ${(setupMs / 1000).toFixed(1)} s; this machine: ${os.cpus().length} cores)`);
  row('node -e 0', bare, 'anchor');
  row('floor: read every case.json, print', floor, 'anchor');
  row('list, first run (builds the index)', cold, `${(cold / floor).toFixed(2)}× floor`);
  row('list', figures.list, ratio(figures.list, 1.5));
  row('list --overdue', figures.listOverdue, ratio(figures.listOverdue, 1.5));
  row('due', figures.due, ratio(figures.due, 1.5));
  row(`due --ics (${events} events)`, figures.dueIcs, ratio(figures.dueIcs, 3));
  row('show ORDER-NO', figures.show, over(figures.show));
  row('new (5,001st on)', figures.newCase, over(figures.newCase));
  row('contact on the 1,000-contact case', figures.contact, over(figures.contact));
  if (keep) console.log(`  workspace kept at ${home}`);
} finally {
  if (!keep) await rm(home, { recursive: true, force: true });
}
