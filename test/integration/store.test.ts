import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, stat, writeFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEADLINES_FILE, INDEX_FILE, ORDERS_FILE } from '../../src/store/case-index.js';
import { CHANGED_FILE, CHECKED_DIR } from '../../src/store/case-files.js';
import { DELTA_SUFFIX } from '../../src/store/index-files.js';
import { CaseStore } from '../../src/store/case-store.js';
import { buildCaseFacts } from '../../src/core/order-fields.js';
import { DataError } from '../../src/errors.js';
import { FIXED_NOW, makeTempDir, ROOT, runCli, SAMPLE_ORDER } from '../helpers/cli.js';

const facts = buildCaseFacts(
  { platform: '快充卡盟', order: 'KM1', product: '话费', category: 'phone', account: '13800138000', amount: '100', 'payment-method': '支付宝', 'ordered-at': '2026-11-20 10:00' },
  { zone: 'Asia/Shanghai', now: new Date('2026-11-24T04:00:00Z') },
  { demand: '退款', status: '处理中' },
);

let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanups.map((c) => c()));
  cleanups = [];
});
async function tempHome() {
  const temp = await makeTempDir();
  cleanups.push(temp.cleanup);
  return temp.dir;
}

beforeAll(async () => {
  await stat(path.join(ROOT, 'dist', 'main.js')); // the suite runs after `npm run build`
});

describe('case store on the real file system', () => {
  it('changing a case whose folder is not there fails at once (not after a minute of lock retries)', async () => {
    const home = await tempHome();
    const store = new CaseStore(home);
    await store.create(facts, new Date());
    const started = Date.now();
    await expect(store.mutate('C9', () => new Date(), () => [])).rejects.toMatchObject({ key: 'store.caseFileMissing', params: { id: 'C9' } });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('creates private folders and files with a hash-chained journal', async () => {
    const home = await tempHome();
    const store = new CaseStore(home);
    const created = await store.create(facts, new Date());
    expect(created.id).toBe('C1');
    const dir = store.caseDir('C1');
    if (process.platform !== 'win32') {
      expect((await stat(dir)).mode & 0o777).toBe(0o700);
      expect((await stat(path.join(dir, 'case.json'))).mode & 0o777).toBe(0o600);
      expect((await stat(path.join(dir, 'journal.jsonl'))).mode & 0o777).toBe(0o600);
    }
    const updated = await store.mutate('C1', () => new Date(), () => ({ type: 'case.edited', data: { changes: { 'order.status': '已到账' } } }));
    expect(updated.order.status).toBe('已到账');
    const journal = await store.journal('C1');
    expect(journal.entries.map((e) => e.type)).toEqual(['case.created', 'case.edited']);
    expect(journal.chainProblems).toEqual([]);
    expect(JSON.parse(await readFile(path.join(dir, 'case.json'), 'utf8')).schemaVersion).toBe(1);
  });

  it('20 processes creating cases at once get 20 distinct ids', async () => {
    const home = await tempHome();
    const runs = await Promise.all(
      Array.from({ length: 20 }, (_, i) => runCli(['new', ...SAMPLE_ORDER.map((a) => (a === 'KM20261120001' ? `KM-${i}` : a))], { home, env: { WEIQUAN_NOW: FIXED_NOW } })),
    );
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const ids = runs.map((r) => r.stdout.trim());
    expect(new Set(ids).size).toBe(20);
    const store = new CaseStore(home);
    const { cases, problems } = await store.loadAll();
    expect(problems).toEqual([]);
    expect(cases).toHaveLength(20);
    expect(new Set(cases.map((c) => c.order.number)).size).toBe(20);
    // no staging leftovers: the only dot entries allowed are the case index's
    const indexFiles = [INDEX_FILE, ORDERS_FILE, DEADLINES_FILE, CHANGED_FILE, CHECKED_DIR, `${INDEX_FILE}${DELTA_SUFFIX}`, `${DEADLINES_FILE}${DELTA_SUFFIX}`];
    expect((await readdir(store.casesDir)).filter((n) => n.startsWith('.') && !indexFiles.includes(n))).toEqual([]);
  });

  it('20 processes editing one case at once: every edit in the journal, chain intact', async () => {
    const home = await tempHome();
    const store = new CaseStore(home);
    await store.create(facts, new Date());
    const runs = await Promise.all(Array.from({ length: 20 }, (_, i) => runCli(['edit', 'C1', '--status', `status-${i}`], { home })));
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const journal = await store.journal('C1');
    expect(journal.chainProblems).toEqual([]);
    expect(journal.entries).toHaveLength(21);
    const statuses = journal.entries.slice(1).map((e) => (e.data as { changes: Record<string, string> }).changes['order.status']);
    expect(new Set(statuses)).toEqual(new Set(Array.from({ length: 20 }, (_, i) => `status-${i}`)));
    const loaded = await store.load('C1');
    expect(loaded.journal.seq).toBe(21);
    expect(loaded.order.status).toBe(statuses.at(-1));
  });

  it('a process killed (SIGKILL) mid-write leaves a readable case with an intact chain', async () => {
    const home = await tempHome();
    const store = new CaseStore(home);
    await store.create(facts, new Date());
    for (const delay of [150, 260, 370, 480]) {
      const child = spawn(process.execPath, [path.join(ROOT, 'test/fixtures/store-writer.mjs'), home, 'C1'], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('close', resolve));
      const loaded = await store.load('C1');
      expect(loaded.order.status).toMatch(/^writer-|处理中/);
      const journal = await store.journal('C1');
      expect(journal.badLines).toEqual([]);
      expect(journal.chainProblems).toEqual([]);
      expect(loaded.journal.seq).toBe(journal.entries.length);
    }
    // and the case keeps working: the next change follows the chain (a torn tail, if any, is trimmed)
    const after = await store.mutate('C1', () => new Date(), () => ({ type: 'case.edited', data: { changes: { 'order.status': 'after' } } }));
    const journal = await store.journal('C1');
    expect(journal.chainProblems).toEqual([]);
    expect(journal.tornTail).toBe(false);
    expect(after.journal.seq).toBe(journal.entries.length);
  }, 60_000);

  it('replays journal entries the snapshot missed (crash between journal append and snapshot)', async () => {
    const home = await tempHome();
    const store = new CaseStore(home);
    await store.create(facts, new Date());
    const snapshot = await readFile(path.join(store.caseDir('C1'), 'case.json'), 'utf8');
    await store.mutate('C1', () => new Date(), () => ({ type: 'case.edited', data: { changes: { 'order.status': '已到账' } } }));
    await writeFile(path.join(store.caseDir('C1'), 'case.json'), snapshot); // as if the snapshot write never happened
    expect((await store.load('C1')).order.status).toBe('已到账');
  });

  it('a case.json read or written before is read without the full check only while it is that same file: changed by hand, it is checked again', async () => {
    const home = await tempHome();
    const writer = new CaseStore(home);
    await writer.create(facts, new Date());
    // a small case is not noted (checking it is cheaper than the note)
    await writer.mutate('C1', () => new Date(), () => ({ type: 'case.edited', data: { changes: { 'order.status': '处理中!' } } }));
    expect(existsSync(path.join(writer.casesDir, CHECKED_DIR))).toBe(false);
    const at = (k: number) => new Date(Date.UTC(2026, 10, 21, 0, k)).toISOString();
    const contacts = Array.from({ length: 200 }, (_, i) => ({ type: 'contact.added' as const, data: { id: `K${i + 1}`, channel: 'app-chat', at: at(i), agent: '小王', ticket: `GD-${i}`, summary: '客服称已提交技术处理', evidence: [], recordedAt: at(i) } }));
    await writer.mutate('C1', () => new Date(), () => contacts);
    await writer.mutate('C1', () => new Date(), () => ({ type: 'case.edited', data: { changes: { 'order.status': '已退款?' } } }));
    const file = path.join(writer.caseDir('C1'), 'case.json');
    expect((await stat(file)).size).toBeGreaterThan(32 * 1024);
    // noted as checked by the write: the next process reads it back as the check left it
    expect(await readdir(path.join(writer.casesDir, CHECKED_DIR))).toEqual(['C1']);
    const checked = await new CaseStore(home).load('C1');
    expect(checked.order.status).toBe('已退款?');
    // valid JSON, not the case format: the change (its change time moved) means a full check, not trust
    const record = JSON.parse(await readFile(file, 'utf8')) as { order: { amountFen: unknown } };
    record.order.amountFen = 'a lot';
    await writeFile(file, JSON.stringify(record, null, 2));
    await expect(new CaseStore(home).load('C1')).rejects.toBeInstanceOf(DataError);
    const show = await runCli(['show', 'C1'], { home });
    expect(show.code).toBe(3);
    expect(show.stderr).toContain(file);
  });

  it('a corrupt case.json names the file and the fix, and does not hide the other cases', async () => {
    const home = await tempHome();
    const store = new CaseStore(home);
    await store.create(facts, new Date());
    await store.create({ ...facts, order: { ...facts.order, number: 'KM2' } }, new Date());
    await store.create({ ...facts, order: { ...facts.order, number: 'KM3' } }, new Date());
    const broken = path.join(store.caseDir('C2'), 'case.json');
    await writeFile(broken, '{"schemaVersion": 1, "id": "C2", "order": {');
    await expect(store.load('C2')).rejects.toBeInstanceOf(DataError);
    const { cases, problems } = await store.loadAll();
    expect(cases.map((c) => c.id)).toEqual(['C1', 'C3']);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.file).toBe(broken);

    const list = await runCli(['list'], { home });
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('KM3');
    expect(list.stderr).toContain(broken);
    expect(list.stderr).toContain('weiquan repair C2');

    const show = await runCli(['show', 'C2'], { home });
    expect(show.code).toBe(3);
    expect(show.stderr).toContain(broken);
    expect(show.stderr).toContain('weiquan repair C2');

    const repaired = await runCli(['repair', 'C2'], { home });
    expect(repaired.code, repaired.stderr).toBe(0);
    expect((await store.load('C2')).order.number).toBe('KM2');
  });

  it('refuses to write to a case whose journal was tampered with', async () => {
    const home = await tempHome();
    const store = new CaseStore(home);
    await store.create(facts, new Date());
    await store.mutate('C1', () => new Date(), () => ({ type: 'case.edited', data: { changes: { 'order.status': 'a' } } }));
    const file = path.join(store.caseDir('C1'), 'journal.jsonl');
    await writeFile(file, (await readFile(file, 'utf8')).replace('"a"', '"b"'));
    await expect(store.mutate('C1', () => new Date(), () => [])).rejects.toMatchObject({ key: 'store.journalBroken' });
  });
});

describe('journal lines that are not journal entries', () => {
  it('are reported as bad lines, and the case refuses further writes', async () => {
    const temp = await makeTempDir();
    try {
      const store = new CaseStore(temp.dir);
      await store.create(facts, new Date());
      const file = path.join(store.caseDir('C1'), 'journal.jsonl');
      await writeFile(file, `${await readFile(file, 'utf8')}{"seq": 2, "note": "hand-written"}\n`);
      const journal = await store.journal('C1');
      expect(journal.badLines).toEqual([2]);
      await expect(store.mutate('C1', () => new Date(), () => [])).rejects.toMatchObject({ key: 'store.journalBroken' });
    } finally {
      await temp.cleanup();
    }
  });
});

describe('documents are made only from facts the journal records', () => {
  it('loadForDocuments accepts an untouched case and refuses a case.json edited by hand', async () => {
    const temp = await makeTempDir();
    try {
      const store = new CaseStore(temp.dir);
      await store.create(facts, new Date());
      await store.mutate('C1', () => new Date(), () => [
        { type: 'case.edited', data: { changes: { 'platform.url': 'https://a.example/' } } },
        { type: 'case.resolved', data: { outcome: 'other', at: '2026-11-24T12:00:00+08:00' } },
      ]);
      const loaded = await store.load('C1');
      expect((await store.loadForDocuments(loaded)).order.amountFen).toBe(10000);
      const file = path.join(store.caseDir('C1'), 'case.json');
      await writeFile(file, (await readFile(file, 'utf8')).replace('"amountFen": 10000', '"amountFen": 1000000'));
      const edited = await store.load('C1');
      expect(edited.order.amountFen).toBe(1000000);
      await expect(store.loadForDocuments(edited)).rejects.toMatchObject({ key: 'store.snapshotMismatch' });
    } finally {
      await temp.cleanup();
    }
  });
});

describe('a change is validated by its parts', () => {
  it('validateChange gives what the whole schema gives, and refuses what it refuses', async () => {
    const { validateChange } = await import('../../src/store/case-store.js');
    const { CaseSchema } = await import('../../src/core/case-model.js');
    const home = await tempHome();
    const store = new CaseStore(home);
    await store.create(facts, new Date());
    let current = await store.load('C1');
    for (let k = 1; k <= 3; k += 1) {
      current = await store.mutate('C1', () => new Date(), () => ({ type: 'contact.added', data: { id: `K${k}`, channel: 'phone', at: '2026-11-21T10:00:00+08:00', evidence: [], recordedAt: '2026-11-21T10:00:00+08:00' } }));
    }
    const contact = { id: 'K4', channel: 'phone', at: '2026-11-22T10:00:00+08:00', recordedAt: '2026-11-22T10:00:00+08:00', extra: 'dropped' };
    const appended = { ...current, contacts: [...current.contacts, contact], updatedAt: '2026-11-24T04:00:00.000Z', stray: 1 } as never;
    expect(JSON.stringify(validateChange(current, appended))).toBe(JSON.stringify(CaseSchema.parse(appended)));
    const edited = { ...current, order: { ...current.order, amountFen: 5000 } };
    expect(validateChange(current, edited)).toEqual(CaseSchema.parse(edited));
    const badContact = { ...current, contacts: [...current.contacts, { ...contact, channel: 'pigeon' }] } as never;
    expect(() => validateChange(current, badContact)).toThrow();
    expect(() => CaseSchema.parse(badContact)).toThrow();
    const badEdit = { ...current, order: { ...current.order, amountFen: 'lots' } } as never;
    expect(() => validateChange(current, badEdit)).toThrow();
    const { complainant: _none, ...withoutOptional } = { ...current, complainant: undefined };
    expect(validateChange(current, withoutOptional as never)).toEqual(CaseSchema.parse(withoutOptional));
  });
});
