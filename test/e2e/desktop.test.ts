import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXED_NOW, runCli, SAMPLE_ORDER, tempDirs } from '../helpers/cli.js';
import { Terminal } from '../helpers/pty.js';

const tempDir = tempDirs('all', 'weiquan-desktop-');
const PERSON = ['--name', '张三', '--phone', '13800138000', '--address', '北京市朝阳区某某街 1 号'];
const terminals: Terminal[] = [];
afterAll(() => terminals.forEach((term) => term.kill()));

async function caseWithEvidence(): Promise<{ home: string; dir: string }> {
  const dir = await tempDir();
  const home = path.join(dir, 'home');
  const env = { WEIQUAN_NOW: FIXED_NOW };
  expect((await runCli(['new', ...SAMPLE_ORDER], { home, env })).code).toBe(0);
  expect((await runCli(['profile', 'set', ...PERSON], { home, env })).code).toBe(0);
  const note = path.join(dir, 'chat.txt');
  await writeFile(note, '客服：已提交技术处理\n');
  expect((await runCli(['evidence', 'add', 'C1', note, '--kind', 'chat'], { home, env })).code).toBe(0);
  return { home, dir };
}

describe('the desktop: --open, next --copy, progress', () => {
  it('--open never opens anything in CI or without a terminal, and says so; the document is written', async () => {
    const { home, dir } = await caseWithEvidence();
    const out = path.join(dir, 'letter.pdf');
    const letter = await runCli(['letter', 'C1', '-o', out, '--open'], { home, env: { WEIQUAN_NOW: FIXED_NOW } });
    expect(letter.code, letter.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(letter.stderr).toContain(`Not opening ${out}`);
    const authorize = await runCli(['authorize', 'C1', '--agent-name', '李四', '--agent-phone', '13900139000', '-o', path.join(dir, 'auth.pdf'), '--open'], { home, env: { WEIQUAN_NOW: FIXED_NOW } });
    expect(authorize.code, authorize.stderr).toBe(0);
    expect(authorize.stderr).toContain('Not opening');
    // the bundle: no spinner text in a log (not a terminal), only the final lines
    const bundle = await runCli(['bundle', 'C1', '-o', path.join(dir, 'bundle'), '--open'], { home, env: { WEIQUAN_NOW: FIXED_NOW } });
    expect(bundle.code, bundle.stderr).toBe(0);
    expect(bundle.stderr).toContain(`Not opening ${path.join(dir, 'bundle', 'complaint.pdf')}`);
    expect(bundle.stderr).not.toContain('Laying out exhibit');
  });

  it('next --copy without a clipboard: the message is still printed, then a clear exit 3', async () => {
    const { home } = await caseWithEvidence();
    // no display and no clipboard program on PATH
    const result = await runCli(['next', 'C1', '--copy'], { home, env: { WEIQUAN_NOW: FIXED_NOW, PATH: path.dirname(process.execPath), DISPLAY: '', WAYLAND_DISPLAY: '' } });
    expect(result.code).toBe(3);
    expect(result.stdout).toContain('weiquan contact C1');
    expect(result.stderr).toContain('No clipboard here');
    expect(result.stderr).toContain('xsel');
  });

  it('in a terminal, the bundle shows a progress line per exhibit on stderr', async () => {
    const { home, dir } = await caseWithEvidence();
    const term = new Terminal(['bundle', 'C1', '-o', path.join(dir, 'bundle-tty')], { WEIQUAN_HOME: home, WEIQUAN_NOW: FIXED_NOW });
    terminals.push(term);
    expect(await term.exitCode(60_000)).toBe(0);
    expect(term.screen).toMatch(/Making the 12315 package|Laying out exhibit E1 \(1\/1\)/);
    expect(term.screen).toContain('12315 package written');
  }, 90_000);
});
