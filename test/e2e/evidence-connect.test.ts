import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXED_NOW, makeTempDir, runCli, SAMPLE_ORDER } from '../helpers/cli.js';
import { mhtmlText } from '../fixtures/evidence/case-snapshot.js';
import { ORDER_NUMBER, type PagesServer, startPagesServer } from '../fixtures/evidence/pages-server.js';

type Item = { id: string; source: string; title: string; meta: Record<string, any>; files: Array<{ path: string; role: string }> };

/** Wait for Chrome to write the port it chose into <profile>/DevToolsActivePort. */
async function devToolsPort(profile: string, deadline = Date.now() + 15_000): Promise<number> {
  while (Date.now() < deadline) {
    const text = await readFile(path.join(profile, 'DevToolsActivePort'), 'utf8').catch(() => '');
    const port = Number(text.split('\n')[0]);
    if (port > 0) return port;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('chromium did not open its DevTools port');
}

describe('weiquan capture --connect (a running browser, as the README tells the user to start it)', () => {
  let server: PagesServer;
  let home: string;
  let cleanup: () => Promise<void>;
  let chrome: ChildProcess;
  let endpoint: string;
  const cli = (args: string[]) => runCli(args, { home, env: { WEIQUAN_NOW: FIXED_NOW } });

  beforeAll(async () => {
    server = await startPagesServer();
    ({ dir: home, cleanup } = await makeTempDir('weiquan-connect-e2e-'));
    const profile = path.join(home, 'chrome-profile');
    const rootOnly = typeof process.getuid === 'function' && process.getuid() === 0 ? ['--no-sandbox'] : [];
    chrome = spawn('/usr/bin/chromium', ['--headless', '--disable-gpu', ...rootOnly, '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--remote-debugging-port=0', `--user-data-dir=${profile}`, server.url('/order')], { stdio: 'ignore' });
    endpoint = `http://127.0.0.1:${await devToolsPort(profile)}`;
    expect((await cli(['new', ...SAMPLE_ORDER])).code).toBe(0);
  });
  afterAll(async () => {
    if (chrome && chrome.exitCode === null) {
      const exited = new Promise((resolve) => chrome.once('exit', resolve));
      chrome.kill('SIGTERM');
      await exited;
    }
    await server?.close();
    await cleanup?.();
  });

  it('captures the page the user has open, without reloading it, and leaves the browser running', async () => {
    const result = await cli(['capture', 'C1', '--connect', endpoint, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const item = (JSON.parse(result.stdout) as { items: Item[] }).items[0]!;
    expect(item.source).toBe(server.url('/order'));
    expect(item.meta.capture).toMatchObject({ mode: 'connect', httpStatus: 200 });
    const mhtml = await readFile(path.join(home, 'cases/C1/evidence/E1/page.mhtml'), 'utf8');
    expect(mhtmlText(mhtml)).toContain(ORDER_NUMBER);
    expect(chrome.exitCode).toBeNull();
  });

  it('opens a URL in a new tab of the running browser', async () => {
    const result = await cli(['capture', 'C1', server.url('/tall'), '--connect', endpoint.replace('http://127.0.0.1:', ''), '--kind', 'rules', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const item = (JSON.parse(result.stdout) as { items: Item[] }).items[0]!;
    expect(item.title).toMatch(/（网页取证，\d{4}-\d\d-\d\d \d\d:\d\d）$/);
    expect(item.meta.capture.title).toBe('充值规则');
    const sidecar = JSON.parse(await readFile(path.join(home, 'cases/C1', item.files.find((f) => f.role === 'sidecar')!.path), 'utf8'));
    expect(sidecar.mode).toBe('connect');
    expect(chrome.exitCode).toBeNull();
    expect((await cli(['verify', 'C1'])).code).toBe(0);
  });

  it('says how to start Chrome when nothing listens at the endpoint', async () => {
    const result = await cli(['capture', 'C1', '--connect', 'http://127.0.0.1:1']);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/Cannot attach to the browser at http:\/\/127.0.0.1:1/);
    expect(result.stderr).toMatch(/--remote-debugging-port=9222 --user-data-dir=/);
  });
});
