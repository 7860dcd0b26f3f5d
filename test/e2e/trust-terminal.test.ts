import { chmod, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXED_NOW, runCli, SAMPLE_ORDER, tempDirs } from '../helpers/cli.js';

const temp = tempDirs();
const env = { WEIQUAN_NOW: FIXED_NOW };
const ESC = '\u001b';

describe('no terminal injection', () => {
  it('a stored \\e[2K prints escaped in list, due, show, next, verify and evidence add', async () => {
    const home = await temp();
    const order = SAMPLE_ORDER.map((a) => (a === 'KM20261120001' ? `KM1${ESC}[2K` : a === '快充卡盟' ? `快充${ESC}]0;owned${ESC}\\` : a));
    const created = await runCli(['new', ...order], { home, env });
    expect(created.code, created.stderr).toBe(0);
    expect((await runCli(['contact', 'C1', '--channel', 'chat', '--at', '2026-11-21 10:00', '--ticket', `T${ESC}[2K9`, '--summary', `说好了${ESC}[2K`], { home, env })).code).toBe(0);
    const file = path.join(home, `shot${ESC}[2K.png`);
    await writeFile(file, Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'));
    const added = await runCli(['evidence', 'add', 'C1', file, '--kind', 'chat'], { home, env });
    expect(added.code, added.stderr).toBe(0);
    const runs = {
      add: added,
      list: await runCli(['list'], { home, env }),
      show: await runCli(['show', 'C1'], { home, env }),
      next: await runCli(['next', 'C1'], { home, env }),
      verify: await runCli(['verify', 'C1'], { home, env }),
      due: await runCli(['due'], { home, env }),
    };
    for (const [name, run] of Object.entries(runs)) {
      expect(run.stdout + run.stderr, name).not.toContain(ESC);
    }
    expect(runs.list.stdout).toContain('KM1\\e[2K');
    expect(runs.due.stdout).toContain('KM1\\e[2K');
    expect(runs.show.stdout).toContain('KM1\\e[2K');
    expect(runs.show.stdout).toContain('T\\e[2K9');
    // the file name is part of the item's source (证据来源), listed escaped
    const listed = await runCli(['evidence', 'list', 'C1'], { home, env });
    expect(listed.stdout + listed.stderr).not.toContain(ESC);
    expect(listed.stdout).toContain('shot\\e[2K.png');
    // stored as typed
    const json = JSON.parse((await runCli(['show', 'C1', '--json'], { home, env })).stdout);
    expect(json.order.number).toBe(`KM1${ESC}[2K`);
    // verify's findings cannot be hidden by a stored sequence either
    await writeFile(path.join(home, 'cases', 'C1', `x${ESC}[2K`), 'x');
    const verify = await runCli(['verify', 'C1'], { home, env });
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain('x\\e[2K is not part of the case record');
    expect(verify.stdout + verify.stderr).not.toContain(ESC);
  });

  it('a stored control sequence is shown escaped in the documents and their plain-text copies, never carried raw', async () => {
    const home = await temp();
    const order = SAMPLE_ORDER.map((a) => (a === 'KM20261120001' ? `KM1${ESC}[2K` : a));
    expect((await runCli(['new', ...order], { home, env })).code).toBe(0);
    expect((await runCli(['profile', 'set', '--name', '张三', '--phone', '13800138000', '--address', '北京市朝阳区某某街 1 号'], { home, env })).code).toBe(0);
    expect((await runCli(['contact', 'C1', '--channel', 'chat', '--at', '2026-11-21 10:00', '--summary', `说好了${ESC}]0;owned\u0007`], { home, env })).code).toBe(0);
    const draft = path.join(home, 'payment.pdf');
    expect((await runCli(['draft', 'C1', '--for', 'payment', '-o', draft], { home, env })).code).toBe(0);
    const bundle = path.join(home, 'package');
    expect((await runCli(['bundle', 'C1', '-o', bundle], { home, env })).code).toBe(0);
    for (const file of [draft.replace(/\.pdf$/, '.txt'), path.join(bundle, 'complaint.txt')]) {
      const text = await readFile(file, 'utf8');
      expect(text, file).not.toContain(ESC);
      expect(text, file).toContain('KM1\\e[2K');
    }
  });

  it('newlines in one-line fields are refused at input (exit 2, nothing written)', async () => {
    const home = await temp();
    const order = SAMPLE_ORDER.map((a) => (a === 'KM20261120001' ? 'KM1\n✔ C1 verified' : a));
    const run = await runCli(['new', ...order], { home, env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--order must be one line/);
    expect((await runCli(['new', ...SAMPLE_ORDER], { home, env })).code).toBe(0);
    const ticket = await runCli(['contact', 'C1', '--channel', 'chat', '--at', '2026-11-21 10:00', '--ticket', 'T1\nT2'], { home, env });
    expect(ticket.code).toBe(2);
    expect(ticket.stderr).toMatch(/--ticket must be one line/);
  });

  it('a missing case.json reads as a sentence; an unreadable one is not sent to repair', async () => {
    const home = await temp();
    expect((await runCli(['new', ...SAMPLE_ORDER], { home, env })).code).toBe(0);
    expect((await runCli(['new', ...SAMPLE_ORDER.map((a) => (a === 'KM20261120001' ? 'KM2' : a))], { home, env })).code).toBe(0);
    await rm(path.join(home, 'cases', 'C1', 'case.json'));
    const list = await runCli(['list'], { home, env });
    expect(list.stderr).not.toContain('store.caseFileMissing');
    expect(list.stderr).toContain('case.json is missing');
    if (process.getuid?.() !== 0) {
      await chmod(path.join(home, 'cases', 'C2', 'case.json'), 0o000);
      const show = await runCli(['show', 'C2'], { home, env });
      expect(show.code).toBe(3);
      expect(show.stderr).toMatch(/permission/);
      expect(show.stderr).not.toMatch(/repair/);
      const listed = await runCli(['list'], { home, env });
      expect(listed.stderr).toMatch(/C2.*permission/);
      await chmod(path.join(home, 'cases', 'C2', 'case.json'), 0o600);
    }
  });
});
