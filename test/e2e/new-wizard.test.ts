import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CaseStore } from '../../src/store/case-store.js';
import { FIXED_NOW, makeTempDir, runCli } from '../helpers/cli.js';
import { BACKSPACE, CTRL_C, DOWN, Terminal } from '../helpers/pty.js';

let cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});
async function tempHome() {
  const temp = await makeTempDir();
  cleanups.push(temp.cleanup);
  return temp.dir;
}
function terminal(args: string[], home: string) {
  const term = new Terminal(args, { WEIQUAN_HOME: home, WEIQUAN_NOW: FIXED_NOW });
  cleanups.push(() => term.kill());
  return term;
}

describe('the new-case wizard in a real terminal', () => {
  it('asks the profile on first use, then every order field with inline validation, and saves the case', async () => {
    const home = await tempHome();
    const term = terminal(['new'], home);
    await term.answer('Your full name', '王小明');
    await term.answer('Phone number', '12345');
    await term.waitFor('is not a mainland China mobile or landline number');
    term.type(BACKSPACE.repeat(5) + '13800138000\r');
    await term.answer('Postal address', '上海市浦东新区某某路 8 号');
    await term.answer('E-mail', '');
    await term.answer('Platform name', '快充卡盟');
    await term.answer("Platform's website", 'javascript:alert(1)');
    await term.waitFor('Only http:// and https://');
    term.type(BACKSPACE.repeat(19) + 'https://kachong.example.com\r');
    await term.answer("Operating company's full name", '某某网络科技有限公司');
    await term.answer("Company's address", '');
    await term.answer('Order number', 'KM-WIZ-1');
    await term.answer('Product', '中国移动话费 100 元');
    await term.waitFor('Category');
    term.type(`${DOWN}\r`); // game → phone
    await term.answer('Account to recharge', '13800138000');
    await term.answer('Amount paid', '1.001');
    await term.waitFor('more than two decimals');
    term.type(BACKSPACE.repeat(5) + '¥100.00\r');
    await term.answer('Payment method', '支付宝');
    await term.answer('Payment transaction number', '');
    await term.waitFor('Order time');
    term.type('2026-02-30 10:00\r');
    await term.waitFor('not a real date or time');
    term.type(BACKSPACE.repeat(16) + '2026-11-20 10:00\r');
    await term.answer('Payment time', ''); // default: the order time
    await term.waitFor('What delivery time did the platform promise');
    term.type(`${DOWN}${DOWN}\r`); // from the default (none) past "another time limit…", wrapping round to instant
    await term.answer('Current order status', '');
    await term.answer('What you demand', '');
    await term.answer('Save this case?', 'y');
    expect(await term.exitCode()).toBe(0);
    expect(term.screen).toContain('Logged case C1');

    const store = new CaseStore(home);
    const saved = await store.load('C1');
    expect(saved.platform).toMatchObject({ name: '快充卡盟', url: 'https://kachong.example.com/', company: '某某网络科技有限公司' });
    expect(saved.platform.companyAddress).toBeUndefined();
    expect(saved.order).toMatchObject({ number: 'KM-WIZ-1', category: 'phone', amountFen: 10000, orderedAt: '2026-11-20T10:00:00+08:00', paidAt: '2026-11-20T10:00:00+08:00', status: '处理中', promise: 'instant' });
    expect(saved.order.paymentRef).toBeUndefined();

    const profile = await runCli(['profile', 'show', '--json'], { home });
    expect(JSON.parse(profile.stdout)).toEqual({ name: '王小明', phone: '13800138000', address: '上海市浦东新区某某路 8 号' });
  });

  it('an optional prompt that shows a value says Enter takes it, and "-" leaves the field empty', async () => {
    const home = await tempHome();
    await runCli(['profile', 'set', '--name', '王小明', '--phone', '13800138000', '--address', '上海'], { home });
    const term = terminal(['new'], home);
    const answers: Array<[string, string]> = [
      ['Platform name', '快充卡盟'], ["Platform's website", ''], ["Operating company's full name", ''], ["Company's address", ''],
      ['Order number', 'KM-WIZ-2'], ['Product', '中国移动话费 100 元'], ['Category', ''], ['Account to recharge', '13800138000'],
      ['Amount paid', '100'], ['Payment method', '支付宝'], ['Payment transaction number', ''], ['Order time', '2026-11-20 10:00'],
    ];
    for (const [prompt, answer] of answers) await term.answer(prompt, answer);
    await term.waitFor('Payment time');
    await term.waitFor('type - to leave it empty');
    term.type('-\r');
    await term.waitFor('What delivery time did the platform promise');
    term.type('\r');
    await term.waitFor('Current order status (Enter takes the value in brackets)');
    term.type('\r');
    await term.answer('What you demand', '');
    await term.answer('Save this case?', 'y');
    expect(await term.exitCode()).toBe(0);
    const saved = await new CaseStore(home).load('C1');
    expect(saved.order.orderedAt).toBe('2026-11-20T10:00:00+08:00');
    expect(saved.order.paidAt).toBeUndefined();
    expect(saved.order.status).toBe('处理中');
  });

  it('Ctrl-C in the middle exits cleanly and writes no case', async () => {
    const home = await tempHome();
    await runCli(['profile', 'set', '--name', '王小明', '--phone', '13800138000', '--address', '上海'], { home });
    const term = terminal(['new'], home);
    await term.answer('Platform name', '快充卡盟');
    await term.waitFor("Platform's website");
    term.type(CTRL_C);
    expect(await term.exitCode()).toBe(130);
    expect(term.screen).toContain('Cancelled; nothing was saved.');
    expect(term.screen).not.toMatch(/at .*\.js:\d+/); // no stack trace
    const cases = await readdir(path.join(home, 'cases')).catch(() => []);
    expect(cases).toEqual([]);
  });
});
