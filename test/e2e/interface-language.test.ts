import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { Terminal } from '../helpers/pty.js';

const terminals: Terminal[] = [];
afterAll(() => terminals.forEach((term) => term.kill()));

/** A Chinese user whose LANG is empty: the locale comes from the next variable (Intl is covered in unit tests). */
const chineseTaiwan = { LANG: '', LC_ALL: 'zh_TW.UTF-8' };

describe('Chinese where the user is Chinese', () => {
  it('help headings and option notes follow the interface language (zh_TW gets Chinese too)', async () => {
    const help = await runCli(['--help'], { env: chineseTaiwan });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('用法： weiquan');
    expect(help.stdout).toContain('选项：');
    expect(help.stdout).toContain('命令：');
    expect(help.stdout.replace(/\s+/g, ' ')).toMatch(/可选值: "zh", "en"/);
    expect(help.stdout).not.toMatch(/Usage:|Options:|Commands:|choices:/);
    const english = await runCli(['--help'], { env: { LANG: 'en_US.UTF-8' } });
    expect(english.stdout).toContain('Usage: weiquan');
    expect(english.stdout.replace(/\s+/g, ' ')).toMatch(/choices: "zh", "en"/); // (help text wraps)
  });

  it('usage errors are recognised by their code and said in the interface language, with the suggestion', async () => {
    const unknown = await runCli(['list', '--overdu'], { env: chineseTaiwan });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('错误：未知选项 --overdu（你是不是想输入 --overdue？）');
    const choice = await runCli(['--lang', 'fr', 'list'], { env: chineseTaiwan });
    expect(choice.code).toBe(2);
    expect(choice.stderr).toContain('选项 --lang <lang> 的值 "fr" 无效，可用：zh, en');
    const many = await runCli(['show', 'C1', 'C2', '--json'], { env: chineseTaiwan });
    expect(many.code).toBe(2);
    expect(JSON.parse(many.stdout)).toEqual({ error: { code: 'usage', message: 'show 的参数太多：应为 1 个，收到 2 个', hint: expect.stringContaining('weiquan --help') } });
  });

  it("the prompt library's key hints are Chinese in a Chinese terminal", async () => {
    const term = new Terminal([], { LANG: 'zh_CN.UTF-8', WEIQUAN_HOME: '/nonexistent-weiquan-home-for-menu' });
    terminals.push(term);
    await term.waitFor('↑↓ 移动 • ⏎ 选择');
    expect(term.screen).not.toContain('navigate');
    term.kill();
  });
});
