import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/evidence/capture/browser-discovery.js';
import { launchBrowser, sweepStaleProfiles } from '../../src/evidence/capture/launch.js';
import { contactedHosts, netLoggingBrowser } from '../fixtures/evidence/net-log.js';
import { type PagesServer, startPagesServer } from '../fixtures/evidence/pages-server.js';
import { BIN, FIXED_NOW, runCli, SAMPLE_ORDER, tempDirs } from '../helpers/cli.js';

const temp = tempDirs('each');

/** Processes whose command line names `needle` (Linux /proc), as pids. */
function processesWith(needle: string): number[] {
  const found: number[] = [];
  for (const entry of spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).stdout.split('\n')) {
    const match = /^\s*(\d+)\s+(.*)$/.exec(entry);
    if (match && match[2]!.includes(needle) && !match[2]!.startsWith('ps ')) found.push(Number(match[1]));
  }
  return found;
}

describe.runIf(process.platform === 'linux')('the browser dies with weiquan', () => {
  let server: PagesServer;
  beforeAll(async () => {
    server = await startPagesServer({ slowMs: 60_000 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('drives the real binary behind Debian\'s launcher script', async () => {
    const found = await findBrowser({ env: { PATH: '/usr/bin' }, platform: 'linux' });
    if (existsSync('/usr/lib/chromium/chromium')) expect(found.executablePath).toBe('/usr/lib/chromium/chromium');
  });

  it('kill -9 mid-capture: within 5 s no browser process of that run is alive, and its profile is swept next run', async () => {
    const home = await temp();
    const env = { WEIQUAN_NOW: FIXED_NOW };
    expect((await runCli(['new', ...SAMPLE_ORDER], { home, env })).code).toBe(0);
    const child = spawn(process.execPath, [BIN, 'capture', 'C1', server.url('/slow'), '--timeout', '50'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, CI: 'true', NO_COLOR: '1', LANG: 'en_US.UTF-8', WEIQUAN_HOME: home, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // wait until the browser of this run is up (its profile folder is named after weiquan-chrome-, owned by this pid)
    let profile: string | undefined;
    for (let i = 0; i < 100 && !profile; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      for (const name of (await readdir(os.tmpdir())).filter((n) => n.startsWith('weiquan-chrome-'))) {
        const owner = await readFile(path.join(os.tmpdir(), name, 'weiquan-owner'), 'utf8').catch(() => '');
        if (Number(owner.trim()) === child.pid && processesWith(name).length > 0) profile = path.join(os.tmpdir(), name);
      }
    }
    expect(profile, 'the browser of the run never started').toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // the slow page is loading now
    expect(processesWith(profile!).length).toBeGreaterThan(0);
    child.kill('SIGKILL');
    let alive = processesWith(profile!);
    for (let waited = 0; waited < 5_000 && alive.length > 0; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      alive = processesWith(profile!);
    }
    expect(alive, 'browser processes still running 5 s after kill -9').toEqual([]);
    // the run could not remove its profile; the next one sweeps it
    expect(existsSync(profile!)).toBe(true);
    const swept = await sweepStaleProfiles();
    expect(swept).toContain(profile);
    expect(existsSync(profile!)).toBe(false);
  }, 60_000);

  it('sweeps only profiles whose owner is gone', async () => {
    const tmp = await temp();
    const mine = path.join(tmp, 'weiquan-chrome-mine');
    const dead = path.join(tmp, 'weiquan-chrome-dead');
    await mkdir(mine);
    await mkdir(dead);
    await writeFile(path.join(mine, 'weiquan-owner'), `${process.pid}\n`);
    await writeFile(path.join(dead, 'weiquan-owner'), '999999999\n');
    expect(await sweepStaleProfiles(tmp)).toEqual([dead]);
    expect(existsSync(mine)).toBe(true);
  });
});

describe('capture of a metadata address', () => {
  it('169.254.169.254 is exit 2, refused before the page is requested', async () => {
    const home = await temp();
    const env = { WEIQUAN_NOW: FIXED_NOW };
    expect((await runCli(['new', ...SAMPLE_ORDER], { home, env })).code).toBe(0);
    const run = await runCli(['capture', 'C1', 'http://169.254.169.254/latest/meta-data/'], { home, env });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/Refusing to capture .*169\.254\.169\.254.*metadata/);
    expect((await runCli(['evidence', 'list', 'C1', '--json'], { home, env })).stdout).not.toContain('169.254');
  });
});

/** A case C1 in a fresh data home, and WEIQUAN_BROWSER set to the real Chromium with its network log on. */
async function caseWithNetLog(): Promise<{ home: string; env: NodeJS.ProcessEnv; log: string }> {
  const home = await temp();
  const real = (await findBrowser({ env: { PATH: process.env.PATH ?? '' }, platform: 'linux' })).executablePath;
  const { executable, log } = await netLoggingBrowser(await temp(), real);
  const env = { WEIQUAN_NOW: FIXED_NOW, WEIQUAN_BROWSER: executable };
  expect((await runCli(['new', ...SAMPLE_ORDER], { home, env })).code).toBe(0);
  return { home, env, log };
}

describe.runIf(process.platform === 'linux')('the browser talks only to the page', () => {
  let server: PagesServer;
  beforeAll(async () => {
    server = await startPagesServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('a capture of a page on 127.0.0.1 looks up and connects to no other host', async () => {
    const { home, env, log } = await caseWithNetLog();
    const run = await runCli(['capture', 'C1', server.url('/order')], { home, env });
    expect(run.code, run.stderr).toBe(0);
    const { contacted, requested } = await contactedHosts(log);
    expect(contacted).toEqual(['127.0.0.1']);
    // the browser's own services (component updates, sign-in) are sent to a name under .invalid: asked for, never reached
    expect(requested.filter((host) => host !== '127.0.0.1' && !host.endsWith('.invalid'))).toEqual([]);
  }, 60_000);

  it('a page that redirects to 169.254.169.254 is refused (exit 2), with no connection to it and nothing filed', async () => {
    const { home, env, log } = await caseWithNetLog();
    const run = await runCli(['capture', 'C1', server.url('/to-metadata'), '--timeout', '10'], { home, env });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/Refusing to capture http:\/\/169\.254\.169\.254\/latest\/meta-data\/.*metadata/);
    const { contacted, requested } = await contactedHosts(log);
    expect(contacted).toEqual(['127.0.0.1']);
    expect(requested).not.toContain('169.254.169.254');
    const list = JSON.parse((await runCli(['evidence', 'list', 'C1', '--json'], { home, env: { WEIQUAN_NOW: FIXED_NOW } })).stdout) as { items: unknown[] };
    expect(list.items).toEqual([]);
  }, 60_000);
});
