import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCaseFacts } from '../../src/core/order-fields.js';
import { pendingCapture, stageCapture } from '../../src/evidence/capture/capture-evidence.js';
import type { PageCapture } from '../../src/evidence/capture/capture-page.js';
import { loadAndCapture } from '../../src/evidence/capture/capture-page.js';
import { launchBrowser } from '../../src/evidence/capture/launch.js';
import { verifyCase } from '../../src/evidence/verify.js';
import { createStaging, fileEvidence, type PendingEvidence, stageBuffer } from '../../src/evidence/staging.js';
import { CaseStore } from '../../src/store/case-store.js';
import { makeTempDir } from '../helpers/cli.js';
import { snapshotFolder } from '../fixtures/evidence/case-snapshot.js';
import { startPagesServer } from '../fixtures/evidence/pages-server.js';

const facts = buildCaseFacts(
  { platform: '快充卡盟', order: 'KM1', product: '话费', category: 'phone', account: '13800138000', amount: '100', 'payment-method': '支付宝', 'ordered-at': '2026-11-20 10:00' },
  { zone: 'Asia/Shanghai', now: new Date('2026-11-24T04:00:00Z') },
  { demand: '退款', status: '处理中' },
);
const now = () => new Date('2026-11-24T04:00:00Z');
const caption = () => ['weiquan E? · C1', 'URL: http://127.0.0.1/order', '2026-11-24 12:00:00', 'SHA-256 …'];

let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});
async function storeWithCase() {
  const temp = await makeTempDir('weiquan-filing-');
  cleanups.push(temp.cleanup);
  const store = new CaseStore(temp.dir);
  const record = await store.create(facts, now());
  return { store, record, caseDir: store.caseDir(record.id) };
}

async function fakeCapture(overrides: Partial<PageCapture> = {}): Promise<PageCapture> {
  const screenshot = await sharp({ create: { width: 640, height: 900, channels: 3, background: '#eeeeee' } }).png().toBuffer();
  return {
    requestedUrl: 'http://127.0.0.1:1/order',
    finalUrl: 'http://127.0.0.1:1/order',
    redirectChain: [{ url: 'http://127.0.0.1:1/order', status: 200 }],
    httpStatus: 200,
    title: '订单',
    startedAt: new Date('2026-11-24T04:00:00Z'),
    endedAt: new Date('2026-11-24T04:00:01Z'),
    viewport: { width: 640, height: 900, deviceScaleFactor: 1 },
    pageSize: { width: 640, height: 900 },
    screenshot,
    screenshotSize: { width: 640, height: 900 },
    mhtml: 'MIME-Version: 1.0\r\n\r\nKM1',
    userAgent: 'test',
    browserVersion: 'Chrome/1',
    warnings: [],
    ...overrides,
  };
}

describe('filing evidence into a case', () => {
  it('keeps the screenshot when the MHTML snapshot failed, and says so', async () => {
    const server = await startPagesServer();
    cleanups.push(() => server.close());
    const session = await launchBrowser({ executablePath: '/usr/bin/chromium', timeoutMs: 20_000 });
    cleanups.push(() => session.close());
    const page = await session.browser.newPage();
    const createSession = page.createCDPSession.bind(page);
    page.createCDPSession = async () => {
      const cdp = await createSession();
      const send = cdp.send.bind(cdp) as (method: string, ...rest: unknown[]) => Promise<unknown>;
      (cdp as unknown as { send: typeof send }).send = (method, ...rest) => (method === 'Page.captureSnapshot' ? Promise.reject(new Error('snapshot refused')) : send(method, ...rest));
      return cdp;
    };
    const captured = await loadAndCapture(session.browser, page, server.url('/order'), { timeoutMs: 15_000 });
    expect(captured.mhtml).toBeUndefined();
    expect(captured.warnings).toContainEqual({ code: 'mhtml-failed', detail: 'snapshot refused' });
    expect(captured.screenshot.length).toBeGreaterThan(1000);

    const { store, record, caseDir } = await storeWithCase();
    const staging = await stageCapture(caseDir, captured);
    const { items } = await fileEvidence(store, record.id, now, [pendingCapture(staging, captured, { mode: 'headless' }, { kind: 'order-page', proves: 'p' }, caption)]);
    expect(items[0]!.files.map((file) => file.role)).toEqual(['screenshot', 'captioned', 'sidecar']);
    expect(items[0]!.meta.capture).toMatchObject({ warnings: ['mhtml-failed'] });
    const sidecar = JSON.parse(await readFile(path.join(caseDir, 'evidence/E1/capture.json'), 'utf8'));
    expect(sidecar.warnings).toEqual([{ code: 'mhtml-failed', detail: 'snapshot refused' }]);
    expect((await verifyCase(store, record.id)).ok).toBe(true);
  });

  it('numbers items E1, E2 … in the order given and moves each staging folder into evidence/', async () => {
    const { store, record, caseDir } = await storeWithCase();
    const first = await fakeCapture();
    const second = await fakeCapture({ title: '规则', loginWall: { reason: 'password-field', url: 'http://127.0.0.1:1/order' } });
    const pending = [
      pendingCapture(await stageCapture(caseDir, first), first, { mode: 'headless' }, { kind: 'order-page', proves: 'p' }, caption),
      pendingCapture(await stageCapture(caseDir, second), second, { mode: 'headless' }, { kind: 'rules', proves: 'q' }, caption),
    ];
    const { record: updated, items } = await fileEvidence(store, record.id, now, pending);
    expect(items.map((item) => item.id)).toEqual(['E1', 'E2']);
    expect(updated.evidence.map((item) => item.kind)).toEqual(['order-page', 'rules']);
    expect(items[1]!.meta.capture).toMatchObject({ loginWall: 'password-field' });
    expect((await readdir(caseDir)).sort()).toEqual(['case.json', 'evidence', 'journal.jsonl']);
    expect((await readdir(path.join(caseDir, 'evidence'))).sort()).toEqual(['E1', 'E2']);
    const report = await verifyCase(store, record.id);
    expect(report).toMatchObject({ ok: true, evidenceItems: 2, filesChecked: 8, journalEntries: 3 });
  });

  it('renders the captioned copy again when the id it was prepared for was taken meanwhile', async () => {
    const { store, record, caseDir } = await storeWithCase();
    const captionFor = (facts: { evidenceId: string }) => [`evidence ${facts.evidenceId}`];
    const captured = await fakeCapture();
    const right = pendingCapture(await stageCapture(caseDir, captured), captured, { mode: 'headless' }, { kind: 'order-page', proves: 'p' }, captionFor);
    await right.prepare('E1', record);
    const preparedRight = await readFile(path.join(right.staging.dir, 'screenshot-captioned.png'));
    const wrong = pendingCapture(await stageCapture(caseDir, captured), captured, { mode: 'headless' }, { kind: 'order-page', proves: 'p' }, captionFor);
    await wrong.prepare('E7', record);
    const preparedWrong = await readFile(path.join(wrong.staging.dir, 'screenshot-captioned.png'));
    await fileEvidence(store, record.id, now, [right, wrong]);
    expect((await readFile(path.join(caseDir, 'evidence/E1/screenshot-captioned.png'))).equals(preparedRight)).toBe(true);
    const second = await readFile(path.join(caseDir, 'evidence/E2/screenshot-captioned.png'));
    expect(second.equals(preparedWrong)).toBe(false);
    expect(second.equals(preparedRight)).toBe(false);
    expect((await verifyCase(store, record.id)).ok).toBe(true);
  });

  it('leaves the case exactly as it was when filing fails half-way', async () => {
    const { store, record, caseDir } = await storeWithCase();
    const before = await snapshotFolder(caseDir);
    const good = await fakeCapture();
    const broken = await createStaging(caseDir);
    await stageBuffer(broken, 'screenshot.png', 'x');
    const failing: PendingEvidence = {
      staging: broken,
      finish: async () => {
        throw new Error('disk full');
      },
    };
    await expect(fileEvidence(store, record.id, now, [pendingCapture(await stageCapture(caseDir, good), good, { mode: 'headless' }, { kind: 'order-page', proves: 'p' }, caption), failing])).rejects.toThrow('disk full');
    expect(await snapshotFolder(caseDir)).toEqual(before);
    expect((await readdir(caseDir)).filter((name) => name.startsWith('.staging-'))).toEqual([]);
    expect((await store.load(record.id)).evidence).toEqual([]);
    expect((await verifyCase(store, record.id)).ok).toBe(true);
  });
});
