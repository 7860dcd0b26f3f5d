import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXED_NOW, runCli, SAMPLE_ORDER, tempDirs } from '../helpers/cli.js';

const temp = tempDirs();

describe('a broken settings file', () => {
  it('is exit 3 naming the file and the way out; config set and profile set replace it after saying so', async () => {
    const home = await temp();
    const file = path.join(home, 'config.json');
    const broken = '{"settings": {"lang": "en",}';
    await writeFile(file, broken);
    for (const args of [['config', 'get'], ['profile', 'show']]) {
      const run = await runCli(args, { home });
      expect(run.code, args.join(' ')).toBe(3);
      expect(run.stderr).toContain(file);
      expect(run.stderr).toMatch(/config set or weiquan profile set/);
      expect(run.stderr).not.toMatch(/Unexpected/);
    }
    // bad input to profile set moves nothing
    expect((await runCli(['profile', 'set', '--name', '张三', '--phone', '12', '--address', '北京'], { home })).code).toBe(2);
    expect(await readFile(file, 'utf8')).toBe(broken);

    const set = await runCli(['config', 'set', 'lang', 'en'], { home });
    expect(set.code, set.stderr).toBe(0);
    expect(set.stderr).toContain('was damaged');
    const kept = (await readdir(home)).find((name) => name.startsWith('config.json.broken-'))!;
    expect(await readFile(path.join(home, kept), 'utf8')).toBe(broken);
    expect((await runCli(['config', 'get', 'lang'], { home })).stdout.trim()).toBe('en');

    await writeFile(file, 'null');
    const profile = await runCli(['profile', 'set', '--name', '张三', '--phone', '13800138000', '--address', '北京市朝阳区'], { home });
    expect(profile.code, profile.stderr).toBe(0);
    expect(profile.stderr).toContain('was damaged');
  });
});

describe('folders weiquan creates', () => {
  it('the data home and every parent it creates are 0700; export -o creates its folder', async () => {
    const base = await temp();
    const home = path.join(base, 'a', 'b');
    expect((await runCli(['config', 'set', 'lang', 'en'], { home })).code).toBe(0);
    if (process.platform !== 'win32') for (const dir of [path.join(base, 'a'), home]) expect((await stat(dir)).mode & 0o777).toBe(0o700);
    const other = path.join(base, 'c', 'd');
    expect((await runCli(['new', ...SAMPLE_ORDER], { home: other, env: { WEIQUAN_NOW: FIXED_NOW } })).code).toBe(0);
    if (process.platform !== 'win32') for (const dir of [path.join(base, 'c'), other, path.join(other, 'cases')]) expect((await stat(dir)).mode & 0o777).toBe(0o700);
    const zip = path.join(base, 'out', 'deep', 'c1.zip');
    const exported = await runCli(['export', 'C1', '-o', zip], { home: other });
    expect(exported.code, exported.stderr).toBe(0);
    expect((await stat(zip)).isFile()).toBe(true);
  });
});
