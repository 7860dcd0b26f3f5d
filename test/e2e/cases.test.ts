import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { BIN, FIXED_NOW, runCli, SAMPLE_ORDER, tempDirs } from '../helpers/cli.js';

const tempHome = tempDirs();
const env = { WEIQUAN_NOW: FIXED_NOW };
const withFlag = (flag: string, value: string) => {
  const args = [...SAMPLE_ORDER];
  args[args.indexOf(flag) + 1] = value;
  return args;
};
async function caseFolders(home: string) {
  return readdir(path.join(home, 'cases')).catch(() => [] as string[]);
}

describe('logging orders from scripts (no TTY)', () => {
  it('new with every flag prints the id; --json prints the case', async () => {
    const home = await tempHome();
    const plain = await runCli(['new', ...SAMPLE_ORDER], { home, env });
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toBe('C1\n');
    const json = await runCli(['new', '--json', ...withFlag('--order', 'KM2')], { home, env });
    expect(json.code).toBe(0);
    const created = JSON.parse(json.stdout);
    expect(created).toMatchObject({ id: 'C2', order: { number: 'KM2', amountFen: 10000, promise: '2h' }, platform: { name: '快充卡盟' } });
  });

  it('stores the default demand in Chinese (it goes into the documents) and warns about a repeated order number', async () => {
    const home = await tempHome();
    await runCli(['new', ...SAMPLE_ORDER], { home, env });
    const again = await runCli(['new', '--json', ...SAMPLE_ORDER], { home, env });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).order).toMatchObject({ demand: '在合理期限内完成充值，或按我的选择全额退款', status: '处理中' });
    expect(again.stderr).toContain('already logged as case C1');
  });

  it('new with no flags and no TTY exits 2, names every required flag, creates nothing', async () => {
    const home = await tempHome();
    const run = await runCli(['new'], { home, env });
    expect(run.code).toBe(2);
    for (const flag of ['--platform', '--order', '--product', '--category', '--account', '--amount', '--payment-method', '--ordered-at']) {
      expect(run.stderr).toContain(flag);
    }
    expect(run.stdout).toBe('');
    expect(existsSync(path.join(home, 'cases'))).toBe(false);
  });

  it.each([
    ['--amount', 'abc', 'is not an amount'],
    ['--amount', '-5', 'must be more than 0'],
    ['--amount', '100.001', 'more than two decimals'],
    ['--ordered-at', '2026-02-30 10:00', 'not a real date or time'],
    ['--ordered-at', '2026-12-01 10:00', 'in the future'],
    ['--platform-url', 'javascript:alert(1)', 'Only http:// and https://'],
    ['--category', 'cars', 'is not a category'],
    ['--promise', 'soon', 'is not a delivery promise'],
  ])('bad %s %s exits 2 with a clear message and creates nothing', async (flag, value, message) => {
    const home = await tempHome();
    const run = await runCli(['new', ...withFlag(flag, value)], { home, env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain(flag); // the message names the flag to fix
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(await caseFolders(home)).toEqual([]);
  });

  it('--json errors are one JSON document on stdout', async () => {
    const home = await tempHome();
    const run = await runCli(['new', '--json', ...withFlag('--amount', 'abc')], { home, env });
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({ error: { code: 'input', message: '--amount: "abc" is not an amount (e.g. 100, 100.50, ¥1,000.00)' } });
  });

  it('speaks Chinese with --lang zh or a zh locale', async () => {
    const home = await tempHome();
    const flag = await runCli(['new', '--lang', 'zh'], { home, env });
    expect(flag.stderr).toContain('缺少必填项');
    const locale = await runCli(['new'], { home, env: { ...env, LANG: 'zh_CN.UTF-8' } });
    expect(locale.stderr).toContain('缺少必填项');
    const help = await runCli(['--help'], { home, env: { LANG: 'zh_CN.UTF-8' } });
    expect(help.stdout).toContain('登记一个订单为案件');
  });
});

describe('list, show, edit, resolve', () => {
  it('finds cases by id or order number, and explains unknown or ambiguous references', async () => {
    const home = await tempHome();
    await runCli(['new', ...SAMPLE_ORDER], { home, env });
    await runCli(['new', ...withFlag('--order', 'KM20261120002')], { home, env });
    await runCli(['new', ...withFlag('--order', 'KM20261120002')], { home, env });

    const list = await runCli(['list'], { home, env });
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/C1.*快充卡盟.*KM20261120001.*100\.00/);

    const byOrder = await runCli(['show', 'KM20261120001', '--json'], { home, env });
    expect(JSON.parse(byOrder.stdout).id).toBe('C1');
    const byId = await runCli(['show', 'c1'], { home, env });
    expect(byId.stdout).toContain('KM20261120001');

    const ambiguous = await runCli(['show', 'KM20261120002'], { home, env });
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('C2');
    expect(ambiguous.stderr).toContain('C3');

    const unknown = await runCli(['show', 'NOPE-999'], { home, env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No case "NOPE-999"');
    expect(unknown.stderr).toContain('C1 KM20261120001');
  });

  it('edit changes one field and records it; bad values change nothing', async () => {
    const home = await tempHome();
    await runCli(['new', ...SAMPLE_ORDER], { home, env });
    const edited = await runCli(['edit', 'C1', '--amount', '99.5', '--status', '已退款中', '--json'], { home, env });
    expect(edited.code, edited.stderr).toBe(0);
    expect(JSON.parse(edited.stdout).order).toMatchObject({ amountFen: 9950, status: '已退款中' });

    const before = (await runCli(['show', 'C1', '--json'], { home, env })).stdout;
    const bad = await runCli(['edit', 'C1', '--ordered-at', '2026-02-30 10:00'], { home, env });
    expect(bad.code).toBe(2);
    const nothing = await runCli(['edit', 'C1'], { home, env });
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('--amount');
    expect((await runCli(['show', 'C1', '--json'], { home, env })).stdout).toBe(before);
  });

  it('resolve records the outcome; a missing outcome is a usage error without a TTY', async () => {
    const home = await tempHome();
    await runCli(['new', ...SAMPLE_ORDER], { home, env });
    const missing = await runCli(['resolve', 'C1'], { home, env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--outcome');
    const bad = await runCli(['resolve', 'C1', '--outcome', 'won'], { home, env });
    expect(bad.code).toBe(2);
    const done = await runCli(['resolve', 'C1', '--outcome', 'refunded', '--note', '已原路退回', '--json'], { home, env });
    expect(done.code, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout).resolution).toMatchObject({ outcome: 'refunded', note: '已原路退回' });
    const again = await runCli(['resolve', 'C1', '--outcome', 'delivered'], { home, env });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('was already resolved as refunded');
  });
});

describe('profile and settings', () => {
  it('validates the profile and stores it inside WEIQUAN_HOME', async () => {
    const home = await tempHome();
    const bad = await runCli(['profile', 'set', '--name', '王小明', '--phone', '12345', '--address', '上海'], { home });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not a mainland China mobile');
    expect(existsSync(path.join(home, 'config.json'))).toBe(false);
    const missing = await runCli(['profile', 'set', '--name', '王小明'], { home });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--phone --address');
    const good = await runCli(['profile', 'set', '--name', '王小明', '--phone', '138 0013 8000', '--address', '上海市', '--email', 'wang@example.com'], { home });
    expect(good.code, good.stderr).toBe(0);
    const shown = await runCli(['profile', 'show', '--json'], { home });
    expect(JSON.parse(shown.stdout)).toEqual({ name: '王小明', phone: '13800138000', address: '上海市', email: 'wang@example.com' });
    expect(existsSync(path.join(home, 'config.json'))).toBe(true);
  });

  it('profile show without a profile says how to set one', async () => {
    const home = await tempHome();
    const run = await runCli(['profile', 'show'], { home });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('weiquan profile set');
  });

  it('the lang setting changes the language; bad settings are refused', async () => {
    const home = await tempHome();
    expect((await runCli(['config', 'set', 'lang', 'zh'], { home })).code).toBe(0);
    expect((await runCli(['new'], { home, env })).stderr).toContain('缺少必填项');
    expect((await runCli(['new', '--lang', 'en'], { home, env })).stderr).toContain('Missing required values');
    const bad = await runCli(['config', 'set', 'lang', 'fr'], { home });
    expect(bad.code).toBe(2);
    const unknown = await runCli(['config', 'set', 'colour', 'red'], { home });
    expect(unknown.code).toBe(2);
    expect(JSON.parse((await runCli(['config', 'get', '--json'], { home })).stdout)).toEqual({ lang: 'zh' });
    const shown = (await runCli(['config', 'get', '--lang', 'en'], { home })).stdout;
    expect(shown).toContain('timeZone = Asia/Shanghai (default)');
    expect(shown).toContain('uploadLimitMB = 5 (default)');
    expect(shown).toContain("lang = en (this run's --lang)");
    expect(shown).toContain('autoStamp = false (default)');
    expect(shown).toContain('tsa = (none: no time-stamp authority is contacted)');
    const chrome = path.join(home, 'chrome');
    await writeFile(chrome, '');
    const fromEnv = await runCli(['config', 'get', 'browser', '--lang', 'en'], { home, env: { WEIQUAN_BROWSER: chrome } });
    expect(fromEnv.stdout.trim()).toBe(`${chrome} (from WEIQUAN_BROWSER)`);
    const missingFile = await runCli(['config', 'set', 'browser', path.join(home, 'no-such-chrome'), '--lang', 'en'], { home });
    expect(missingFile.code).toBe(2);
    expect(missingFile.stderr).toContain('there is no file');
    expect(JSON.parse((await runCli(['config', 'get', '--json'], { home })).stdout)).toEqual({ lang: 'zh' });
  });

  it('prints help when not in a terminal, and the version', async () => {
    const home = await tempHome();
    const bare = await runCli([], { home });
    expect(bare.code).toBe(0);
    expect(bare.stdout).toContain('Usage: weiquan');
    const version = await runCli(['--version'], { home });
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const unknown = await runCli(['frobnicate'], { home });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('There is no command frobnicate');
    const zh = await runCli(['resolve', 'C1', '--outcome', 'lost'], { home, env: { LANG: 'zh_CN.UTF-8' } });
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('选项 --outcome <outcome> 的值 "lost" 无效');
    expect((await runCli(['show'], { home, env: { LANG: 'zh_CN.UTF-8' } })).stderr).toContain('缺少参数 case');
  });

  it('a data home that cannot be used is an environment problem (exit 3), not a crash', async () => {
    const home = await tempHome();
    const notAFolder = path.join(home, 'file');
    await writeFile(notAFolder, 'x');
    for (const args of [['list'], ['new', ...SAMPLE_ORDER], ['profile', 'set', '--name', '王小明', '--phone', '13800138000', '--address', '上海']]) {
      const run = await runCli(args, { home: notAFolder, env });
      expect(run.code, args.join(' ')).toBe(3);
      expect(run.stderr).toContain('Cannot read or write the data directory');
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('in a pipeline', () => {
  it('a reader that goes away early (weiquan list | head) ends the run quietly, exit 0, no stack trace', async () => {
    const home = await tempHome();
    expect((await runCli(['new', ...SAMPLE_ORDER], { home, env: { WEIQUAN_NOW: FIXED_NOW } })).code).toBe(0);
    const child = spawn(process.execPath, [BIN, 'list'], { env: { ...process.env, WEIQUAN_HOME: home, WEIQUAN_NOW: FIXED_NOW, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the reader is gone before anything is written
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
