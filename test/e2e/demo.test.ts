import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, runCli } from '../helpers/cli.js';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

describe('demo', () => {
  it('runs the whole job offline in a temporary data folder and prints the paths', async () => {
    const { dir, cleanup } = await makeTempDir('weiquan-demo-e2e-');
    cleanups.push(cleanup);
    const userHome = path.join(dir, 'user'); // HOME: the user's own data folder must stay untouched
    const out = path.join(dir, 'out');
    const result = await runCli(['demo', '--out', out, '--json', '--lang', 'zh'], { env: { HOME: userHome, WEIQUAN_NOW: '2026-11-24T12:00:00+08:00' } });
    expect(result.code, result.stderr).toBe(0);
    const data = JSON.parse(result.stdout) as { home: string; caseId: string; letter: string; bundle: string; zip: string; complaintPdf: string };
    cleanups.push(() => rm(data.home, { recursive: true, force: true }));
    // (the browser may write its own caches under HOME; weiquan's data and config folders must not appear)
    for (const folder of [path.join(userHome, '.local', 'share', 'weiquan'), path.join(userHome, '.config', 'weiquan'), path.join(userHome, 'Library')]) expect(existsSync(folder), folder).toBe(false);
    expect(data.home.startsWith(userHome)).toBe(false);
    expect(result.stderr).toContain('127.0.0.1');
    for (const file of [data.letter, data.complaintPdf, data.zip]) expect(existsSync(file), file).toBe(true);
    for (const pdf of [data.letter, data.complaintPdf]) execFileSync('qpdf', ['--check', pdf]);
    const letter = execFileSync('pdftotext', [data.letter, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(letter).toContain('KM-DEMO-0001');
    expect(letter).toContain('GD-DEMO-0042');
    expect(letter).toContain('《中华人民共和国消费者权益保护法》第二十条'); // 秒充 promised and exceeded
    expect((await readdir(path.join(data.bundle, 'evidence'))).length).toBe(1);
    const bundleText = execFileSync('pdftotext', [data.complaintPdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(bundleText).toContain('证据E1');
    // the integrity appendix lists every file of the package's evidence/ with its full hash
    const manifest = JSON.parse(await readFile(path.join(data.bundle, 'manifest.json'), 'utf8')) as { evidence: { path: string; sha256: string }[] };
    expect(manifest.evidence.length).toBeGreaterThan(1);
    for (const file of manifest.evidence) {
      expect(bundleText).toContain(file.path);
      expect(bundleText).toContain(file.sha256);
    }
  });

  it('on a machine with only Node (no browser, no system CJK font): says in one line it imported the sample page and what would make capture work, exits 0, and embeds the packaged font', async () => {
    const { dir, cleanup } = await makeTempDir('weiquan-demo-e2e-');
    cleanups.push(cleanup);
    const home = path.join(dir, 'home');
    const noFonts = path.join(dir, 'no-fonts');
    await mkdir(noFonts);
    const result = await runCli(['demo', '--out', path.join(dir, 'out'), '--home', home, '--json'], {
      env: { WEIQUAN_BROWSER: path.join(dir, 'no-such-browser'), WEIQUAN_FONT_DIRS: noFonts, WEIQUAN_NOW: '2026-11-24T12:00:00+08:00' },
    });
    expect(result.code, result.stderr).toBe(0);
    const line = result.stderr.split('\n').find((l) => l.includes('imported'));
    expect(line).toContain('the sample page file was imported as evidence E1 instead');
    expect(line).toContain('WEIQUAN_BROWSER'); // why capture did not run
    expect(line).toContain('To capture pages: Install Chrome or Chromium'); // and what would make it work
    const data = JSON.parse(result.stdout) as { home: string; letter: string; complaintPdf: string };
    expect(data.home).toBe(home); // --home given: the demo uses it
    for (const pdf of [data.letter, data.complaintPdf]) {
      execFileSync('qpdf', ['--check', pdf]);
      const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
      expect(fonts).toMatch(/NotoSansHans-Regular\s.*\byes\b/); // the packaged font, embedded (as a subset)
    }
    expect(existsSync(path.join(home, 'cases', 'C1', 'evidence', 'E1', 'sample-order-page.html'))).toBe(true);
  });
});
