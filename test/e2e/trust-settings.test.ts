import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDirs } from '../helpers/cli.js';

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
