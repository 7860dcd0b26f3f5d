import { appendFile, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sealEntry } from '../../src/core/journal-chain.js';
import { CaseStore } from '../../src/store/case-store.js';
import { FIXED_NOW, runCli, SAMPLE_ORDER, tempDirs } from '../helpers/cli.js';

const temp = tempDirs();
const env = { WEIQUAN_NOW: FIXED_NOW };

async function caseWithTwoContacts() {
  const home = await temp();
  expect((await runCli(['new', ...SAMPLE_ORDER], { home, env })).code).toBe(0);
  for (const summary of ['客服说两小时内到账', '客服说再等一天']) {
    const run = await runCli(['contact', 'C1', '--channel', 'chat', '--at', '2026-11-21 10:00', '--summary', summary], { home, env });
    expect(run.code, run.stderr).toBe(0);
  }
  const dir = path.join(home, 'cases', 'C1');
  return { home, dir, journal: path.join(dir, 'journal.jsonl'), caseJson: path.join(dir, 'case.json') };
}

async function cutLastLine(file: string) {
  const text = await readFile(file, 'utf8');
  const lines = text.split('\n').filter((line) => line !== '');
  await writeFile(file, lines.slice(0, -1).map((line) => `${line}\n`).join(''));
}

describe('a journal that lost lines refuses writes', () => {
  it('a journal with its last line cut: contact refuses (exit 3), verify names the gap, repair keeps every fact until told', async () => {
    const { home, journal, caseJson } = await caseWithTwoContacts();
    await cutLastLine(journal);
    const journalBefore = await readFile(journal);
    const caseBefore = await readFile(caseJson);

    const contact = await runCli(['contact', 'C1', '--channel', 'phone', '--at', '2026-11-22 10:00', '--summary', '第三次'], { home, env });
    expect(contact.code, contact.stderr).toBe(3);
    expect(contact.stderr).toContain(journal);
    expect(contact.stderr).toMatch(/shorter than case\.json records/);
    expect(contact.stderr).toMatch(/backup/);
    expect(await readFile(journal)).toEqual(journalBefore);

    const verify = await runCli(['verify', 'C1'], { home, env });
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/ends at entry 2 but case\.json records entry 3: entries 3–3 of the journal are lost/);

    const repair = await runCli(['repair', 'C1'], { home, env });
    expect(repair.code, repair.stderr).toBe(2);
    expect(repair.stderr).toContain('contact K2');
    expect(await readFile(caseJson)).toEqual(caseBefore);

    const confirmed = await runCli(['repair', 'C1', '--yes'], { home, env });
    expect(confirmed.code, confirmed.stderr).toBe(0);
    expect(confirmed.stderr).toContain('contact K2');
    expect(JSON.parse(await readFile(caseJson, 'utf8')).contacts).toHaveLength(1);
    // once rebuilt, the case takes writes again and the next contact gets a fresh sequence number
    expect((await runCli(['contact', 'C1', '--channel', 'phone', '--at', '2026-11-22 10:00'], { home, env })).code).toBe(0);
    expect((await runCli(['verify', 'C1'], { home, env })).code).toBe(0);
  });

  it('a missing or empty journal refuses writes, and repair says so (exit 3) instead of crashing', async () => {
    for (const damage of ['missing', 'empty'] as const) {
      const { home, journal } = await caseWithTwoContacts();
      if (damage === 'missing') await rm(journal);
      else await truncate(journal, 0);
      const contact = await runCli(['contact', 'C1', '--channel', 'phone', '--at', '2026-11-22 10:00'], { home, env });
      expect(contact.code, `${damage}: ${contact.stderr}`).toBe(3);
      expect(contact.stderr).toContain(journal);
      expect(contact.stderr).toMatch(/missing or empty/);
      const repair = await runCli(['repair', 'C1'], { home, env });
      expect(repair.code, `${damage}: ${repair.stderr}`).toBe(3);
      expect(repair.stderr).toMatch(/missing or empty/);
      expect(repair.stderr).not.toMatch(/Unexpected/);
      const verify = await runCli(['verify', 'C1'], { home, env });
      expect(verify.code).toBe(1);
    }
  });
});

describe('a write checks the journal from the last recorded entry on', () => {
  it('folds in entries written after the snapshot and cuts a torn last line', async () => {
    const { home, dir, journal } = await caseWithTwoContacts();
    const store = new CaseStore(home);
    const snapshot = await store.readSnapshot('C1');
    // a crash after the journal append but before the snapshot: one complete entry, then half a line
    const entry = sealEntry(snapshot.journal.seq + 1, new Date(FIXED_NOW).toISOString(), 'case.edited', { changes: { 'order.status': '已退款一半' } }, snapshot.journal.head);
    await appendFile(journal, `${JSON.stringify(entry)}\n{"seq": 5, "at": "2026-`);
    const updated = await store.mutate('C1', () => new Date(FIXED_NOW), () => ({ type: 'case.edited', data: { changes: { 'order.product': '话费 200 元' } } }));
    expect(updated.order.status).toBe('已退款一半');
    expect(updated.journal.seq).toBe(5);
    const read = await store.journal('C1');
    expect(read.tornTail).toBe(false);
    expect(read.chainProblems).toEqual([]);
    expect(read.entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(dir).toBeTruthy();
  });

  it('refuses entries after the snapshot that do not chain on', async () => {
    const { home, journal } = await caseWithTwoContacts();
    const store = new CaseStore(home);
    const snapshot = await store.readSnapshot('C1');
    const forged = sealEntry(snapshot.journal.seq + 1, new Date(FIXED_NOW).toISOString(), 'case.edited', { changes: { 'order.status': 'x' } }, '0'.repeat(64));
    await appendFile(journal, `${JSON.stringify(forged)}\n`);
    await expect(store.mutate('C1', () => new Date(), () => [])).rejects.toMatchObject({ key: 'store.journalBroken', exitCode: 3 });
  });

  it('verify still checks the whole chain: an entry changed in the middle is found by line', async () => {
    const { home, journal } = await caseWithTwoContacts();
    const lines = (await readFile(journal, 'utf8')).split('\n');
    lines[1] = lines[1]!.replace('客服说两小时内到账', '客服说马上到账');
    await writeFile(journal, lines.join('\n'));
    const verify = await runCli(['verify', 'C1'], { home, env });
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/line 2 has a problem: bad-hash/);
  });
});
