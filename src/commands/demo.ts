import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Context } from '../context.js';
import { formatFen } from '../core/money.js';
import { buildCaseFacts } from '../core/order-fields.js';
import { withoutSettingsFile } from '../core/settings.js';
import { DateTime, DEFAULT_TIME_ZONE } from '../core/time.js';
import { WeiquanError } from '../errors.js';
import { TEMPLATES_DIR } from '../documents/templates.js';
import { Output } from '../ui/output.js';
import { orderDefaults } from './shared/order-defaults.js';

/**
 * The whole job, offline, on a bundled sample order page: log a sample order, serve the page on 127.0.0.1
 * and capture it with the real browser (or import the page file when no browser is found), record a
 * customer-service contact, then write the letter and the 12315 package. Everything goes into a temporary
 * data folder unless --home is given, so the user's own cases are never touched.
 */
export type DemoOptions = { out?: string; font?: string; keep?: boolean };

const SAMPLE_COMPLAINANT = { name: '张三（示例）', phone: '13800138000', address: '北京市朝阳区示例路 1 号' };

function discard(): Writable {
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}

/** A context on another data folder whose commands print nothing (the demo narrates the steps itself). */
async function demoContext(context: Context, home: string): Promise<Context> {
  const { CaseStore } = await import('../store/case-store.js');
  const { SettingsStore } = await import('../store/settings.js');
  const store = Promise.resolve(new CaseStore(home));
  const settings = SettingsStore.open(home);
  return {
    ...context,
    json: false,
    interactive: false,
    locations: { home, configDir: home, explicitHome: true },
    out: new Output(false, discard(), discard(), context.env),
    // the throw-away home has no settings file: the user's browser, font and time zone settings do not apply
    config: withoutSettingsFile(context.config),
    store: () => store,
    settings: () => settings,
  };
}

function serve(html: string): Promise<{ server: Server; url: string }> {
  return new Promise((resolve, reject) => {
    const server = createServer((request, response) => {
      if (request.url === '/' || request.url?.startsWith('/order')) {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(html);
      } else {
        response.writeHead(404).end();
      }
    });
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ server, url: `http://127.0.0.1:${port}/order/KM-DEMO-0001` });
    });
  });
}

/**
 * The demo's data folder: the --home flag when given on the command line, else a new temporary folder —
 * never WEIQUAN_HOME or the usual data home, which hold the user's own cases.
 */
export async function run(context: Context, options: DemoOptions, command?: { optsWithGlobals(): { home?: string } }): Promise<void> {
  const flagHome = command?.optsWithGlobals().home;
  const temporary = flagHome === undefined;
  const home = temporary ? await mkdtemp(path.join(os.tmpdir(), 'weiquan-demo-')) : path.resolve(flagHome);
  const keep = !temporary || Boolean(options.keep);
  try {
    await runIn(context, options, home, temporary && !keep);
  } finally {
    if (!keep) await rm(home, { recursive: true, force: true });
  }
  if (temporary) context.out.info(keep ? context.t('demo.kept', { home }) : context.t('demo.removed'));
}

async function runIn(context: Context, options: DemoOptions, home: string, removedAfter: boolean): Promise<void> {
  const { t } = context;
  context.out.info(t('demo.start', { home }));
  const demo = await demoContext(context, home);
  const settings = await demo.settings();
  if (!settings.profile()) settings.setProfile(SAMPLE_COMPLAINANT);

  // 1. the sample order: paid three days ago, promised "秒充"
  const now = context.now();
  const zone = DEFAULT_TIME_ZONE;
  const ordered = DateTime.fromJSDate(now).setZone(zone).minus({ days: 3, hours: 5 }).startOf('minute');
  const local = (dt: DateTime) => dt.toFormat('yyyy-MM-dd HH:mm');
  const raw = {
    platform: '快充卡盟（示例）',
    'platform-url': 'https://kachong.example.com',
    company: '某某网络科技有限公司（示例）',
    'company-address': '浙江省杭州市余杭区示例路 1 号',
    order: 'KM-DEMO-0001',
    product: '中国移动话费 100 元',
    category: 'phone',
    account: '13800138000',
    amount: '100',
    'payment-method': '支付宝',
    'payment-ref': '2026000000000000001',
    'ordered-at': local(ordered),
    'paid-at': local(ordered.plus({ minutes: 1 })),
    promise: 'instant',
    status: '处理中',
  };
  const facts = buildCaseFacts(raw, { zone, now }, orderDefaults(context));
  const store = await demo.store();
  const created = await store.create(facts, now);
  context.out.info(t('demo.step.case', { id: created.id }));

  // 2. capture the sample page served on 127.0.0.1 (offline); without a browser, import the page file
  const nunjucks = (await import('nunjucks')).default;
  const page = nunjucks.renderString(await readFile(path.join(TEMPLATES_DIR, 'demo', 'order.html'), 'utf8'), {
    order: raw.order,
    product: raw.product,
    account: raw.account,
    amount: formatFen(facts.order.amountFen),
    paymentMethod: raw['payment-method'],
    paymentRef: raw['payment-ref'],
    orderedAt: raw['ordered-at'],
    paidAt: raw['paid-at'],
    status: raw.status,
  });
  const { server, url } = await serve(page);
  try {
    const capture = await import('./capture.js');
    await capture.run(demo, created.id, [url], { kind: 'order-page' } as Parameters<typeof capture.run>[3]);
    const captured = (await store.load(created.id)).evidence.at(-1);
    context.out.info(t('demo.step.capture', { id: captured?.id ?? '?' }));
  } catch (error) {
    const file = path.join(home, 'sample-order-page.html');
    await writeFile(file, page);
    const add = await import('./evidence-add.js');
    await add.run(demo, created.id, [file], { kind: 'order-page' } as Parameters<typeof add.run>[3]);
    const imported = (await store.load(created.id)).evidence.at(-1);
    // one line: what happened, what was done instead, and what would make capture work
    const known = error instanceof WeiquanError ? error : undefined;
    const reason = known ? t(known.key, known.params) : error instanceof Error ? error.message : String(error);
    const fix = known?.hintKey ? t(known.hintKey, known.hintParams) : t('capture.hint.installBrowser');
    context.out.info(t('demo.step.captureSkipped', { reason, id: imported?.id ?? '?', fix }));
  } finally {
    server.close();
  }

  // 3. a customer-service contact with a ticket number and a promise that was not kept
  const ticket = 'GD-DEMO-0042';
  const contact = await import('./contact.js');
  await contact.run(demo, created.id, {
    channel: 'app-chat',
    at: local(ordered.plus({ hours: 2 })),
    agent: '小美',
    ticket,
    summary: '客服称充值通道繁忙，承诺 24 小时内到账',
    promisedBy: '24h',
  } as Parameters<typeof contact.run>[2]);
  context.out.info(t('demo.step.contact', { ticket }));

  // 4–5. the letter and the package
  // documents outlive a data folder that is removed afterwards: they go to a folder of their own
  const outDir = path.resolve(options.out ?? (removedAfter ? await mkdtemp(path.join(os.tmpdir(), 'weiquan-demo-output-')) : path.join(home, 'demo-output')));
  const letterFile = path.join(outDir, context.documentLang === 'en' ? 'letter-en.pdf' : 'letter.pdf');
  const letter = await import('./letter.js');
  await letter.run(demo, created.id, { output: letterFile, ...(options.font ? { font: options.font } : {}) });
  context.out.info(t('demo.step.letter', { path: letterFile }));
  const bundleDir = path.join(outDir, 'bundle');
  const bundle = await import('./bundle.js');
  await bundle.run(demo, created.id, { output: bundleDir, ...(options.font ? { font: options.font } : {}) });
  context.out.info(t('demo.step.bundle', { dir: bundleDir }));

  const result = { home, kept: !removedAfter, caseId: created.id, letter: letterFile, bundle: bundleDir, zip: `${bundleDir}.zip`, complaintPdf: path.join(bundleDir, 'complaint.pdf') };
  context.out.result(result, () => [result.letter, result.complaintPdf, result.zip].join('\n'));
  context.out.success(t('demo.done'));
}
