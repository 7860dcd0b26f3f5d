#!/usr/bin/env node
// Capture benchmark (prints medians, asserts nothing). Targets from issue 3:
//  - one `weiquan capture` of a local page, browser start included, within 1.5× of
//    `chromium --headless --screenshot` of the same page (median, same run, runs interleaved);
//  - 5 URLs in one call well under 5 separate captures.
// BENCH_CAPTURE_RUNS (default 7) sets the sample count; WEIQUAN_BROWSER or /usr/bin/chromium is the browser.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'weiquan.js');
const runs = Number(process.env.BENCH_CAPTURE_RUNS ?? 7);
const browser = process.env.WEIQUAN_BROWSER ?? ['/usr/bin/chromium', '/usr/bin/google-chrome', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Run a command to its end and return the wall time (async: the page server lives in this process). */
function timed(command, args, env) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (code !== 0) reject(new Error(`${path.basename(command)} ${args.join(' ')} failed (${code}): ${stderr}`));
      else resolve(ms);
    });
  });
}

const PAGE = (n) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>订单 KM2026112000${n}</title></head>
<body><h1>订单详情</h1><p>订单号 KM2026112000${n}</p><p>商品：中国移动话费 100 元</p><p>状态：处理中</p></body></html>`;

async function main() {
  if (!existsSync(path.join(root, 'dist', 'main.js'))) throw new Error('run npm run build first');
  if (!browser) {
    console.log('capture: skipped (no chromium found; set WEIQUAN_BROWSER)');
    return;
  }
  const server = createServer((request, response) => {
    const n = Number(/\d+/.exec(request.url ?? '')?.[0] ?? 1);
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(PAGE(n));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const home = await mkdtemp(path.join(os.tmpdir(), 'weiquan-bench-capture-'));
  const env = { WEIQUAN_HOME: home, WEIQUAN_BROWSER: browser, CI: 'true', NO_COLOR: '1' };
  try {
    await timed(process.execPath, [bin, 'new', '--platform', '快充卡盟', '--order', 'KM20261120001', '--product', '话费 100 元', '--category', 'phone', '--account', '13800138000', '--amount', '100', '--payment-method', '支付宝', '--ordered-at', '2026-11-20 10:00', '--promise', '2h'], env);
    const rootArgs = typeof process.getuid === 'function' && process.getuid() === 0 ? ['--no-sandbox'] : [];
    const shot = path.join(home, 'baseline.png');
    const baselineArgs = (url) => ['--headless', '--disable-gpu', ...rootArgs, '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--hide-scrollbars', '--window-size=1280,800', `--user-data-dir=${path.join(home, 'baseline-profile')}`, `--screenshot=${shot}`, url];
    // warm the disk cache for both before measuring
    await timed(browser, baselineArgs(`${origin}/order/1`), {});
    await timed(process.execPath, [bin, 'capture', 'C1', `${origin}/order/1`], env);

    const baseline = [];
    const single = [];
    for (let i = 0; i < runs; i += 1) {
      baseline.push(await timed(browser, baselineArgs(`${origin}/order/1`), {}));
      single.push(await timed(process.execPath, [bin, 'capture', 'C1', `${origin}/order/1`], env));
    }
    const urls = [1, 2, 3, 4, 5].map((n) => `${origin}/order/${n}`);
    const batch = [];
    const separate = [];
    const batchRuns = Math.max(3, Math.ceil(runs / 2));
    for (let i = 0; i < batchRuns; i += 1) {
      batch.push(await timed(process.execPath, [bin, 'capture', 'C1', ...urls], env));
      let total = 0;
      for (const url of urls) total += await timed(process.execPath, [bin, 'capture', 'C1', url], env);
      separate.push(total);
    }
    const base = median(baseline);
    const one = median(single);
    const five = median(batch);
    const fiveSeparate = median(separate);
    console.log(`capture (median; ${runs} interleaved runs, ${batchRuns} for the 5-URL figures; ${os.cpus().length} cores; ${path.basename(browser)})`);
    console.log(`  chromium --headless --screenshot         ${base.toFixed(0)} ms`);
    console.log(`  weiquan capture, 1 URL (browser start)   ${one.toFixed(0)} ms   (${(one / base).toFixed(2)}× the baseline; target ≤ 1.5×)`);
    console.log(`  weiquan capture, 5 URLs in one call      ${five.toFixed(0)} ms`);
    console.log(`  5 separate weiquan captures              ${fiveSeparate.toFixed(0)} ms   (one call takes ${((five / fiveSeparate) * 100).toFixed(0)}% of that)`);
  } finally {
    server.close();
    await rm(home, { recursive: true, force: true });
  }
}

await main();
