import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BIN, FIXED_NOW, runCli, SAMPLE_ORDER, tempDirs } from '../helpers/cli.js';

const run = promisify(execFile);
const tempDir = tempDirs('each', 'weiquan-umask-');
const PERSON = ['--name', '张三', '--phone', '13800138000', '--address', '北京市朝阳区某某街 1 号'];
const mode = (file: string) => (statSync(file).mode & 0o777).toString(8);

/** The built bin under a given umask, as a user's shell would start it. */
function underUmask(umask: string, args: string[], home: string) {
  return run('sh', ['-c', `umask ${umask} && exec "$@"`, 'sh', process.execPath, BIN, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, CI: 'true', NO_COLOR: '1', LANG: 'en_US.UTF-8', WEIQUAN_HOME: home, WEIQUAN_NOW: FIXED_NOW },
  });
}

describe.runIf(process.platform !== 'win32')('files the user asked for', () => {
  it('outside the data home follow the umask (-o, --ics, the one-off letter); inside it stay 0600', async () => {
    const dir = await tempDir();
    const home = path.join(dir, 'home');
    expect((await runCli(['new', ...SAMPLE_ORDER], { home, env: { WEIQUAN_NOW: FIXED_NOW } })).code).toBe(0);
    expect((await runCli(['profile', 'set', ...PERSON], { home })).code).toBe(0);
    const outside = path.join(dir, 'mine', 'letter.pdf');
    await underUmask('027', ['letter', 'C1', '-o', outside], home);
    expect(mode(outside)).toBe('640');
    await underUmask('022', ['letter', ...SAMPLE_ORDER, ...PERSON, '-o', path.join(dir, 'oneoff.pdf')], home);
    expect(mode(path.join(dir, 'oneoff.pdf'))).toBe('644');
    await underUmask('022', ['due', '--ics', path.join(dir, 'cal', 'deadlines.ics')], home);
    expect(mode(path.join(dir, 'cal', 'deadlines.ics'))).toBe('644');
    // the case's own out/ folder is inside the data home: private whatever the umask
    await underUmask('022', ['letter', 'C1'], home);
    const outDir = path.join(home, 'cases', 'C1', 'out');
    const inside = readdirSync(outDir).find((name) => name.endsWith('.pdf'))!;
    expect(mode(path.join(outDir, inside))).toBe('600');
    await underUmask('022', ['letter', 'C1', '-o', path.join(home, 'copy.pdf')], home);
    expect(mode(path.join(home, 'copy.pdf'))).toBe('600');
    // the folders -o made for the user follow the umask too
    expect(mode(path.join(dir, 'mine'))).toBe('750');
    expect(mode(path.join(dir, 'cal'))).toBe('755');
  }, 180_000);

  it('a bundle folder outside the data home follows the umask (folders 0755, files 0644 under 022); the case\'s own stays 0700/0600', async () => {
    const dir = await tempDir();
    const home = path.join(dir, 'home');
    expect((await runCli(['new', ...SAMPLE_ORDER], { home, env: { WEIQUAN_NOW: FIXED_NOW } })).code).toBe(0);
    expect((await runCli(['profile', 'set', ...PERSON], { home })).code).toBe(0);
    const outside = path.join(dir, 'for-12315');
    await underUmask('022', ['bundle', 'C1', '-o', outside], home);
    const walk = (folder: string): string[] => readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(folder, entry.name);
      return entry.isDirectory() ? [full, ...walk(full)] : [full];
    });
    const entries = [outside, ...walk(outside)];
    expect(entries.length).toBeGreaterThan(3);
    for (const entry of entries) expect([entry, mode(entry)]).toEqual([entry, statSync(entry).isDirectory() ? '755' : '644']);
    expect(mode(`${outside}.zip`)).toBe('644');
    // without -o the package is written inside the data home: private whatever the umask
    await underUmask('022', ['bundle', 'C1'], home);
    const inside = walk(path.join(home, 'cases', 'C1')).filter((entry) => !entry.includes(`${path.sep}.`));
    expect(inside.length).toBeGreaterThan(3);
    for (const entry of inside) expect([entry, mode(entry)]).toEqual([entry, statSync(entry).isDirectory() ? '700' : '600']);
    expect(inside.some((entry) => entry.endsWith('.zip'))).toBe(true);
  }, 180_000);
});
