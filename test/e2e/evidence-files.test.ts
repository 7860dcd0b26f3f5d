import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXED_NOW, makeTempDir, runCli, SAMPLE_ORDER } from '../helpers/cli.js';
import { sha256, snapshotFolder } from '../fixtures/evidence/case-snapshot.js';

type Item = { id: string; kind: string; title: string; source: string; proves: string; addedAt: string; files: Array<{ path: string; role: string; sha256: string; size: number; mime?: string }>; meta: Record<string, any> };

describe('weiquan evidence add / evidence list / verify', () => {
  let home: string;
  let cleanup: () => Promise<void>;
  let inbox: string;
  let caseDir: string;
  const cli = (args: string[], lang = 'en_US.UTF-8') => runCli(args, { home, env: { WEIQUAN_NOW: FIXED_NOW, LANG: lang } });

  beforeAll(async () => {
    ({ dir: home, cleanup } = await makeTempDir('weiquan-evidence-e2e-'));
    inbox = path.join(home, 'inbox');
    await mkdir(inbox);
    expect((await cli(['new', ...SAMPLE_ORDER])).code).toBe(0);
    expect((await cli(['new', ...SAMPLE_ORDER.map((v) => (v === 'KM20261120001' ? 'KM20261120002' : v))])).code).toBe(0);
    caseDir = path.join(home, 'cases', 'C1');
  });
  afterAll(async () => {
    await cleanup?.();
  });

  it('verifies a case with no evidence', async () => {
    const result = await cli(['verify', 'C2']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe('C2: 0 evidence items, 0 files and 1 journal entries checked; nothing changed.');
    expect((await cli(['evidence', 'list', 'C2'])).stdout).toMatch(/no evidence yet/);
  });

  it('imports files byte for byte with SHA-256, type from content, EXIF time and device', async () => {
    const photo = path.join(inbox, '支付截图.jpg');
    await writeFile(
      photo,
      await sharp({ create: { width: 16, height: 16, channels: 3, background: '#1677ff' } })
        .jpeg()
        .withExif({ IFD0: { Make: 'Xiaomi', Model: 'Redmi Note 12', DateTime: '2026:11:20 10:05:00' } })
        .toBuffer(),
    );
    await chmod(photo, 0o644); // a world-readable source: the case copy must still be private
    const chat = path.join(inbox, 'chat-export.png'); // a text file with a misleading name
    await writeFile(chat, '2026-11-21 09:00 客服：您的订单正在加急处理，请耐心等待。\n');
    const result = await cli(['evidence', 'add', 'C1', photo, chat, '--kind', 'payment', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const { items } = JSON.parse(result.stdout) as { items: Item[] };
    expect(items.map((item) => item.id)).toEqual(['E1', 'E2']);
    const [receipt, text] = items as [Item, Item];
    // the name is derived from the kind, the form and the EXIF date; the source says where it came from, in words
    expect(receipt).toMatchObject({ kind: 'payment', title: '支付截图（2026-11-20）', source: '本人手机（Xiaomi Redmi Note 12）截图，导入于 2026-11-24 12:00', addedAt: '2026-11-24T12:00:00+08:00' });
    // the default 证明目的 is stored in Chinese (documents are Chinese), although the interface here is English
    expect(receipt.proves).toBe('证明消费者已就该订单足额付款（付款时间、金额、交易号）');
    expect(receipt.files[0]).toMatchObject({ path: 'evidence/E1/支付截图.jpg', role: 'original', mime: 'image/jpeg' });
    expect(receipt.meta.exif).toEqual({ takenAt: '2026:11:20 10:05:00', make: 'Xiaomi', model: 'Redmi Note 12' });
    expect(receipt.meta.import.originalModifiedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const original = await readFile(photo);
    const copy = await readFile(path.join(caseDir, 'evidence/E1/支付截图.jpg'));
    expect(copy.equals(original)).toBe(true);
    expect(receipt.files[0]!.sha256).toBe(sha256(original));
    expect(receipt.files[0]!.size).toBe(original.length);
    if (process.platform !== 'win32') {
      expect((await stat(path.join(caseDir, 'evidence/E1/支付截图.jpg'))).mode & 0o777).toBe(0o600);
      expect((await stat(path.join(caseDir, 'evidence/E2/chat-export.png'))).mode & 0o777).toBe(0o600);
    }

    expect(text.files[0]!.mime).toBe('text/plain');
    expect(text.meta.import).toMatchObject({ typeDetectedBy: 'text' });
    expect(result.stderr).toMatch(/chat-export.png is named like another type than its content: it is text\/plain/);

    const journal = (await readFile(path.join(caseDir, 'journal.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    expect(journal.map((entry) => entry.type)).toEqual(['case.created', 'evidence.added', 'evidence.added']);
  });

  it('uses the default 证明目的 of the kind in Chinese, and lists evidence as a table and JSON', async () => {
    const recording = path.join(inbox, 'call.txt');
    await writeFile(recording, 'call notes');
    const added = await cli(['evidence', 'add', 'C1', recording, '--kind', 'call', '--note', '工号 1024', '--json'], 'zh_CN.UTF-8');
    expect(added.code, added.stderr).toBe(0);
    const item = (JSON.parse(added.stdout) as { items: Item[] }).items[0]!;
    expect(item.proves).toBe('证明消费者已通过电话联系平台客服，以及通话内容');
    expect(item).toMatchObject({ id: 'E3', kind: 'call', note: '工号 1024' });

    const table = await cli(['evidence', 'list', 'KM20261120001'], 'zh_CN.UTF-8');
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('支付记录');
    expect(table.stdout).toContain('证明消费者已通过电话联系平台客服');
    const json = JSON.parse((await cli(['evidence', 'list', 'C1', '--json'])).stdout) as { items: Array<Item & { display: { path: string }; files: Array<{ absolutePath: string }> }> };
    expect(json.items.map((i) => i.id)).toEqual(['E1', 'E2', 'E3']);
    expect(json.items[0]!.display.path).toBe('evidence/E1/支付截图.jpg');
    expect(json.items[0]!.files[0]!.absolutePath).toBe(path.join(caseDir, 'evidence', 'E1', '支付截图.jpg'));
  });

  it('refuses a missing file, a folder, an empty file or a bad kind without touching the case', async () => {
    const before = await snapshotFolder(caseDir);
    const good = path.join(inbox, 'call.txt');
    const missing = await cli(['evidence', 'add', 'C1', good, path.join(inbox, 'nope.jpg')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/No such file: .*nope\.jpg/);
    expect((await cli(['evidence', 'add', 'C1', inbox])).stderr).toMatch(/is a folder/);
    await writeFile(path.join(inbox, 'empty.png'), '');
    expect((await cli(['evidence', 'add', 'C1', path.join(inbox, 'empty.png')])).code).toBe(2);
    const kind = await cli(['evidence', 'add', 'C1', good, '--kind', 'photo']);
    expect(kind.code).toBe(2);
    expect(kind.stderr).toMatch(/"photo" is not a kind of evidence/);
    expect((await cli(['evidence', 'add', 'C9', good])).code).toBe(2);
    const twoTitled = await cli(['evidence', 'add', 'C1', good, good, '--title', '通话记录']);
    expect(twoTitled.code).toBe(2);
    expect(twoTitled.stderr).toMatch(/--title names one file/);
    expect(await snapshotFolder(caseDir)).toEqual(before);
  });

  it('verify points to repair when only case.json is damaged, and passes once it is rebuilt', async () => {
    const caseJson = path.join(home, 'cases', 'C2', 'case.json');
    const original = await readFile(caseJson);
    await writeFile(caseJson, '{"schemaVersion":1,');
    const damaged = await cli(['verify', 'C2']);
    expect(damaged.code).toBe(1);
    expect(damaged.stdout).toMatch(/case.json does not match the journal: case.json unreadable/);
    expect(damaged.stderr).toMatch(/weiquan repair C2 rebuilds case.json/);
    expect((await cli(['repair', 'C2'])).code).toBe(0);
    expect((await cli(['verify', 'C2'])).code).toBe(0);
    expect(JSON.parse(await readFile(caseJson, 'utf8'))).toEqual(JSON.parse(original.toString()));
  });

  it('verify names changed, missing and unexpected files, staging leftovers and a tampered journal', async () => {
    expect((await cli(['verify', 'C1'])).code).toBe(0);
    const receipt = path.join(caseDir, 'evidence/E1/支付截图.jpg');
    const receiptBytes = await readFile(receipt);
    const callNotes = path.join(caseDir, 'evidence/E3/call.txt');
    await writeFile(callNotes, 'call notes!');
    await rm(path.join(caseDir, 'evidence/E2/chat-export.png'));
    await writeFile(path.join(caseDir, 'evidence/E1/extra.jpg'), 'x');
    await mkdir(path.join(caseDir, '.staging-999-abcd'));
    await writeFile(path.join(caseDir, '.staging-999-abcd/screenshot.png'), 'x');
    await mkdir(path.join(caseDir, '.lock'), { recursive: true });

    const bad = await cli(['verify', 'C1']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('evidence/E3/call.txt (evidence E3) changed');
    expect(bad.stdout).toContain('evidence/E2/chat-export.png (evidence E2) is missing');
    expect(bad.stdout).toContain('evidence/E1/extra.jpg is not part of the case record');
    expect(bad.stdout).toContain('.staging-999-abcd/ is a temporary folder left by an interrupted capture or import');
    expect(bad.stdout).not.toContain('.lock');
    expect(bad.stderr).toMatch(/C1 failed verification: 4 problem/);
    expect((await readFile(receipt)).equals(receiptBytes)).toBe(true);

    const json = await cli(['verify', 'C1', '--json']);
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.stdout) as { error: { code: string; message: string; details: { ok: boolean; problems: Array<{ type: string; path?: string }> } } };
    expect(parsed.error.code).toBe('check-failed');
    expect(parsed.error.message).toContain('evidence/E2/chat-export.png');
    expect(parsed.error.details.ok).toBe(false);
    expect(parsed.error.details.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'changed', path: 'evidence/E3/call.txt' }),
        expect.objectContaining({ type: 'missing', path: 'evidence/E2/chat-export.png' }),
      ]),
    );

    // tamper with a journal line: the chain breaks and case.json no longer matches
    const journalFile = path.join(caseDir, 'journal.jsonl');
    const journal = await readFile(journalFile, 'utf8');
    await writeFile(journalFile, journal.replace('工号 1024', '工号 1025'));
    const chain = await cli(['verify', 'C1']);
    expect(chain.code).toBe(1);
    expect(chain.stdout).toMatch(/journal.jsonl line 4 has a problem: bad-hash/);
    expect(chain.stdout).toMatch(/case.json does not match the journal/);
  });

  it('warns when the same file is added to a case again (and keeps both items)', async () => {
    const receipt = path.join(inbox, 'again.txt');
    await writeFile(receipt, '支付宝交易号 2026112022001400001\n');
    expect((await cli(['evidence', 'add', 'C2', receipt, '--kind', 'payment'])).code).toBe(0);
    const again = await cli(['evidence', 'add', 'C2', receipt, '--kind', 'payment']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('E2 is the same file as evidence E1');
  });
});
