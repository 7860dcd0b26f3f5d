import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT, SAMPLE_ORDER, tempDirs } from '../helpers/cli.js';
import { startPagesServer } from '../fixtures/evidence/pages-server.js';

const PERSON = ['--name', '张三', '--phone', '13800138000', '--address', '北京市朝阳区某某街 1 号'];

const run = promisify(execFile);
const tempDir = tempDirs('all', 'weiquan-pack-');
type Result = { code: number; stdout: string; stderr: string };

describe('the published package', () => {
  it('packs without source maps, with a LICENSE; installed offline from the npm cache without optional packages, the one-off letter and a package with PNG, PDF and JPEG evidence work without sharp; capture, which needs sharp, exits 3 naming its install command', async () => {
    const dir = await tempDir();
    // dist/ is already built by `npm test`; --ignore-scripts keeps pack from building again.
    await run('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: ROOT });
    const tarball = (await readdir(dir)).find((name) => /^weiquan-\d+\.\d+\.\d+\.tgz$/.test(name));
    expect(tarball).toBeDefined();
    const { stdout: listing } = await run('tar', ['-tzf', path.join(dir, tarball!)]);
    expect(listing).toContain('package/dist/main.js');
    expect(listing).toContain('package/bin/weiquan.js');
    expect(listing).toContain('package/LICENSE');
    expect(listing).not.toMatch(/\.map$/m);
    expect(listing).not.toContain('package/test/');
    expect(listing).not.toContain('package/src/');

    // a clean folder, the registry out of reach: everything comes from the npm cache (npm ci filled it);
    // --omit=optional: no sharp, no packaged font — the letter must not need them
    const work = path.join(dir, 'work');
    await mkdir(work);
    await writeFile(path.join(work, 'package.json'), '{ "name": "probe", "private": true }\n');
    await run('npm', ['install', '--offline', '--omit=optional', '--no-audit', '--no-fund', path.join(dir, tarball!)], { cwd: work, env: { ...process.env, CI: 'true' } });
    expect(existsSync(path.join(work, 'node_modules', 'sharp'))).toBe(false);
    const bin = path.join(work, 'node_modules', 'weiquan', 'bin', 'weiquan.js');
    const weiquan = (args: string[], env: NodeJS.ProcessEnv = {}): Promise<Result> =>
      run(process.execPath, [bin, ...args], { cwd: work, env: { PATH: process.env.PATH, HOME: work, CI: 'true', NO_COLOR: '1', LANG: 'en_US.UTF-8', WEIQUAN_HOME: path.join(work, 'home'), ...env } }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: Result) => error,
      );

    const letter = await weiquan(['letter', ...SAMPLE_ORDER, ...PERSON, '-o', 'letter.pdf']);
    expect(letter.code, letter.stderr).toBe(0);
    await run('qpdf', ['--check', path.join(work, 'letter.pdf')]);
    const { stdout: text } = await run('pdftotext', [path.join(work, 'letter.pdf'), '-']);
    expect(text).toContain('KM20261120001');
    expect(existsSync(path.join(work, 'home'))).toBe(false); // one-off: nothing saved

    // a case with a PNG screenshot and a PDF receipt: the 12315 package works without sharp …
    expect((await weiquan(['new', ...SAMPLE_ORDER])).code).toBe(0);
    await weiquan(['profile', 'set', ...PERSON]);
    await copyFile(path.join(work, 'letter.pdf'), path.join(work, 'receipt.pdf'));
    await run('pdftoppm', ['-png', '-r', '30', '-f', '1', '-l', '1', '-singlefile', path.join(work, 'letter.pdf'), path.join(work, 'page')]);
    expect((await weiquan(['evidence', 'add', 'C1', 'page.png', 'receipt.pdf', '--kind', 'payment'])).code).toBe(0);
    const bundle = await weiquan(['bundle', 'C1', '-o', 'bundle']);
    expect(bundle.code, bundle.stderr).toBe(0);
    await run('qpdf', ['--check', path.join(work, 'bundle', 'complaint.pdf')]);
    // … and a JPEG photo too: it is drawn without sharp (PDFs embed JPEG as it is), never a failed package
    await run('pdftoppm', ['-jpeg', '-r', '30', '-f', '1', '-l', '1', '-singlefile', path.join(work, 'letter.pdf'), path.join(work, 'photo')]);
    expect((await weiquan(['evidence', 'add', 'C1', 'photo.jpg', '--kind', 'chat'])).code).toBe(0);
    const withPhoto = await weiquan(['bundle', 'C1', '-o', 'bundle2']);
    expect(withPhoto.code, withPhoto.stderr).toBe(0);
    await run('qpdf', ['--check', path.join(work, 'bundle2', 'complaint.pdf')]);

    // capture does need sharp (the caption strip): exit 3 naming the package and the command that installs it
    const server = await startPagesServer();
    try {
      const capture = await weiquan(['capture', 'C1', server.url('/order')]);
      expect(capture.code, capture.stderr).toBe(3);
      expect(capture.stderr).toContain('The optional package sharp is not installed');
      expect(capture.stderr).toContain('npm install sharp');
    } finally {
      await server.close();
    }
  }, 300_000);
});
