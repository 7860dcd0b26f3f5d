import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type PagesServer, startPagesServer } from '../fixtures/evidence/pages-server.js';
import { FIXED_NOW, makeTempDir, runCli, SAMPLE_ORDER } from '../helpers/cli.js';
import { Terminal } from '../helpers/pty.js';

describe('capture says what happens to each page, on a terminal only (real chromium)', () => {
  let server: PagesServer;
  let home: string;
  let cleanup: () => Promise<void>;
  let term: Terminal | undefined;

  beforeAll(async () => {
    server = await startPagesServer();
    ({ dir: home, cleanup } = await makeTempDir('weiquan-capture-progress-'));
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

  it('on a terminal: loading, scrolling and saving, per page, with its place in the run', async () => {
    term = new Terminal(['capture', 'C1', server.url('/tall'), server.url('/order')], { WEIQUAN_HOME: home, WEIQUAN_NOW: FIXED_NOW });
    await term.waitFor(`[1/2] Loading ${server.url('/tall')}`, 30_000);
    await term.waitFor(`[1/2] Scrolling through ${server.url('/tall')} for lazy content`, 30_000);
    await term.waitFor(`[1/2] Saving ${server.url('/tall')}: full-page screenshot and MHTML snapshot`, 30_000);
    await term.waitFor(`[2/2] Loading ${server.url('/order')}`, 30_000);
    await term.waitFor(`[2/2] Saving ${server.url('/order')}`, 30_000);
    await term.waitFor('Filed evidence', 30_000);
    expect(await term.exitCode(30_000)).toBe(0);
  }, 90_000);

  it('in a pipe or a log: only the final messages; --verbose names each page', async () => {
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
