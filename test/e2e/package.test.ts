import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, lstat, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { OPTIONAL_PACKAGES } from '../../src/optional.js';
import { ROOT, SAMPLE_ORDER, tempDirs } from '../helpers/cli.js';
import { startPagesServer } from '../fixtures/evidence/pages-server.js';

const OPTIONAL = Object.keys(OPTIONAL_PACKAGES);
const PERSON = ['--name', '张三', '--phone', '13800138000', '--address', '北京市朝阳区某某街 1 号'];

const run = promisify(execFile);
const tempDir = tempDirs('all', 'weiquan-pack-');
type Result = { code: number; stdout: string; stderr: string };

describe('the published package', () => {
  it('packs the bundle without source maps, with a LICENSE and the bundled packages\' licences; installed offline from the npm cache, the default install stays under 90 MB without the optional peer packages; the one-off letter and a package with PNG, PDF and JPEG evidence work without them; doctor names each with its install command; capture works without sharp (no captioned copy, said); next --copy and a letter without any CJK font exit 3 naming the install command', async () => {
    const dir = await tempDir();
    // dist/ is already built by `npm test`; --ignore-scripts keeps pack from building again.
    await run('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: ROOT });
    const tarball = (await readdir(dir)).find((name) => /^weiquan-\d+\.\d+\.\d+\.tgz$/.test(name));
    expect(tarball).toBeDefined();
    const { stdout: listing } = await run('tar', ['-tzf', path.join(dir, tarball!)]);
    expect(listing).toContain('package/dist/bundle/main.js');
    expect(listing).toContain('package/dist/bundle/THIRD-PARTY-LICENSES.txt');
    expect(listing).not.toContain('package/dist/main.js'); // the bundle is what runs; tsc's files stay at home
    expect(listing).toContain('package/bin/weiquan.js');
    expect(listing).toContain('package/LICENSE');
    expect(listing).not.toMatch(/\.map$/m);
    expect(listing).not.toContain('package/test/');
    expect(listing).not.toContain('package/src/');

    // a clean folder, the registry out of reach: everything comes from the npm cache (npm ci filled it);
    // a default install: the optional peers (sharp, the HEIC decoder, the packaged font) are not installed
    const work = path.join(dir, 'work');
    await mkdir(work);
    await writeFile(path.join(work, 'package.json'), '{ "name": "probe", "private": true }\n');
    await run('npm', ['install', '--offline', '--no-audit', '--no-fund', path.join(dir, tarball!)], { cwd: work, env: { ...process.env, CI: 'true' } });
    for (const name of OPTIONAL) expect(existsSync(path.join(work, 'node_modules', name)), name).toBe(false);
    // the project's bar for a default install: under 90 MB on disk (MB as du -sh counts them, 2^20 bytes), measured here
    const installed = await diskUsage(path.join(work, 'node_modules'));
    expect(installed / 2 ** 20, `${(installed / 2 ** 20).toFixed(1)} MB installed`).toBeLessThan(90);
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

    // no system font and no font package: exit 3, naming the system fonts and the package's install command
    await mkdir(path.join(work, 'no-fonts'));
    const noFont = await weiquan(['letter', ...SAMPLE_ORDER, ...PERSON, '-o', 'nofont.pdf'], { WEIQUAN_FONT_DIRS: path.join(work, 'no-fonts') });
    expect(noFont.code, noFont.stderr).toBe(3);
    expect(noFont.stderr).toContain('npm install @embedpdf/fonts-sc');
    expect(noFont.stderr).toContain('fonts-noto-cjk');

    // doctor: each optional package absent, with the command that installs it; sharp's absence is a warning
    const doctor = await weiquan(['doctor', '--json']);
    const report = JSON.parse(doctor.stdout) as { checks: Array<{ id: string; status: string; fix?: string; packages?: Array<{ name: string; available: boolean; install: string }> }> };
    const optional = report.checks.find((check) => check.id === 'optionalPackages')!;
    expect(optional.status).toBe('warn');
    expect(optional.packages).toEqual(OPTIONAL.map((name) => expect.objectContaining({ name, available: false, reason: 'missing', install: `npm install ${name}` })));
    expect(optional.fix).toContain(`npm install ${OPTIONAL.join(' ')}`);

    // a case with a PNG screenshot and a PDF receipt: the 12315 package works without sharp …
    expect((await weiquan(['new', ...SAMPLE_ORDER])).code).toBe(0);
    await weiquan(['profile', 'set', ...PERSON]);
    await copyFile(path.join(work, 'letter.pdf'), path.join(work, 'receipt.pdf'));
    await run('pdftoppm', ['-png', '-r', '30', '-f', '1', '-l', '1', '-singlefile', path.join(work, 'letter.pdf'), path.join(work, 'page')]);
    expect((await weiquan(['evidence', 'add', 'C1', 'page.png', 'receipt.pdf', '--kind', 'payment'])).code).toBe(0);
    const bundle = await weiquan(['bundle', 'C1', '-o', 'bundle']);
    expect(bundle.code, bundle.stderr).toBe(0);
    await run('qpdf', ['--check', path.join(work, 'bundle', 'complaint.pdf')]);
    // … and a JPEG photo and a long PNG screenshot too: drawn without sharp (a PDF embeds JPEG as it is)
    await run('pdftoppm', ['-jpeg', '-r', '30', '-f', '1', '-l', '1', '-singlefile', path.join(work, 'letter.pdf'), path.join(work, 'photo')]);
    await run('pdftoppm', ['-png', '-f', '1', '-l', '1', '-singlefile', '-scale-to-x', '300', '-scale-to-y', '1500', path.join(work, 'letter.pdf'), path.join(work, 'long')]);
    expect((await weiquan(['evidence', 'add', 'C1', 'photo.jpg', 'long.png', '--kind', 'chat'])).code).toBe(0);
    const withPhoto = await weiquan(['bundle', 'C1', '-o', 'bundle2']);
    expect(withPhoto.code, withPhoto.stderr).toBe(0);
    expect(withPhoto.stderr).not.toContain('not printed');
    await run('qpdf', ['--check', path.join(work, 'bundle2', 'complaint.pdf')]);
    const { stdout: images } = await run('pdfimages', ['-list', path.join(work, 'bundle2', 'complaint.pdf')]);
    expect(images).toMatch(/\b249\s+351\s+rgb\s+3\s+8\s+jpeg\b/);
    expect(images).toMatch(/\b300\s+1500\s+rgb\b/);
    // the long screenshot's upload copy: without sharp to cut it into image parts, its exhibit pages as a PDF
    const uploads = await readdir(path.join(work, 'bundle2', 'upload'));
    expect(uploads.filter((name) => name.startsWith('E4-')), uploads.join(' ')).toEqual([expect.stringMatching(/^E4-long.*\.pdf$/)]);
    const { stdout: uploadImages } = await run('pdfimages', ['-list', path.join(work, 'bundle2', 'upload', uploads.find((name) => name.startsWith('E4-'))!)]);
    expect(uploadImages).toMatch(/\b300\s+1500\s+rgb\b/);
    // a rotated JPEG needs sharp to stand upright: the package is still made, and the command says what to install
    await writeFile(path.join(work, 'turned.jpg'), withOrientation(await readFile(path.join(work, 'photo.jpg')), 6));
    expect((await weiquan(['evidence', 'add', 'C1', 'turned.jpg', '--kind', 'chat'])).code).toBe(0);
    const turned = await weiquan(['bundle', 'C1', '-o', 'bundle3']);
    expect(turned.code, turned.stderr).toBe(0);
    expect(turned.stderr).toContain('sharp is not installed');
    expect(turned.stderr).toContain('npm install sharp');

    // next --copy needs the clipboard package: the message is printed, then exit 3 naming its install command
    const copy = await weiquan(['next', 'C1', '--copy']);
    expect(copy.code, copy.stderr).toBe(3);
    expect(copy.stderr).toContain('npm install clipboardy');

    // capture works without sharp: the screenshot, snapshot and sidecar are kept and verified; only the
    // captioned copy is not made, which is said with the command that installs sharp
    const server = await startPagesServer();
    try {
      const capture = await weiquan(['capture', 'C1', server.url('/order')]);
      expect(capture.code, capture.stderr).toBe(0);
      expect(capture.stderr).toContain('the captioned copy was not made');
      expect(capture.stderr).toContain('npm install sharp');
      const record = JSON.parse(await readFile(path.join(work, 'home', 'cases', 'C1', 'case.json'), 'utf8')) as { evidence: Array<{ id: string; files: Array<{ role: string }> }> };
      const captured = record.evidence.at(-1)!;
      expect(captured.files.map((file) => file.role)).toEqual(['screenshot', 'mhtml', 'sidecar']);
      const verify = await weiquan(['verify', 'C1']);
      expect(verify.code, verify.stdout + verify.stderr).toBe(0);
      const withCapture = await weiquan(['bundle', 'C1', '-o', 'bundle4']);
      expect(withCapture.code, withCapture.stderr).toBe(0);
      const { stdout: listed } = await run('pdftotext', [path.join(work, 'bundle4', 'complaint.pdf'), '-']);
      expect(listed).toContain(captured.id);
    } finally {
      await server.close();
    }
  }, 300_000);
});

/** A JPEG with an EXIF APP1 segment carrying only the orientation tag, inserted after SOI. */
function withOrientation(jpeg: Buffer, orientation: number): Buffer {
  const tiff = Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0, 0, 0]);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(body.length + 2);
  return Buffer.concat([jpeg.subarray(0, 2), Buffer.from([0xff, 0xe1]), length, body, jpeg.subarray(2)]);
}

/** Bytes a folder takes on disk: its files' allocated blocks, as du counts them. */
async function diskUsage(folder: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    const stats = await lstat(path.join(entry.parentPath, entry.name));
    total += stats.blocks * 512;
  }
  return total;
}
