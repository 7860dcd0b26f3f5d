#!/usr/bin/env node
/**
 * Document benchmarks (run after `npm run build`): prints medians.
 *   1. one letter, font discovery and load included, vs the same letter printed to PDF by Chrome via puppeteer
 *      (a fresh browser per letter, as a one-off command would; and a warm browser, page.pdf only)
 *   2. 12315 bundles with 20 and 100 full-page captures, each in a child process: time, peak RSS, and the zip's
 *      size against the package folder's
 *   3. 100 letters in one process with the font loaded once
 * Usage: node scripts/bench-documents.mjs [--runs N] [--only bundle]
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const dist = new URL('../dist/', import.meta.url);
const load = (p) => import(new URL(p, dist).href);
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 7;
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

const [{ assembleLetter, complaintFields }, { findCjkFont }, { renderLetterPdf, letterMarkup }, { parseMarkup }, { writeBundle }, { CaseStore }, { buildCaseFacts }, { createTranslator }] =
  await Promise.all([
    load('core/letter-facts.js'), load('documents/fonts.js'), load('documents/letter.js'), load('documents/markup.js'),
    load('documents/bundle/index.js'), load('store/case-store.js'), load('core/order-fields.js'), load('ui/i18n.js'),
  ]);

const now = new Date('2026-11-24T12:00:00+08:00');
const t = createTranslator('zh');
const complainant = { name: '张三', phone: '13800138000', address: '北京市朝阳区某某街 1 号' };
const facts = buildCaseFacts(
  { platform: '快充卡盟', 'platform-url': 'https://kachong.example.com', company: '某某网络科技有限公司', 'company-address': '浙江省杭州市余杭区某某路 1 号', order: 'KM20261120001', product: '中国移动话费 100 元', category: 'phone', account: '13800138000', amount: '100', 'payment-method': '支付宝', 'payment-ref': '2026112022001400001', 'ordered-at': '2026-11-20 10:00', 'paid-at': '2026-11-20 10:01', promise: '2h' },
  { zone: 'Asia/Shanghai', now },
  { demand: '在合理期限内完成充值，或按我的选择全额退款', status: '处理中' },
);
const contacts = [
  { id: 'K1', channel: 'app-chat', at: '2026-11-20T14:00:00+08:00', agent: '小美', ticket: 'GD20261120-0042', summary: '客服称系统繁忙，会尽快处理', promisedBy: '2026-11-21T14:00:00+08:00', evidence: [], recordedAt: '2026-11-20T14:05:00+08:00' },
  { id: 'K2', channel: 'phone', at: '2026-11-22T09:30:00+08:00', ticket: 'GD20261122-0107', summary: '电话客服称已升级处理', evidence: [], recordedAt: '2026-11-22T09:35:00+08:00' },
];
const source = { ...facts, id: 'C1', contacts, evidence: [] };
const content = assembleLetter(source, { now, lang: 'zh', complainant, replyWithinMinutes: 4320, deliverWithinHours: 24 }, t);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(fn) {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}
const fmt = (ms) => `${ms.toFixed(0)} ms`;

// 2. bundles with 20 and 100 full-page captures, each built in a child process so its peak memory is its own
/** Size of every file below `dir`, in bytes. */
async function folderBytes(dir) {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? await folderBytes(full) : (await stat(full)).size;
  }
  return total;
}
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** A case whose evidence is `count` full-page captures (1280×6000 PNG screenshot + captioned copy, as capture stores them). */
async function benchCase(home, count) {
  const { default: sharp } = await import('sharp');
  const store = new CaseStore(home);
  const created = await store.create(facts, now);
  const lines = Array.from({ length: 120 }, (_, i) => `<text x="40" y="${60 + i * 48}" font-size="26" fill="#222">第 ${i + 1} 行：订单 KM20261120001 · 中国移动话费 100 元 · 状态 处理中 · ¥100.00 · ${'示例文字'.repeat(3)}</text>`).join('');
  const screenshot = await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="6000"><rect width="100%" height="100%" fill="#f7f9fc"/>${lines}</svg>`)).flatten({ background: '#ffffff' }).png().toBuffer();
  const captioned = await sharp(screenshot).extend({ bottom: 120, background: '#ffffff' }).png().toBuffer();
  const sha = (data) => createHash('sha256').update(data).digest('hex');
  await store.mutate(created.id, () => now, async (_current, caseDir) => {
    const events = [];
    for (let i = 1; i <= count; i += 1) {
      const id = `E${i}`;
      await mkdir(path.join(caseDir, 'evidence', id), { recursive: true });
      await writeFile(path.join(caseDir, 'evidence', id, 'screenshot.png'), screenshot);
      await writeFile(path.join(caseDir, 'evidence', id, 'screenshot-captioned.png'), captioned);
      events.push({ type: 'evidence.added', data: { id, kind: 'order-page', title: `订单页截图 ${i}`, source: 'https://kachong.example.com/order/KM20261120001', proves: '订单未到账', addedAt: now.toISOString(), meta: {}, files: [
        { path: `evidence/${id}/screenshot.png`, role: 'screenshot', sha256: sha(screenshot), size: screenshot.length, mime: 'image/png' },
        { path: `evidence/${id}/screenshot-captioned.png`, role: 'captioned', sha256: sha(captioned), size: captioned.length, mime: 'image/png' },
      ] } });
    }
    return events;
  });
  return created.id;
}

/** In the child: build the bundle once, print its time, its peak RSS and its sizes as JSON. */
async function bundleChild(home, caseId, outDir) {
  const store = new CaseStore(home);
  const record = await store.load(caseId);
  const font = await findCjkFont({ env: process.env });
  const bundleContent = assembleLetter(record, { now, lang: 'zh', complainant, replyWithinMinutes: 4320, deliverWithinHours: 24 }, t);
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const result = await writeBundle({ record, caseDir: store.caseDir(record.id), content: bundleContent, fields: complaintFields(bundleContent), deadlines: [], font, now, t, outDir, uploadLimitMB: 5 });
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const sizes = { folder: await folderBytes(outDir), zip: (await stat(result.zip)).size, evidence: await folderBytes(path.join(outDir, 'evidence')), upload: await folderBytes(path.join(outDir, 'upload')), complaint: (await stat(result.complaintPdf)).size };
  console.log(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, pages: result.pages, maxRssKB: process.resourceUsage().maxRSS, sizes }));
}

if (process.argv[2] === '--prepare-case') {
  // for profiling by hand: node scripts/bench-documents.mjs --prepare-case HOME 20, then
  // node --cpu-prof scripts/bench-documents.mjs --bundle-child HOME C1 OUT
  console.log(await benchCase(process.argv[3], Number(process.argv[4])));
  process.exit(0);
}
if (process.argv[2] === '--bundle-child') {
  await bundleChild(process.argv[3], process.argv[4], process.argv[5]);
  process.exit(0);
}

async function benchBundles() {
  const work = await mkdtemp(path.join(os.tmpdir(), 'weiquan-bench-bundle-'));
  try {
    for (const count of [20, 100]) {
      const home = path.join(work, `home-${count}`);
      const caseId = await benchCase(home, count);
      const samples = [];
      for (let i = 0; i < (count === 20 ? Math.min(runs, 3) : 1); i += 1) {
        const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--bundle-child', home, caseId, path.join(work, `bundle-${count}-${i}`)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
        if (child.status !== 0) throw new Error(`bundle child failed (${child.status})`);
        samples.push(JSON.parse(child.stdout.trim().split('\n').at(-1)));
        await rm(path.join(work, `bundle-${count}-${i}`), { recursive: true, force: true });
        await rm(path.join(work, `bundle-${count}-${i}.zip`), { force: true });
      }
      const picked = [...samples].sort((a, b) => a.ms - b.ms)[Math.floor(samples.length / 2)];
      const peak = Math.max(...samples.map((s) => s.maxRssKB)) * 1024;
      const { sizes } = picked;
      console.log(`bundle with ${count} full-page captures (1280×6000 + captioned copy), ${picked.pages} pages, zip and upload copies included, median of ${samples.length}: ${fmt(picked.ms)} (CPU ${fmt(picked.cpuMs)}, all threads), peak RSS ${mb(peak)}${count === 20 ? ' (target < 2 s, < 300 MB)' : ''}`);
      console.log(`  package folder ${mb(sizes.folder)} (complaint.pdf ${mb(sizes.complaint)}, evidence/ ${mb(sizes.evidence)}, upload/ ${mb(sizes.upload)}); zip ${mb(sizes.zip)} = ${(sizes.zip / sizes.folder).toFixed(2)}× the folder`);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
if (only === 'bundle') {
  await benchBundles();
  process.exit(0);
}

// 1. letter vs Chrome
const ours = [];
for (let i = 0; i < runs; i += 1) ours.push(await time(async () => renderLetterPdf(content, { font: await findCjkFont({ env: process.env }), creationDate: now })));

const loadedFont = await findCjkFont({ env: process.env });
const oursLoaded = [];
for (let i = 0; i < runs; i += 1) oursLoaded.push(await time(async () => renderLetterPdf(content, { font: loadedFont, creationDate: now })));

const escape = (s) => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]);
function html(blocks) {
  const body = blocks.map((b) => {
    switch (b.type) {
      case 'title': return `<h1>${escape(b.text)}</h1>`;
      case 'heading': return `<h${b.level + 1}>${escape(b.text)}</h${b.level + 1}>`;
      case 'paragraph': return `<p class="${b.indent ? 'indent' : ''}">${escape(b.text)}</p>`;
      case 'list': return `<${b.numbered ? 'ol' : 'ul'}>${b.items.map((i) => `<li>${escape(i)}</li>`).join('')}</${b.numbered ? 'ol' : 'ul'}>`;
      case 'quote': return `<blockquote>${escape(b.text)}</blockquote>`;
      case 'right': return b.lines.map((l) => `<p style="text-align:right">${escape(l)}</p>`).join('');
      case 'keyValues': return `<table>${b.rows.map(([k, v]) => `<tr><th>${escape(k)}</th><td>${escape(v)}</td></tr>`).join('')}</table>`;
      default: return '<hr>';
    }
  }).join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
    @page { size: A4; margin: 62px 64px 70px; } body { font-family: 'Noto Sans CJK SC', sans-serif; font-size: 11pt; line-break: strict; }
    h1 { text-align: center; font-size: 20pt; } .indent { text-indent: 2em; } table { border-collapse: collapse; width: 100%; }
    th, td { border: 0.5pt solid #aaa; padding: 4pt; text-align: left; } th { width: 28%; background: #f3f3f3; }</style></head><body>${body}</body></html>`;
}
const letterHtml = html(parseMarkup(await letterMarkup(content)));
const puppeteer = (await import('puppeteer-core')).default;
const executablePath = process.env.CHROME_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p)) ?? '/usr/bin/chromium';
const chromeArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const chromeCold = [];
const chromeWarm = [];
const profileRoot = await mkdtemp(path.join(os.tmpdir(), 'weiquan-bench-chrome-'));
try {
  for (let i = 0; i < runs; i += 1) {
    chromeCold.push(await time(async () => {
      const browser = await puppeteer.launch({ executablePath, headless: true, args: [...chromeArgs, `--user-data-dir=${path.join(profileRoot, `p${i}`)}`] });
      const page = await browser.newPage();
      await page.setContent(letterHtml, { waitUntil: 'load' });
      await page.pdf({ format: 'A4', printBackground: true });
      await browser.close();
    }));
  }
  const browser = await puppeteer.launch({ executablePath, headless: true, args: [...chromeArgs, `--user-data-dir=${path.join(profileRoot, 'warm')}`] });
  const page = await browser.newPage();
  for (let i = 0; i < runs; i += 1) {
    chromeWarm.push(await time(async () => {
      await page.setContent(letterHtml, { waitUntil: 'load' });
      await page.pdf({ format: 'A4', printBackground: true });
    }));
  }
  await browser.close();
} finally {
  await rm(profileRoot, { recursive: true, force: true });
}
console.log(`letter (font discovery + load + render), median of ${runs}: ${fmt(median(ours))}`);
console.log(`same letter via Chrome/puppeteer, fresh browser:     ${fmt(median(chromeCold))}  → ours is ${(median(chromeCold) / median(ours)).toFixed(1)}× faster`);
console.log(`same letter via Chrome/puppeteer, warm browser:      ${fmt(median(chromeWarm))}  → ours is ${(median(chromeWarm) / median(ours)).toFixed(1)}× faster (font load included)`);
console.log(`letter with the font already loaded, median of ${runs}:  ${fmt(median(oursLoaded))}  → ${(median(chromeWarm) / median(oursLoaded)).toFixed(1)}× faster than the warm browser`);

// 2. bundles (measured after the letters)
await benchBundles();

// 3. 100 letters, one font load
const font = await findCjkFont({ env: process.env });
const total = await time(async () => {
  for (let i = 0; i < 100; i += 1) {
    const c = assembleLetter({ ...source, order: { ...source.order, number: `KM2026112${String(i).padStart(4, '0')}` } }, { now, lang: 'zh', complainant, replyWithinMinutes: 4320, deliverWithinHours: 24 }, t);
    await renderLetterPdf(c, { font, creationDate: now });
  }
});
console.log(`100 letters in one process, font loaded once: ${fmt(total)} total, ${(total / 100).toFixed(1)} ms a letter`);
