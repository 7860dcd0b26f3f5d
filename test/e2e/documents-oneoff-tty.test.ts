import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXED_NOW, makeTempDir } from '../helpers/cli.js';
import { Terminal } from '../helpers/pty.js';

let cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('the one-off letter in a terminal', () => {
  it('asks only for what the flags did not give, then writes the letter and saves nothing', async () => {
    const temp = await makeTempDir();
    cleanups.push(temp.cleanup);
    const dataHome = path.join(temp.dir, 'home');
    const out = path.join(temp.dir, 'letter.pdf');
    const args = ['letter', '--order', 'KM-TTY-1', '--platform', '快充卡盟', '--category', 'phone', '--account', '13800138000', '--payment-method', '支付宝', '--ordered-at', '2026-11-20 10:00', '--promise', '2h', '-o', out];
    const term = new Terminal(args, { WEIQUAN_HOME: dataHome, WEIQUAN_NOW: FIXED_NOW });
    cleanups.push(() => term.kill());
    await term.answer('Product', '中国移动话费 100 元');
    await term.answer('Amount paid', '100');
    await term.answer('Your full name', '王小明');
    await term.answer('Phone number', '13800138000');
    await term.answer('Postal address', '上海市浦东新区某某路 8 号');
    expect(await term.exitCode()).toBe(0);
    expect(existsSync(dataHome)).toBe(false);
    expect((await readdir(temp.dir)).sort()).toEqual(['letter.pdf']);
    const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('KM-TTY-1');
    expect(text).toContain('王小明');
    expect(text).toContain('100.00');
  });
});
