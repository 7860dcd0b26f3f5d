import { chmod, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FIXED_NOW, makeTempDir, runCli, SAMPLE_ORDER } from '../helpers/cli.js';
import { DOWN, Terminal } from '../helpers/pty.js';
import { snapshotFolder } from '../fixtures/evidence/case-snapshot.js';
import { MEMBER_MARKER, type PagesServer, SESSION_COOKIE, startPagesServer } from '../fixtures/evidence/pages-server.js';

/** Wait for the browser weiquan started to write its DevTools port into the profile folder. */
async function devToolsPort(profile: string, deadline = Date.now() + 15_000): Promise<number> {
  while (Date.now() < deadline) {
    const port = Number((await readFile(path.join(profile, 'DevToolsActivePort'), 'utf8').catch(() => '')).split('\n')[0]);
    if (port > 0) return port;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('no DevTools port');
}

describe('evidence in a real terminal, and the progress a capture shows there', () => {
  let server: PagesServer;
  let home: string;
  let cleanup: () => Promise<void>;
  let term: Terminal | undefined;
  const env = () => ({ WEIQUAN_HOME: home, WEIQUAN_NOW: FIXED_NOW });

  beforeAll(async () => {
    server = await startPagesServer();
    ({ dir: home, cleanup } = await makeTempDir('weiquan-evidence-tty-'));
    expect((await runCli(['new', ...SAMPLE_ORDER], { home })).code).toBe(0);
  });
  afterEach(() => {
    term?.kill();
    term = undefined;
  });
  afterAll(async () => {
    await server?.close();
    await cleanup?.();
  });

  it('asks the kind and what each imported file proves, suggesting wording for the kind', async () => {
    const file = path.join(home, 'wechat-pay.txt');
    await writeFile(file, '微信支付 ¥100.00 2026-11-20 10:01');
    term = new Terminal(['evidence', 'add', 'C1', file], env());
    await term.waitFor('What kind of evidence is wechat-pay.txt?');
    term.type(`${DOWN}\r`); // the guess for text is "other", the last kind: one down wraps round to order-page
    await term.waitFor('What does wechat-pay.txt prove');
    await term.waitFor('shows the order number, product and amount paid'); // the suggestion for an order page
    await new Promise((resolve) => setTimeout(resolve, 60));
    term.type('证明已于 2026-11-20 10:01 通过微信支付 100 元\r');
    await term.waitFor('Name of the evidence wechat-pay.txt');
    await term.waitFor('订单页面记录（'); // the derived name, suggested
    await new Promise((resolve) => setTimeout(resolve, 60));
    term.type('微信支付账单\r');
    expect(await term.exitCode()).toBe(0);
    const list = JSON.parse((await runCli(['evidence', 'list', 'C1', '--json'], { home })).stdout) as { items: Array<{ kind: string; proves: string; title: string }> };
    expect(list.items[0]!.proves).toBe('证明已于 2026-11-20 10:01 通过微信支付 100 元');
    expect(list.items[0]!.title).toBe('微信支付账单');
    expect(list.items[0]!.kind).toBe('order-page');
  });

  it('stores an accepted English suggestion of 证明目的 in Chinese (documents are Chinese)', async () => {
    const file = path.join(home, 'receipt.txt');
    await writeFile(file, '支付宝 ¥100.00');
    term = new Terminal(['evidence', 'add', 'C1', file], env());
    await term.waitFor('What kind of evidence is receipt.txt?');
    term.type('\r'); // "other"
    await term.waitFor('shows facts relevant to this order dispute'); // the suggestion, in the interface language
    await new Promise((resolve) => setTimeout(resolve, 60));
    term.type('\r'); // accept it
    await term.waitFor('Name of the evidence receipt.txt');
    await new Promise((resolve) => setTimeout(resolve, 60));
    term.type('\r'); // accept the derived name
    expect(await term.exitCode()).toBe(0);
    const list = JSON.parse((await runCli(['evidence', 'list', 'C1', '--json'], { home })).stdout) as { items: Array<{ title: string; proves: string }> };
    const receipt = list.items.at(-1)!;
    expect(receipt.proves).toBe('证明与本订单纠纷有关的事实');
    expect(receipt.title).toMatch(/^其他证据记录（\d{4}-\d\d-\d\d）$/);
  });

  it('asks before keeping a capture that looks like a login page; "no" files nothing', async () => {
    const caseDir = path.join(home, 'cases', 'C1');
    const before = await snapshotFolder(caseDir);
    term = new Terminal(['capture', 'C1', server.url('/member/order')], env());
    await term.waitFor('WARNING: the page redirected to a login page', 30_000);
    await term.answer('looks like a login page. Keep it as evidence anyway?', 'n');
    expect(await term.exitCode(30_000)).toBe(0);
    expect(term.screen).toContain('No evidence filed; the case is unchanged.');
    expect(await snapshotFolder(caseDir)).toEqual(before);
  });

  it('--login opens a browser on a persistent profile, waits for Enter, and captures the page the user opened', async () => {
    // a "visible" browser without a display: Chromium's headless Ozone platform
    const wrapper = path.join(home, 'chromium-offscreen.sh');
    // weiquan drives its browser over a pipe (no port); the test, standing in for the user's hands, opens a port of its own
    await writeFile(wrapper, '#!/bin/sh\nexec /usr/bin/chromium --ozone-platform=headless --remote-debugging-port=0 "$@"\n');
    await chmod(wrapper, 0o755);
    term = new Terminal(['capture', 'C1', '--login', server.url('/login')], { ...env(), WEIQUAN_BROWSER: wrapper });
    await term.waitFor('Log in in the browser window and open the page to capture', 30_000);

    // the user logs in and opens the order page (done here through the browser's DevTools port)
    const profile = path.join(home, 'browser-profile');
    const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${await devToolsPort(profile)}`, defaultViewport: null });
    const [page] = (await browser.pages()).filter((p) => p.url().startsWith(server.origin));
    await browser.setCookie({ ...SESSION_COOKIE, domain: '127.0.0.1', path: '/' });
    await page!.goto(server.url('/member/order'));
    await browser.disconnect();

    term.type('\r');
    expect(await term.exitCode(30_000)).toBe(0);
    const list = JSON.parse((await runCli(['evidence', 'list', 'C1', '--json'], { home })).stdout) as { items: Array<{ title: string; source: string; capture?: { mode: string; title?: string } }> };
    const captured = list.items.at(-1)!;
    expect(captured.title).toMatch(/^订单页面截图（网页取证，/);
    expect(captured.capture?.title).toBe(MEMBER_MARKER);
    expect(captured.source).toBe(server.url('/member/order'));
    expect(captured.capture?.mode).toBe('login');
    // the login stays in the profile for next time
    expect(await readFile(path.join(profile, 'Default', 'Cookies')).then((b) => b.length > 0)).toBe(true);
    expect((await runCli(['verify', 'C1'], { home })).code).toBe(0);
  });

  it('capture on a terminal: loading, scrolling and saving, per page, with its place in the run', async () => {
    term = new Terminal(['capture', 'C1', server.url('/tall'), server.url('/order')], env());
    await term.waitFor(`[1/2] Loading ${server.url('/tall')}`, 30_000);
    await term.waitFor(`[1/2] Scrolling through ${server.url('/tall')} for lazy content`, 30_000);
    await term.waitFor(`[1/2] Saving ${server.url('/tall')}: full-page screenshot and MHTML snapshot`, 30_000);
    await term.waitFor(`[2/2] Loading ${server.url('/order')}`, 30_000);
    await term.waitFor(`[2/2] Saving ${server.url('/order')}`, 30_000);
    await term.waitFor('Filed evidence', 30_000);
    expect(await term.exitCode(30_000)).toBe(0);
  }, 90_000);

  it('capture in a pipe or a log: only the final messages; --verbose names each page', async () => {
    const quiet = await runCli(['capture', 'C1', server.url('/order')], { home, env: { WEIQUAN_NOW: FIXED_NOW } });
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stderr).not.toMatch(/Loading|Scrolling|Saving|Capturing/);
    expect(quiet.stderr).toMatch(/Filed evidence/);
    const verbose = await runCli(['capture', 'C1', server.url('/order'), '--verbose'], { home, env: { WEIQUAN_NOW: FIXED_NOW } });
    expect(verbose.code, verbose.stderr).toBe(0);
    expect(verbose.stderr).toContain(`Capturing ${server.url('/order')} …`);
    expect(verbose.stderr).not.toMatch(/Loading|Scrolling|Saving/);
  }, 60_000);
});
