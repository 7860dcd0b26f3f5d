import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, FIXED_NOW, makeTempDir, ROOT, runCli, SAMPLE_ORDER } from '../helpers/cli.js';
import { mhtmlText, sha256, snapshotFolder } from '../fixtures/evidence/case-snapshot.js';
import { closedPort, MEMBER_MARKER, memberCookiesTxt, ORDER_NUMBER, type PagesServer, startPagesServer, TALL_HEIGHT } from '../fixtures/evidence/pages-server.js';

type Item = { id: string; kind: string; title: string; source: string; proves: string; againOf?: string; files: Array<{ path: string; role: string; sha256: string; size: number }>; meta: Record<string, any> };

describe('weiquan capture (end to end, real chromium)', () => {
  let server: PagesServer;
  let home: string;
  let cleanup: () => Promise<void>;
  let caseDir: string;
  const env = { WEIQUAN_NOW: FIXED_NOW };
  const cli = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) => runCli(args, { home, env: { ...env, ...extraEnv } });

  beforeAll(async () => {
    server = await startPagesServer({ slowMs: 5_000 });
    ({ dir: home, cleanup } = await makeTempDir('weiquan-capture-e2e-'));
    const created = await cli(['new', ...SAMPLE_ORDER]);
    expect(created.code).toBe(0);
    caseDir = path.join(home, 'cases', 'C1');
  });
  afterAll(async () => {
    await server?.close();
    await cleanup?.();
  });

  it('files the order page with screenshot, MHTML, captioned copy and a sidecar whose hashes match; verify holds, then names a changed byte', async () => {
    const result = await cli(['capture', ORDER_NUMBER, server.url('/order'), '--json']);
    expect(result.code, result.stderr).toBe(0);
    const { items } = JSON.parse(result.stdout) as { items: Item[] };
    expect(items).toHaveLength(1);
    const item = items[0]!;
    expect(item).toMatchObject({ id: 'E1', kind: 'order-page', title: expect.stringMatching(/^订单页面截图（网页取证，/), source: server.url('/order') });
    // the default 证明目的 is stored in Chinese (documents are Chinese) even though this interface is English
    expect(item.proves).toBe('证明订单号、所购商品、支付金额，以及订单在截取时仍处于“处理中”、未到账的状态');
    expect(item.files.map((f) => f.role)).toEqual(['screenshot', 'mhtml', 'captioned', 'sidecar']);

    const mhtml = mhtmlText(await readFile(path.join(caseDir, 'evidence/E1/page.mhtml'), 'utf8'));
    expect(mhtml).toContain(ORDER_NUMBER);
    const sidecar = JSON.parse(await readFile(path.join(caseDir, 'evidence/E1/capture.json'), 'utf8'));
    expect(sidecar).toMatchObject({ case: 'C1', evidence: 'E1', requestedUrl: server.url('/order'), finalUrl: server.url('/order'), httpStatus: 200, mode: 'headless', loginWall: null });
    expect(sidecar.captureStarted.timeZone).toBe('Asia/Shanghai');
    expect(sidecar.captureStarted.local).toMatch(/\+08:00$/);
    expect(sidecar.userAgent).toMatch(/Chrome/);
    expect(sidecar.browserVersion).toMatch(/Chrome\/\d+/);
    expect(sidecar.weiquanVersion).toMatch(/^\d+\.\d+\.\d+/);
    for (const artifact of sidecar.artifacts as Array<{ file: string; sha256: string; size: number }>) {
      const bytes = await readFile(path.join(caseDir, 'evidence/E1', artifact.file));
      expect(sha256(bytes)).toBe(artifact.sha256);
      expect(bytes.length).toBe(artifact.size);
    }
    for (const file of item.files) expect(sha256(await readFile(path.join(caseDir, file.path)))).toBe(file.sha256);
    // the captioned copy is taller (the strip) and the original stays the page as rendered
    const original = await readFile(path.join(caseDir, 'evidence/E1/screenshot.png'));
    const captioned = await readFile(path.join(caseDir, 'evidence/E1/screenshot-captioned.png'));
    expect(captioned.readUInt32BE(20)).toBeGreaterThan(original.readUInt32BE(20));

    const ok = await cli(['verify', 'C1']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout.trim().split('\n')).toHaveLength(1);
    expect(ok.stdout).toMatch(/C1: 1 evidence items, 4 files and 2 journal entries checked; nothing changed/);

    const screenshot = path.join(caseDir, 'evidence/E1/screenshot.png');
    const tampered = Buffer.from(original);
    tampered[tampered.length - 20] = tampered[tampered.length - 20]! ^ 0xff;
    await writeFile(screenshot, tampered);
    const bad = await cli(['verify', 'C1']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('evidence/E1/screenshot.png (evidence E1) changed');
    expect(bad.stderr).toMatch(/failed verification: 1 problem/);
    await writeFile(screenshot, original);
    expect((await cli(['verify', 'C1'])).code).toBe(0);
  });

  it('captures the member page with a cookie file, and warns loudly about the login wall without one', async () => {
    const cookies = path.join(home, 'cookies.txt');
    await writeFile(cookies, memberCookiesTxt());
    const withCookie = await cli(['capture', 'C1', server.url('/member/order'), '--cookies', cookies, '--json']);
    expect(withCookie.code, withCookie.stderr).toBe(0);
    const member = (JSON.parse(withCookie.stdout) as { items: Item[] }).items[0]!;
    // named from the kind and the time, not by the page's <title> (the platform wrote that); the title is kept
    expect(member.title).toMatch(/^订单页面截图（网页取证，\d{4}-\d\d-\d\d \d\d:\d\d）$/);
    expect(member.meta.capture.title).toBe(MEMBER_MARKER);
    expect(withCookie.stderr).not.toMatch(/login page/i);
    const sidecar = JSON.parse(await readFile(path.join(caseDir, 'evidence', member.id, 'capture.json'), 'utf8'));
    expect(sidecar.cookies).toEqual({ file: 'cookies.txt', count: 1, domains: ['127.0.0.1'] });
    expect(JSON.stringify(sidecar)).not.toContain('member-42'); // cookie values never stored
    expect(mhtmlText(await readFile(path.join(caseDir, 'evidence', member.id, 'page.mhtml'), 'utf8'))).toContain(MEMBER_MARKER);

    const without = await cli(['capture', 'C1', server.url('/member/order')]);
    expect(without.code, without.stderr).toBe(0);
    expect(without.stderr).toMatch(/WARNING: the page redirected to a login page .*\/login\?next=/);
    expect(without.stderr).toMatch(/--login .*--cookies FILE or --connect/);
    const list = await cli(['evidence', 'list', 'C1', '--json']);
    const walled = (JSON.parse(list.stdout) as { items: Array<Item & { loginWall?: string }> }).items.at(-1)!;
    expect(walled.loginWall).toBe('redirected-to-login');
    expect((await cli(['evidence', 'list', 'C1'])).stdout).toContain('looks like a login page');
  });

  it('captures a tall page whole and flags a 404; repeat capture links to the first', async () => {
    const tall = await cli(['capture', 'C1', server.url('/tall'), server.url('/gone'), '--kind', 'rules', '--json']);
    expect(tall.code, tall.stderr).toBe(0);
    const [rules, missing] = (JSON.parse(tall.stdout) as { items: Item[] }).items;
    expect(rules!.kind).toBe('rules');
    const png = await readFile(path.join(caseDir, rules!.files[0]!.path));
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(TALL_HEIGHT);
    expect(missing!.meta.capture.httpStatus).toBe(404);
    expect(tall.stderr).toMatch(/answered HTTP 404/);

    const again = await cli(['capture', 'C1', '--again', 'E1', '--note', 'day 3', '--json']);
    expect(again.code, again.stderr).toBe(0);
    const repeat = (JSON.parse(again.stdout) as { items: Item[] }).items[0]!;
    expect(repeat).toMatchObject({ againOf: 'E1', source: server.url('/order'), kind: 'order-page' });
    const again2 = await cli(['capture', 'C1', '--again', repeat.id, '--json']);
    expect((JSON.parse(again2.stdout) as { items: Item[] }).items[0]!.againOf).toBe('E1');
    expect((await cli(['evidence', 'list', 'C1'])).stdout).toContain('repeat of E1');
    expect((await cli(['verify', 'C1'])).code).toBe(0);

    const named = await cli(['capture', 'C1', server.url('/order'), '--title', '订单详情页（第三天）', '--json']);
    expect(named.code, named.stderr).toBe(0);
    expect((JSON.parse(named.stdout) as { items: Item[] }).items[0]!.title).toBe('订单详情页（第三天）');
  });

  it('leaves the case exactly as it was when a capture fails, with a clear message and exit code', async () => {
    const before = await snapshotFolder(caseDir);
    const slow = await cli(['capture', 'C1', server.url('/slow'), '--timeout', '1']);
    expect(slow.code).toBe(3);
    expect(slow.stderr).toMatch(/did not finish loading within 1 s/);
    expect(slow.stderr).toMatch(/--timeout 60/);

    const port = await closedPort();
    const refused = await cli(['capture', 'C1', `http://127.0.0.1:${port}/order`]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/Cannot reach .* \(ERR_CONNECTION_REFUSED\)/);

    // an empty-bodied 404: Chrome shows its own error page (chrome-error://chromewebdata/), which is no evidence
    const emptyNotFound = await cli(['capture', 'C1', server.url('/empty-404')]);
    expect(emptyNotFound.code, emptyNotFound.stderr).toBe(3);
    expect(emptyNotFound.stderr).toMatch(/did not load a page of the site; the browser shows its own error page \(HTTP 404\): not evidence, nothing saved/);
    expect(emptyNotFound.stderr).not.toMatch(/chromewebdata/);

    const scheme = await cli(['capture', 'C1', 'ftp://127.0.0.1/order']);
    expect(scheme.code).toBe(2);
    expect(scheme.stderr).toMatch(/Only http:\/\/ and https:\/\//);

    const noBrowser = await cli(['capture', 'C1', server.url('/order')], { WEIQUAN_BROWSER: path.join(home, 'no-such-chrome') });
    expect(noBrowser.code).toBe(3);
    expect(noBrowser.stderr).toMatch(/WEIQUAN_BROWSER does not exist/);
    expect(noBrowser.stderr).toMatch(/apt install chromium/);

    const mixed = await cli(['capture', 'C1', server.url('/order'), `http://127.0.0.1:${port}/x`]);
    expect(mixed.code).toBe(3);
    expect(mixed.stderr).toMatch(/No evidence filed; the case is unchanged/);

    const badAgain = await cli(['capture', 'C1', '--again', 'E99']);
    expect(badAgain.code).toBe(2);

    // --title names one item: refused with several URLs, and a line break in it is refused
    const twoTitled = await cli(['capture', 'C1', server.url('/order'), server.url('/tall'), '--title', '订单页']);
    expect(twoTitled.code).toBe(2);
    expect(twoTitled.stderr).toMatch(/--title names one page/);
    const brokenTitle = await cli(['capture', 'C1', server.url('/order'), '--title', '订单页\n伪造的一行']);
    expect(brokenTitle.code).toBe(2);
    expect(await snapshotFolder(caseDir)).toEqual(before);
  });

  it('closes the browser and writes nothing on Ctrl-C', async () => {
    const before = await snapshotFolder(caseDir);
    // outside a terminal only --verbose says which page is being captured (the moment to press Ctrl-C)
    const child: ChildProcess = spawn(process.execPath, [BIN, 'capture', 'C1', server.url('/slow'), '--verbose'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, CI: 'true', NO_COLOR: '1', LANG: 'en_US.UTF-8', WEIQUAN_HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    await new Promise<void>((resolve) => {
      child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        if (stderr.includes('Capturing')) resolve();
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill('SIGINT');
    expect(await closed).toBe(130);
    expect(stderr).toMatch(/cancelled/i);
    expect(await snapshotFolder(caseDir)).toEqual(before);
  });
});
