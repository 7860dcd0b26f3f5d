import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXED_NOW, runCli, SAMPLE_ORDER, tempDirs } from '../helpers/cli.js';

const temp = tempDirs();
const env = { WEIQUAN_NOW: FIXED_NOW };

async function oneCase() {
  const home = await temp();
  expect((await runCli(['new', ...SAMPLE_ORDER], { home, env })).code).toBe(0);
  expect((await runCli(['contact', 'C1', '--channel', 'chat', '--at', '2026-11-21 10:00', '--summary', '等待'], { home, env })).code).toBe(0);
  return { home, dir: path.join(home, 'cases', 'C1') };
}

describe('verify never crashes on a damaged case: every problem is a finding', () => {
  it('a renamed key in one journal line is a finding with its line number (exit 1, no raw dump)', async () => {
    const { home, dir } = await oneCase();
    const journal = path.join(dir, 'journal.jsonl');
    const lines = (await readFile(journal, 'utf8')).split('\n');
    lines[1] = lines[1]!.replace('"channel"', '"chanel"');
    await writeFile(journal, lines.join('\n'));
    const run = await runCli(['verify', 'C1'], { home, env });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/line 2/);
    expect(run.stderr).not.toMatch(/Unexpected|ZodError|"code":/);
    const json = await runCli(['verify', 'C1', '--json'], { home, env });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).error.details.problems.some((p: { line?: number }) => p.line === 2)).toBe(true);
  });

  it('a journal line that is not JSON, files hidden in .lock and empty stray folders are findings', async () => {
    const { home, dir } = await oneCase();
    await writeFile(path.join(dir, 'journal.jsonl'), `${await readFile(path.join(dir, 'journal.jsonl'), 'utf8')}not json\n`);
    await mkdir(path.join(dir, '.lock'), { recursive: true });
    await writeFile(path.join(dir, '.lock', 'hidden.png'), 'x');
    await mkdir(path.join(dir, 'evidence', 'E7'), { recursive: true });
    const run = await runCli(['verify', 'C1'], { home, env });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/line 3 has a problem: bad-json/);
    expect(run.stdout).toContain('.lock/hidden.png');
    expect(run.stdout).toContain('evidence/E7/');
  });

  it('a case.json that cannot be read and an empty journal are findings, not crashes', async () => {
    const { home, dir } = await oneCase();
    await writeFile(path.join(dir, 'case.json'), '{"schemaVersion": 1');
    await writeFile(path.join(dir, 'journal.jsonl'), '');
    const run = await runCli(['verify', 'C1'], { home, env });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/missing or empty/);
    expect(run.stdout).toMatch(/case\.json unreadable/);
  });
});
