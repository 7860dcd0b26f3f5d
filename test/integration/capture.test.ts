import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAndCapture } from '../../src/evidence/capture/capture-page.js';
import { parseCookieFile } from '../../src/evidence/capture/cookies.js';
import { type BrowserSession, launchBrowser } from '../../src/evidence/capture/launch.js';
import { runCaptures } from '../../src/evidence/capture/run-captures.js';
import { mhtmlText } from '../fixtures/evidence/case-snapshot.js';
import { closedPort, LAZY_MARKER, MEMBER_MARKER, memberCookiesTxt, ORDER_NUMBER, type PagesServer, startPagesServer, TALL_HEIGHT } from '../fixtures/evidence/pages-server.js';

const CHROMIUM = '/usr/bin/chromium';

describe('capturing pages with the real browser', () => {
  let server: PagesServer;
  let session: BrowserSession;
  let browser: Browser;
  let scratch: string;

  beforeAll(async () => {
    server = await startPagesServer({ slowMs: 6_000 });
    session = await launchBrowser({ executablePath: CHROMIUM, timeoutMs: 20_000 });
    browser = session.browser;
    scratch = await mkdtemp(path.join(os.tmpdir(), 'weiquan-capture-'));
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  async function capture(url: string, timeoutMs = 15_000) {
    const page = await browser.newPage();
    try {
      return await loadAndCapture(browser, page, url, { timeoutMs });
    } finally {
      await page.close().catch(() => undefined);
    }
  }

  it('captures the order page: PNG, MHTML with the order number, the facts for the sidecar', async () => {
    const result = await capture(server.url('/old-order'));
    expect(result.screenshot.subarray(1, 4).toString()).toBe('PNG');
    expect(result.screenshotSize).toEqual({ width: 1280, height: 800 });
    expect(mhtmlText(result.mhtml!)).toContain(ORDER_NUMBER);
    expect(result.httpStatus).toBe(200);
    expect(result.requestedUrl).toBe(server.url('/old-order'));
    expect(result.finalUrl).toBe(server.url('/order'));
    expect(result.redirectChain).toEqual([
      { url: server.url('/old-order'), status: 301 },
      { url: server.url('/order'), status: 200 },
    ]);
    expect(result.title).toBe(`订单 ${ORDER_NUMBER}`);
    expect(result.userAgent).toMatch(/Chrome\//);
    expect(result.browserVersion).toMatch(/Chrome\/\d+/);
    expect(result.viewport).toEqual({ width: 1280, height: 800, deviceScaleFactor: 1 });
    expect(result.loginWall).toBeUndefined();
    expect(result.warnings).toEqual([]);
    expect(result.endedAt.getTime()).toBeGreaterThanOrEqual(result.startedAt.getTime());
  });

  it('captures a tall page completely, lazy content scrolled into view first', async () => {
    const result = await capture(server.url('/tall'));
    expect(result.pageSize.height).toBeGreaterThanOrEqual(TALL_HEIGHT);
    expect(result.screenshotSize.height).toBeGreaterThanOrEqual(TALL_HEIGHT);
    expect(result.screenshotSize.height).toBe(result.pageSize.height);
    expect(mhtmlText(result.mhtml!)).toContain(LAZY_MARKER);
    expect(result.warnings.map((w) => w.code)).not.toContain('screenshot-short');
  });

  it('captures a 404 but flags its status', async () => {
    const result = await capture(server.url('/no-such-order'));
    expect(result.httpStatus).toBe(404);
    expect(result.warnings).toContainEqual({ code: 'http-status', detail: '404' });
    expect(result.screenshot.length).toBeGreaterThan(0);
  });

  it('notices a login wall when the member page redirects to the login form', async () => {
    const result = await capture(server.url('/member/order'));
    expect(result.finalUrl).toMatch(/\/login\?next=/);
    expect(result.loginWall).toMatchObject({ reason: 'redirected-to-login' });
  });

  it('turns a timeout, an unreachable host and a crashed page into clear errors', async () => {
    await expect(capture(server.url('/slow'), 1_000)).rejects.toMatchObject({ key: 'capture.timeout', exitCode: 3 });
    await expect(capture(`http://127.0.0.1:${await closedPort()}/order`)).rejects.toMatchObject({ key: 'capture.unreachable', params: { reason: 'ERR_CONNECTION_REFUSED' } });
    const page = await browser.newPage();
    const client = await page.createCDPSession();
    const pending = loadAndCapture(browser, page, server.url('/slow-body'), { timeoutMs: 15_000 });
    const expectation = expect(pending).rejects.toMatchObject({ key: 'capture.crashed' });
    await page.waitForSelector('p');
    void client.send('Page.crash').catch(() => undefined); // never answers: the renderer is gone
    await expectation;
    await page.close().catch(() => undefined);
  });

  it('runs several URLs in one browser session and loads cookies; a failing URL does not stop the others', async () => {
    const caseDir = path.join(scratch, 'C1');
    const run = await runCaptures({
      caseDir,
      urls: [server.url('/member/order'), `http://127.0.0.1:${await closedPort()}/unreachable`, server.url('/order')],
      method: { type: 'headless', executablePath: CHROMIUM },
      cookies: { file: 'cookies.txt', list: parseCookieFile(memberCookiesTxt(), 'cookies.txt') },
      timeoutMs: 15_000,
    });
    expect(run.staged.map((entry) => entry.capture.title)).toEqual([MEMBER_MARKER, `订单 ${ORDER_NUMBER}`]);
    expect(run.staged[0]!.capture.loginWall).toBeUndefined();
    expect(run.failed).toHaveLength(1);
    expect(run.failed[0]!.error).toMatchObject({ key: 'capture.unreachable' });
    expect(run.context).toEqual({ mode: 'headless', cookies: { file: 'cookies.txt', count: 1, domains: ['127.0.0.1'] } });
    const staged = await readdir(caseDir);
    expect(staged).toHaveLength(2);
    expect(staged.every((name) => name.startsWith('.staging-'))).toBe(true);
    expect((await readdir(path.join(caseDir, staged[0]!))).sort()).toEqual(['page.mhtml', 'screenshot.png']);
    for (const entry of run.staged) await entry.staging.remove();
    expect(await readdir(caseDir)).toEqual([]);
  });
});
