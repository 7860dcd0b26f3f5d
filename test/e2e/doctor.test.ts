import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXED_NOW, runCli, tempDirs } from '../helpers/cli.js';

const tempDir = tempDirs('each', 'weiquan-doctor-');
type Report = { ok: boolean; checks: Array<{ id: string; status: string; message: string; fix?: string } & Record<string, unknown>> };

describe('doctor', () => {
  it('--json reports each check: node, browser, fonts (which one is in use), data home, holidays, optional packages, TSAs', async () => {
    const dir = await tempDir();
    const noFonts = path.join(dir, 'no-fonts');
    await mkdir(noFonts);
    const result = await runCli(['doctor', '--json'], { home: path.join(dir, 'home'), env: { WEIQUAN_NOW: FIXED_NOW, WEIQUAN_FONT_DIRS: noFonts } });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.checks.map((c) => c.id)).toEqual(['node', 'browser', 'font', 'serifFont', 'dataHome', 'holidays', 'optionalPackages', 'tsa']);
    const byId = Object.fromEntries(report.checks.map((c) => [c.id, c]));
    expect(byId.node!.version).toBe(process.version);
    expect(byId.browser!.status).toBe('ok'); // the test machine has chromium
    // system fonts hidden: the packaged font is the one in use, and doctor says so
    expect(byId.font).toMatchObject({ status: 'ok', origin: 'packaged' });
    expect(byId.font!.message).toContain('NotoSansHans-Regular.otf');
    expect(byId.serifFont!.status).toBe('warn');
    expect(byId.dataHome).toMatchObject({ status: 'ok', exists: false });
    // 2026: the bundled data stops at 2026, so next year is missing, with how to add a holiday file
    expect(byId.holidays).toMatchObject({ status: 'warn', thisYear: true, nextYear: false });
    expect(byId.holidays!.fix).toContain('holidaysFile');
    expect(byId.optionalPackages).toMatchObject({ status: 'ok' });
    expect(byId.tsa!.status).toBe('warn');
    expect(report.ok).toBe(true);
  });

  it('a missing font fails the check (exit 1) with the install advice; text output names each check', async () => {
    const dir = await tempDir();
    const noFonts = path.join(dir, 'no-fonts');
    await mkdir(noFonts);
    const env = { WEIQUAN_NOW: FIXED_NOW, WEIQUAN_FONT_DIRS: noFonts, WEIQUAN_PACKAGED_FONT: 'off' };
    const json = await runCli(['doctor', '--json'], { home: path.join(dir, 'home'), env });
    expect(json.code).toBe(1);
    const error = (JSON.parse(json.stdout) as { error: { code: string; details: Report } }).error;
    expect(error.code).toBe('check-failed');
    const font = error.details.checks.find((c) => c.id === 'font')!;
    expect(font.status).toBe('fail');
    expect(font.fix).toContain('fonts-noto-cjk');
    const text = await runCli(['doctor'], { home: path.join(dir, 'home'), env });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('✖ CJK font: No font that can set Chinese was found');
    expect(text.stdout).toContain('✔ Browser: /');
    expect(text.stderr).toContain('The environment check failed: CJK font');
  });
});
