import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXED_NOW, runCli, SAMPLE_ORDER, tempDirs } from '../helpers/cli.js';

const tempDir = tempDirs('all', 'weiquan-documents-e2e-');

const env = { WEIQUAN_NOW: FIXED_NOW };
const squash = (text: string) => text.replace(/\s+/g, '');
const pdfText = (file: string) => squash(execFileSync('pdftotext', ['-x', '0', '-y', '0', '-W', '600', '-H', '775', file, '-'], { encoding: 'utf8' }));
const PERSON = ['--name', '张三', '--phone', '13800138000', '--address', '北京市朝阳区某某街 1 号'];

let home: string;
beforeAll(async () => {
  home = await tempDir();
  expect((await runCli(['profile', 'set', ...PERSON], { home, env })).code).toBe(0);
  expect((await runCli(['new', ...SAMPLE_ORDER], { home, env })).code).toBe(0);
  const contact = await runCli(['contact', 'C1', '--channel', 'app-chat', '--at', '2026-11-20 14:00', '--agent', '小美', '--ticket', 'GD20261120-0042', '--promised-by', '24h'], { home, env });
  expect(contact.code, contact.stderr).toBe(0);
  expect((await runCli(['contact', 'C1', '--channel', 'phone', '--at', '2026-11-22 09:30', '--ticket', 'GD20261122-0107'], { home, env })).code).toBe(0);
});

describe('letter CASE', () => {
  it('writes the letter into the case folder, cites the rules data and records document.generated', async () => {
    const result = await runCli(['letter', 'C1', '--lang', 'zh', '--json'], { home, env });
    expect(result.code, result.stderr).toBe(0);
    const data = JSON.parse(result.stdout) as { path: string; sha256: string; replyBy: string; citations: string[]; saved: boolean };
    expect(data.path).toBe(path.join(home, 'cases', 'C1', 'out', 'letter-2026-11-24.pdf'));
    expect(data.replyBy).toBe('2026-11-27 18:00');
    const text = pdfText(data.path);
    for (const needle of ['KM20261120001', '100.00', '快充卡盟', 'GD20261120-0042', 'GD20261122-0107', '已超过承诺时限3天23小时', '2026-11-2718:00']) expect(text).toContain(needle);
    expect(data.citations).toContain('《中华人民共和国电子商务法》第二十条');
    for (const c of data.citations) expect(text).toContain(c);
    expect(text).not.toContain('第五十五条'); // never ×3 by default
    execFileSync('qpdf', ['--check', data.path]);
    const journal = await readFile(path.join(home, 'cases', 'C1', 'journal.jsonl'), 'utf8');
    expect(journal).toContain('"type":"document.generated"');
    expect(journal).toContain(data.sha256);
    expect(journal).not.toContain('"type":"letter.sent"'); // generating is not sending
  });

  it('fraud is a recorded assertion: letter --fraud on a case points to edit --fraud; with grounds recorded (and only then) 第五十五条 and three times the price, at least 500 yuan', async () => {
    const out = path.join(await tempDir(), 'fraud.pdf');
    const flagOnly = await runCli(['letter', 'C1', '--fraud', 'x', '-o', out], { home, env });
    expect(flagOnly.code).toBe(2);
    expect(flagOnly.stderr).toContain('edit C1 --fraud');
    const edited = await runCli(['edit', 'C1', '--fraud', '平台明知上游已停止供货仍持续收款'], { home, env });
    expect(edited.code, edited.stderr).toBe(0);
    const result = await runCli(['letter', 'C1', '-o', out, '--json'], { home, env });
    expect(result.code, result.stderr).toBe(0);
    const text = pdfText(out);
    expect(text).toContain('平台明知上游已停止供货仍持续收款');
    expect(text.indexOf('平台明知上游已停止供货仍持续收款')).toBeLessThan(text.indexOf('第五十五条'));
    expect(text).toContain('增加赔偿500.00元'); // 3 × 100.00 is below the 500 yuan floor
    expect(text).toContain('增加赔偿的金额不足五百元的，为五百元');
    const withdrawn = await runCli(['edit', 'C1', '--fraud', ''], { home, env });
    expect(withdrawn.code, withdrawn.stderr).toBe(0);
  });

  it('takes --reply-within and -o, and the English letter with --lang en', async () => {
    const out = path.join(await tempDir(), 'letter-en.pdf');
    const result = await runCli(['letter', 'KM20261120001', '--lang', 'en', '--reply-within', '5d', '-o', out], { home, env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe(out);
    expect(pdfText(out)).toContain('by2026-11-2918:00');
  });

  it('renders the user\'s own template with --template', async () => {
    const dir = await tempDir();
    const template = path.join(dir, 'mine.njk');
    await writeFile(template, '# 我的投诉函\n\n订单 {{ order.number }}，金额 {{ order.amount }} 元。{% for c in basis %}{{ c.citation }}{% endfor %}\n');
    const out = path.join(dir, 'mine.pdf');
    const result = await runCli(['letter', 'C1', '--lang', 'zh', '--template', template, '-o', out], { home, env });
    expect(result.code, result.stderr).toBe(0);
    const text = pdfText(out);
    expect(text).toContain('我的投诉函');
    expect(text).toContain('订单KM20261120001，金额100.00元。');
    expect(text).toContain('《中华人民共和国消费者权益保护法》第五十三条');
  });

  it('bad input is exit 2 and writes nothing', async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'x.pdf');
    const badDuration = await runCli(['letter', 'C1', '--reply-within', 'soon', '-o', out], { home, env });
    expect(badDuration.code).toBe(2);
    expect(badDuration.stderr).toContain('"soon" is not a valid period');
    const badTemplate = await runCli(['letter', 'C1', '--template', path.join(dir, 'none.njk'), '-o', out], { home, env });
    expect(badTemplate.code).toBe(2);
    const badFont = await runCli(['letter', 'C1', '--font', path.join(dir, 'none.ttf'), '-o', out], { home, env });
    expect(badFont.code).toBe(2);
    const both = await runCli(['letter', 'C1', '--order', 'X', '-o', out], { home, env });
    expect(both.code).toBe(2);
    const neither = await runCli(['letter'], { home, env });
    expect(neither.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('no CJK font on the system: exit 3 with install advice, nothing written', async () => {
    const dir = await tempDir();
    const noFonts = path.join(dir, 'fonts');
    await mkdir(noFonts);
    const out = path.join(dir, 'x.pdf');
    const result = await runCli(['letter', 'C1', '-o', out], { home, env: { ...env, WEIQUAN_FONT_DIRS: noFonts, WEIQUAN_PACKAGED_FONT: 'off' } });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('No font that can set Chinese was found');
    expect(result.stderr).toContain('fonts-noto-cjk');
    expect(existsSync(out)).toBe(false);
  });
});

describe('the one-off letter', () => {
  it('takes every fact as flags and saves nothing under the data home', async () => {
    const work = await tempDir();
    const dataHome = path.join(work, 'data-home'); // does not exist and must not come to exist
    const out = path.join(work, 'letter.pdf');
    const result = await runCli(['letter', ...SAMPLE_ORDER, ...PERSON, '--lang', 'zh', '-o', out], { home: dataHome, env });
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(dataHome)).toBe(false);
    expect(result.stderr).toContain('未在数据目录保存任何内容');
    const text = pdfText(out);
    for (const needle of ['KM20261120001', '100.00', '快充卡盟', '张三', '《中华人民共和国电子商务法》第二十条']) expect(text).toContain(needle);
  });

  it('without a terminal, names every missing flag (exit 2)', async () => {
    const work = await tempDir();
    const result = await runCli(['letter', '--order', 'KM1', '-o', path.join(work, 'x.pdf')], { home: path.join(work, 'h'), env });
    expect(result.code).toBe(2);
    for (const flag of ['--platform', '--product', '--amount', '--name', '--phone', '--address']) expect(result.stderr).toContain(flag);
    expect(await readdir(work)).toEqual([]);
  });
});

describe('bundle and authorize', () => {
  it('bundle writes the 12315 package and its zip', async () => {
    const out = path.join(await tempDir(), 'pkg');
    const result = await runCli(['bundle', 'C1', '-o', out, '--json', '--lang', 'zh'], { home, env });
    expect(result.code, result.stderr).toBe(0);
    const data = JSON.parse(result.stdout) as { dir: string; zip: string; pages: number };
    expect(data.dir).toBe(out);
    expect(existsSync(data.zip)).toBe(true);
    expect((await readdir(out)).sort()).toEqual(['complaint.pdf', 'complaint.txt', 'evidence', 'manifest.json', 'upload']);
    const text = pdfText(path.join(out, 'complaint.pdf'));
    for (const needle of ['KM20261120001', '100.00', '快充卡盟', 'GD20261120-0042', 'GD20261122-0107', '证据清单', '事件时间线']) expect(text).toContain(needle);
    execFileSync('qpdf', ['--check', path.join(out, 'complaint.pdf')]);
    const txt = await readFile(path.join(out, 'complaint.txt'), 'utf8');
    expect(txt).toContain('【商品或服务名称】\n中国移动话费 100 元');
  });

  it('authorize states the matter, powers and period with signature lines', async () => {
    const out = path.join(await tempDir(), 'auth.pdf');
    const missing = await runCli(['authorize', 'C1', '-o', out], { home, env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--agent-name');
    const badScope = await runCli(['authorize', 'C1', '--agent-name', '李四', '--agent-phone', '13900139000', '--scope', 'all', '-o', out], { home, env });
    expect(badScope.code).toBe(2);
    expect(existsSync(out)).toBe(false);
    const result = await runCli(['authorize', 'C1', '--agent-name', '李四', '--agent-phone', '13900139000', '--agent-id', '11010519491231002X', '--until', '2027-03-01', '--lang', 'zh', '-o', out], { home, env });
    expect(result.code, result.stderr).toBe(0);
    const text = pdfText(out);
    for (const needle of ['授权委托书', '委托事项', '委托权限', '委托期限', '李四', '11010519491231002X', 'KM20261120001', '2027年3月1日', '委托人（签名）', '受托人（签名）']) expect(text).toContain(needle);
    // filed after 2026-04-15: the new measures by name, no article number
    expect(text).toContain('《市场监督管理投诉举报处理办法》');
    expect(text).not.toMatch(/投诉举报处理办法》第/);
    execFileSync('qpdf', ['--check', out]);
  });
});

describe('the reply date a letter states', () => {
  it('is recorded with the letter and becomes the deadline when the letter is sent', async () => {
    const own = await tempDir();
    expect((await runCli(['profile', 'set', ...PERSON], { home: own, env })).code).toBe(0);
    expect((await runCli(['new', ...SAMPLE_ORDER], { home: own, env })).code).toBe(0);
    // an English interface (LANG=en_US) still writes the letter in Chinese unless --lang en is given
    const letter = JSON.parse((await runCli(['letter', 'C1', '--reply-within', '2d', '--json'], { home: own, env })).stdout) as { replyBy: string; path: string };
    expect(letter.replyBy).toBe('2026-11-26 18:00');
    expect(pdfText(letter.path)).toContain('书面投诉函');
    const shown = JSON.parse((await runCli(['show', 'C1', '--json'], { home: own, env })).stdout);
    expect(shown.documents).toEqual([expect.objectContaining({ document: 'letter', replyBy: '2026-11-26T18:00:00+08:00' })]);
    const sent = await runCli(['sent', 'C1', '--at', '2026-11-24 11:00', '--json'], { home: own, env });
    expect(sent.code, sent.stderr).toBe(0);
    expect(JSON.parse(sent.stdout).letter.replyBy).toBe('2026-11-26T18:00:00+08:00');
    const due = await runCli(['due', '--json'], { home: own, env });
    expect(due.stdout).toContain('2026-11-26T18:00:00+08:00');
  });
});
