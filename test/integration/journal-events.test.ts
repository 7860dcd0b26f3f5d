/**
 * A journal entry whose data is damaged but whose chain was sealed again (so the hashes hold): verify names the
 * line as a finding, repair refuses with the line (exit 3), import refuses the archive (exit 2). Never a crash.
 */
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../src/core/case-events.js';
import { GENESIS_HASH, sealEntry } from '../../src/core/journal-chain.js';
import { buildCaseFacts } from '../../src/core/order-fields.js';
import { verifyCase } from '../../src/evidence/verify.js';
import { CaseStore } from '../../src/store/case-store.js';
import { makeTempDir, ROOT, runCli } from '../helpers/cli.js';

const facts = buildCaseFacts(
  { platform: '快充卡盟', order: 'KM1', product: '话费', category: 'phone', account: '13800138000', amount: '100', 'payment-method': '支付宝', 'ordered-at': '2026-11-20 10:00' },
  { zone: 'Asia/Shanghai', now: new Date('2026-11-24T04:00:00Z') },
  { demand: '退款', status: '处理中' },
);

let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.map((cleanup) => cleanup()));
  cleanups = [];
});

beforeAll(async () => {
  await stat(path.join(ROOT, 'dist', 'main.js')); // the suite runs after `npm run build`
});

/** A case with a contact on line 2 whose channel was changed by hand, every hash recomputed after it. */
async function caseWithDamagedContact() {
  const temp = await makeTempDir();
  cleanups.push(temp.cleanup);
  const store = new CaseStore(temp.dir);
  await store.create(facts, new Date('2026-11-24T04:00:00Z'));
  await store.mutate('C1', () => new Date('2026-11-24T04:01:00Z'), () => ({
    type: 'contact.added',
    data: { id: 'K1', channel: 'app-chat', at: '2026-11-21T09:00:00+08:00', evidence: [], recordedAt: '2026-11-24T04:01:00.000Z' },
  }));
  await store.mutate('C1', () => new Date('2026-11-24T04:02:00Z'), () => ({ type: 'case.edited', data: { changes: { 'order.status': '仍未到账' } } }));
  const file = path.join(store.caseDir('C1'), 'journal.jsonl');
  const entries = (await readFile(file, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as JournalEntry);
  let prev = GENESIS_HASH;
  const resealed = entries.map((entry) => {
    const data = entry.seq === 2 ? { ...(entry.data as object), channel: 'telepathy' } : entry.data;
    const sealed = sealEntry(entry.seq, entry.at, entry.type, data, prev);
    prev = sealed.hash;
    return sealed;
  });
  await writeFile(file, resealed.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
  return { home: temp.dir, store, file };
}

describe('a damaged journal entry is a finding, not a crash', () => {
  it('verify names the line and what is wrong with it', async () => {
    const { home, store } = await caseWithDamagedContact();
    const report = await verifyCase(store, 'C1');
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual(expect.objectContaining({ type: 'journal', problem: 'bad-event', line: 2, detail: expect.stringContaining('contact.added: channel') }));
    // the entries after it are still read: the edit on line 3 is in the fold
    expect(report.journalEntries).toBe(3);

    const cli = await runCli(['verify', 'C1'], { home });
    expect(cli.code, cli.stderr).toBe(1);
    expect(`${cli.stdout}${cli.stderr}`).toMatch(/journal\.jsonl line 2 has a problem: bad-event \(contact\.added: channel/);
  });

  it('repair refuses to rebuild from it and says which line (exit 3), leaving the folder as it was', async () => {
    const { home, store, file } = await caseWithDamagedContact();
    await rm(path.join(store.caseDir('C1'), 'case.json'));
    const before = await readFile(file, 'utf8');
    const cli = await runCli(['repair', 'C1'], { home });
    expect(cli.code, cli.stderr).toBe(3);
    expect(cli.stderr).toContain('line 2 (contact.added)');
    expect(cli.stderr).toContain('weiquan verify C1');
    expect(cli.stderr).not.toMatch(/TypeError|at .*\.js:\d+/);
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('an archive holding such a journal is refused on import (exit 2), nothing filed', async () => {
    const { home } = await caseWithDamagedContact();
    const temp = await makeTempDir();
    cleanups.push(temp.cleanup);
    // export refuses nothing here on purpose: it packs the folder as it is
    const archive = path.join(temp.dir, 'C1.zip');
    const exported = await runCli(['export', 'C1', '-o', archive], { home });
    expect(exported.code, exported.stderr).toBe(0);
    const other = path.join(temp.dir, 'other-home');
    const imported = await runCli(['import', archive], { home: other });
    expect(imported.code, imported.stderr).toBe(2);
    expect(imported.stderr).toContain('journal.jsonl line 2 (contact.added)');
    expect(await new CaseStore(other).ids()).toEqual([]);
  });
});
