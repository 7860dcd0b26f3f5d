import { execFile } from 'node:child_process';
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, ROOT } from '../helpers/cli.js';

const run = promisify(execFile);
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  await Promise.all(cleanups.map((c) => c()));
});

describe('the published package', () => {
  it('npm pack gives a tarball that runs as npx ./weiquan-<version>.tgz --help', async () => {
    const temp = await makeTempDir('weiquan-pack-');
    cleanups.push(temp.cleanup);
    // dist/ is already built by `npm test`; --ignore-scripts keeps pack from building again.
    await run('npm', ['pack', '--ignore-scripts', '--pack-destination', temp.dir], { cwd: ROOT });
    const tarball = (await readdir(temp.dir)).find((name) => /^weiquan-\d+\.\d+\.\d+\.tgz$/.test(name));
    expect(tarball).toBeDefined();
    const { stdout: listing } = await run('tar', ['-tzf', path.join(temp.dir, tarball!)]);
    expect(listing).toContain('package/dist/main.js');
    expect(listing).toContain('package/bin/weiquan.js');
    expect(listing).not.toContain('package/test/');
    expect(listing).not.toContain('package/src/');
    const work = path.join(temp.dir, 'work');
    await mkdir(work);
    const { stdout } = await run('npx', ['--yes', '--prefer-offline', path.join('..', tarball!), '--help'], {
      cwd: work,
      env: { ...process.env, CI: 'true', NO_COLOR: '1', LANG: 'en_US.UTF-8' },
    });
    expect(stdout).toContain('Usage: weiquan');
    expect(stdout).toContain('new');
  }, 240_000);
});
