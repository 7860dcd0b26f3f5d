import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { FIXED_NOW, runCli, SAMPLE_ORDER, tempDirs } from '../helpers/cli.js';

const tempDir = tempDirs('all', 'weiquan-advocates-e2e-');
const env = { WEIQUAN_NOW: FIXED_NOW };
const squash = (text: string) => text.replace(/\s+/g, '');
const pdfText = (file: string) => squash(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }));

/** Every file under `dir` with its SHA-256, mode and mtime: the workspace as bytes on disk. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  const walk = async (folder: string) => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      const info = await stat(file);
      if (entry.isDirectory()) {
        result[`${path.relative(dir, file)}/`] = `${info.mode}`;
        await walk(file);
      } else result[path.relative(dir, file)] = `${createHash('sha256').update(await readFile(file)).digest('hex')} ${info.mode} ${info.mtimeMs}`;
    }
  };
  await walk(dir);
  return result;
}

function order(overrides: Record<string, string>): string[] {
  const args = [...SAMPLE_ORDER];
  for (const [flag, value] of Object.entries(overrides)) {
    const at = args.indexOf(`--${flag}`);
    if (at === -1) args.push(`--${flag}`, value);
    else args[at + 1] = value;
  }
  return args;
}

describe('clients', () => {
  it('two clients, two cases: each letter names its own complainant; edit --client and client edit are journaled', async () => {
    const home = await tempDir();
    const add1 = await runCli(['client', 'add', '--name', '王五', '--phone', '13900139000', '--address', '北京市海淀区某某路 2 号', '--id-number', '11010519491231002X', '--json'], { home, env });
    expect(add1.code, add1.stderr).toBe(0);
    expect(JSON.parse(add1.stdout)).toMatchObject({ id: 'P1', name: '王五', idNumber: '110***********002X' });
    expect((await runCli(['client', 'add', '--name', '赵六', '--phone', '13700137000', '--address', '上海市徐汇区某某路 3 号'], { home, env })).code).toBe(0);
    // the ID number is kept privately and never shown whole in listings
    expect((await stat(path.join(home, 'clients.json'))).mode & 0o777).toBe(0o600);
    const listed = await runCli(['client', 'list'], { home, env });
    expect(listed.stdout).toContain('110***********002X');
    expect(listed.stdout).not.toContain('11010519491231002X');
    // a bad ID number or a duplicate: exit 2, nothing changed
    const before = await readFile(path.join(home, 'clients.json'), 'utf8');
    expect((await runCli(['client', 'add', '--name', '钱七', '--phone', '13600136000', '--address', '某地', '--id-number', '110105194912310021'], { home, env })).code).toBe(2);
    expect((await runCli(['client', 'add', '--name', '王五', '--phone', '13900139000', '--address', '某地'], { home, env })).code).toBe(2);
    expect(await readFile(path.join(home, 'clients.json'), 'utf8')).toBe(before);

    expect((await runCli(['new', ...order({ order: 'WW-001' }), '--client', '王五'], { home, env })).code).toBe(0);
    expect((await runCli(['new', ...order({ order: 'ZL-002' }), '--client', 'p2'], { home, env })).code).toBe(0);
    expect((await runCli(['new', ...order({ order: 'XX-003' }), '--client', '孙八'], { home, env })).code).toBe(2);

    for (const [id, name, other] of [['C1', '王五', '赵六'], ['C2', '赵六', '王五']] as const) {
      const out = path.join(home, `${id}.pdf`);
      const letter = await runCli(['letter', id, '-o', out], { home, env });
      expect(letter.code, letter.stderr).toBe(0); // no profile needed: the case names its complainant
      const text = pdfText(out);
      expect(text).toContain(name);
      expect(text).not.toContain(other);
    }
    const mine = await runCli(['list', '--client', '王五'], { home, env });
    expect(mine.stdout).toContain('WW-001');
    expect(mine.stdout).not.toContain('ZL-002');
    const due = await runCli(['due', '--client', 'P2', '--json'], { home, env });
    expect(new Set((JSON.parse(due.stdout) as { deadlines: { caseId: string }[] }).deadlines.map((d) => d.caseId))).toEqual(new Set(['C2']));

    // client edit: the client's cases follow, through the journal
    const edited = await runCli(['client', 'edit', 'P1', '--phone', '13911112222'], { home, env });
    expect(edited.code, edited.stderr).toBe(0);
    expect(await readFile(path.join(home, 'cases', 'C1', 'journal.jsonl'), 'utf8')).toContain('"type":"complainant.changed"');
    const shown = JSON.parse((await runCli(['show', 'C1', '--json'], { home, env })).stdout) as { complainant?: { phone: string } };
    expect(shown.complainant?.phone).toBe('13911112222');
    // edit --client moves the case to another client; the journal still verifies
    expect((await runCli(['edit', 'C1', '--client', '赵六'], { home, env })).code).toBe(0);
    expect((await runCli(['verify', 'C1'], { home, env })).code).toBe(0);
    const out = path.join(home, 'C1-again.pdf');
    expect((await runCli(['letter', 'C1', '-o', out], { home, env })).code).toBe(0);
    expect(pdfText(out)).toContain('赵六');
    // without a client the profile stays the complainant
    expect((await runCli(['new', ...order({ order: 'OWN-004' })], { home, env })).code).toBe(0);
    expect((await runCli(['letter', 'C3', '-o', path.join(home, 'C3.pdf')], { home, env })).code).toBe(2); // no profile yet
  }, 240_000); // some twenty runs of the CLI, four of them letters

  it('letter CASE with complainant flags: they replace those details for this letter only, and the letter records it', async () => {
    const home = await tempDir();
    expect((await runCli(['client', 'add', '--name', '王五', '--phone', '13900139000', '--address', '北京市海淀区某某路 2 号'], { home, env })).code).toBe(0);
    expect((await runCli(['new', ...order({ order: 'OV-001' }), '--client', '王五'], { home, env })).code).toBe(0);
    const journal = path.join(home, 'cases', 'C1', 'journal.jsonl');

    const first = path.join(home, 'first.pdf');
    const override = await runCli(['letter', 'C1', '--name', '李四', '--phone', '13600136000', '--address', '广州市天河区某某路 8 号', '--email', 'lisi@example.com', '-o', first], { home, env });
    expect(override.code, override.stderr).toBe(0);
    expect(override.stderr).toContain('for this letter only');
    expect(override.stderr).toContain('edit C1 --client');
    const text = pdfText(first);
    expect(text).toContain('李四');
    expect(text).toContain('13600136000');
    expect(text).not.toContain('王五');
    expect(text).not.toContain('13900139000');
    // the case keeps its complainant; the letter's record names the one it used
    const shown = JSON.parse((await runCli(['show', 'C1', '--json'], { home, env })).stdout) as { complainant: { name: string }; documents: { complainant?: { name: string; email?: string } }[] };
    expect(shown.complainant.name).toBe('王五');
    expect(shown.documents).toEqual([expect.objectContaining({ document: 'letter', complainant: { name: '李四', phone: '13600136000', address: '广州市天河区某某路 8 号', email: 'lisi@example.com' } })]);

    // one flag: only that detail changes
    const second = path.join(home, 'second.pdf');
    expect((await runCli(['letter', 'C1', '--phone', '137-1111-2222', '-o', second], { home, env })).code).toBe(0);
    expect(pdfText(second)).toContain('王五');
    expect(pdfText(second)).toContain('13711112222');
    // a bad value: exit 2, no letter, nothing recorded
    const before = await readFile(journal, 'utf8');
    const bad = await runCli(['letter', 'C1', '--phone', '12345', '-o', path.join(home, 'bad.pdf')], { home, env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('12345');
    expect(existsSync(path.join(home, 'bad.pdf'))).toBe(false);
    expect(await readFile(journal, 'utf8')).toBe(before);
    // a case without a complainant and no profile: name, phone and address from the flags are enough
    expect((await runCli(['new', ...order({ order: 'OV-002' })], { home, env })).code).toBe(0);
    expect((await runCli(['letter', 'C2', '--name', '李四', '-o', path.join(home, 'c2.pdf')], { home, env })).code).toBe(2); // the rest would come from a profile
    const whole = await runCli(['letter', 'C2', '--name', '李四', '--phone', '13600136000', '--address', '广州市', '-o', path.join(home, 'c2.pdf')], { home, env });
    expect(whole.code, whole.stderr).toBe(0);
    expect(pdfText(path.join(home, 'c2.pdf'))).toContain('李四');
  }, 120_000);

  it('an imported case brings its complainant with it', async () => {
    const source = await tempDir();
    const target = await tempDir();
    expect((await runCli(['client', 'add', '--name', '周九', '--phone', '13500135000', '--address', '广州市天河区某某路 9 号'], { home: source, env })).code).toBe(0);
    expect((await runCli(['new', ...SAMPLE_ORDER, '--client', '周九'], { home: source, env })).code).toBe(0);
    const zip = path.join(source, 'c1.zip');
    expect((await runCli(['export', 'C1', '-o', zip], { home: source, env })).code).toBe(0);
    const imported = await runCli(['import', zip], { home: target, env });
    expect(imported.code, imported.stderr).toBe(0);
    const clients = JSON.parse((await runCli(['client', 'list', '--json'], { home: target, env })).stdout) as { clients: { id: string; name: string; cases: string[] }[] };
    expect(clients.clients).toEqual([expect.objectContaining({ name: '周九', cases: ['C1'] })]);
    const out = path.join(target, 'letter.pdf');
    expect((await runCli(['letter', 'C1', '-o', out], { home: target, env })).code).toBe(0);
    expect(pdfText(out)).toContain('周九');
  });
});

describe('new --from', () => {
  const header = 'platform,订单号,product,category,account,金额,payment-method,ordered-at,promise\n';
  const good = ['快充,B-001,话费 100 元,phone,13800138000,100,支付宝,2026-11-20 10:00,2h', '快充,B-002,话费 50 元,话费,13800138001,50,微信,2026-11-21 10:00,none', '快充,B-003,流量包,data,13800138002,30,支付宝,2026-11-22 10:00,instant'];

  it('a GBK CSV with a bad row: exit 2 naming its line and field, nothing written; fixed: three cases', async () => {
    const home = await tempDir();
    const file = path.join(home, 'orders.csv');
    await writeFile(file, iconv.encode(`${header}${good[0]}\n${good[1]}\n快充,B-004,话费,phone,13800138003,一百,支付宝,2026-11-22 10:00,2h\n${good[2]}\n`, 'gbk'));
    const bad = await runCli(['new', '--from', file], { home, env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/line 4 --amount/);
    expect(existsSync(path.join(home, 'cases'))).toBe(false);

    await writeFile(file, iconv.encode(`${header}${good.join('\n')}\n`, 'gbk'));
    const fixed = await runCli(['new', '--from', file, '--json'], { home, env });
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(JSON.parse(fixed.stdout)).toEqual([
      { id: 'C1', order: 'B-001' },
      { id: 'C2', order: 'B-002' },
      { id: 'C3', order: 'B-003' },
    ]);
    const shown = JSON.parse((await runCli(['show', 'B-002', '--json'], { home, env })).stdout) as { platform: { name: string }; order: { category: string; amountFen: number } };
    expect(shown).toMatchObject({ platform: { name: '快充' }, order: { category: 'phone', amountFen: 5000 } });
  });

  it('JSON Lines: every bad row is reported at once; an unknown column is refused', async () => {
    const home = await tempDir();
    const file = path.join(home, 'orders.jsonl');
    const row = { platform: '快充', order: 'J-1', product: 'p', category: 'phone', account: '1', amount: 10, 'payment-method': '支付宝', 'ordered-at': '2026-11-20 10:00' };
    await writeFile(file, [JSON.stringify(row), JSON.stringify({ ...row, order: 'J-2', 'ordered-at': '2026-13-01 10:00' }), '{oops', JSON.stringify({ ...row, order: 'J-1', category: 'cars' })].join('\n'));
    const result = await runCli(['new', '--from', file, '--json'], { home, env });
    expect(result.code).toBe(2);
    const error = JSON.parse(result.stdout) as { error: { details: { problems: { line: number; field: string }[] } } };
    expect(error.error.details.problems.map((p) => `${p.line} ${p.field}`)).toEqual(['2 --ordered-at', '3 -', '4 --category', '4 --order']);
    expect(existsSync(path.join(home, 'cases'))).toBe(false);
    await writeFile(file, JSON.stringify({ ...row, colour: 'red' }));
    const unknown = await runCli(['new', '--from', file], { home, env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('colour');
  });
});

describe('demo', () => {
  it('with WEIQUAN_HOME pointing at a workspace leaves it byte-identical, and removes its own folder', async () => {
    const home = await tempDir();
    expect((await runCli(['profile', 'set', '--name', '李四', '--phone', '13800138000', '--address', '某地'], { home, env })).code).toBe(0);
    expect((await runCli(['new', ...SAMPLE_ORDER], { home, env })).code).toBe(0);
    expect((await runCli(['list'], { home, env })).code).toBe(0);
    const before = await snapshot(home);
    const out = path.join(await tempDir(), 'demo-out');
    const result = await runCli(['demo', '--out', out, '--json'], { home, env: { ...env, WEIQUAN_BROWSER: path.join(out, 'no-such-browser') } });
    expect(result.code, result.stderr).toBe(0);
    const data = JSON.parse(result.stdout) as { home: string; kept: boolean; letter: string };
    expect(data.home).not.toBe(home);
    expect(data.kept).toBe(false);
    expect(existsSync(data.home)).toBe(false);
    expect(existsSync(data.letter)).toBe(true);
    expect(await snapshot(home)).toEqual(before);
  });
});

describe('case index', () => {
  it('a stale, damaged or deleted index gives the same list; order-number lookups use it', async () => {
    const home = await tempDir();
    for (const n of [1, 2, 3]) expect((await runCli(['new', ...order({ order: `IDX-00${n}`, amount: `${n}0` })], { home, env })).code).toBe(0);
    expect((await runCli(['contact', 'IDX-002', '--channel', 'phone', '--at', '2026-11-21 09:00', '--ticket', 'T-9'], { home, env })).code).toBe(0);
    const expected = await runCli(['list'], { home, env });
    expect(expected.stdout).toContain('escalated');
    // list --json: the nearest deadline in full, as show works it out
    const listed = JSON.parse((await runCli(['list', '--json'], { home, env })).stdout) as { cases: { id: string; nearestDeadline: { id: string } }[] };
    const shownC2 = JSON.parse((await runCli(['show', 'C2', '--json'], { home, env })).stdout) as { deadlines: { id: string }[] };
    const nearestC2 = listed.cases.find((c) => c.id === 'C2')!.nearestDeadline;
    expect(nearestC2).toMatchObject({ caseId: 'C2', state: 'overdue', basis: { type: 'fact' } });
    expect(nearestC2).toEqual(shownC2.deadlines.find((d) => d.id === nearestC2.id));
    const index = path.join(home, 'cases', '.index.json');
    expect(existsSync(index)).toBe(true);

    await rm(index);
    expect((await runCli(['list'], { home, env })).stdout).toBe(expected.stdout);
    await writeFile(index, '{"version":2,"builtAt":"x","entries":{"C1":{"key":1}}');
    expect((await runCli(['list'], { home, env })).stdout).toBe(expected.stdout);
    // stale: an index saved before a change that another program made to a case
    const saved = await readFile(index);
    expect((await runCli(['edit', 'C3', '--amount', '99'], { home, env })).code).toBe(0);
    const afterEdit = await runCli(['list'], { home, env });
    expect(afterEdit.stdout).toContain('99.00');
    await writeFile(index, saved);
    const old = new Date('2020-01-01T00:00:00Z');
    await utimes(index, old, old);
    expect((await runCli(['list'], { home, env })).stdout).toBe(afterEdit.stdout);
    const show = await runCli(['show', 'IDX-003', '--json'], { home, env });
    expect((JSON.parse(show.stdout) as { order: { amountFen: number } }).order.amountFen).toBe(9900);

    // order-number lookups trust the index except for cases written since it was made: no listing in between
    expect((await runCli(['list'], { home, env })).code).toBe(0);
    expect((await runCli(['edit', 'C2', '--order', 'IDX-001'], { home, env })).code).toBe(0);
    const ambiguous = await runCli(['show', 'IDX-001'], { home, env });
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toMatch(/C1.*C2/);
    expect((await runCli(['show', 'IDX-002'], { home, env })).code).toBe(2); // no longer anyone's
    const twin = await runCli(['new', ...order({ order: 'IDX-003' })], { home, env });
    expect(twin.stderr).toContain('C3'); // the repeated-order warning
    for (const file of ['.index.json', '.index-orders.json', '.index-changed']) await rm(path.join(home, 'cases', file), { force: true });
    const again = await runCli(['show', 'IDX-001'], { home, env });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/C1.*C2/);
    expect((await runCli(['list'], { home, env })).stdout).toContain('IDX-003');
  });
});

describe('due', () => {
  it('--fail-on-overdue exits 1 when a deadline is overdue (0 otherwise); --json stays one document', async () => {
    const home = await tempDir();
    expect((await runCli(['due', '--fail-on-overdue'], { home, env })).code).toBe(0);
    expect((await runCli(['new', ...SAMPLE_ORDER], { home, env })).code).toBe(0);
    expect((await runCli(['due'], { home, env })).code).toBe(0);
    const failing = await runCli(['due', '--fail-on-overdue', '--json'], { home, env });
    expect(failing.code).toBe(1);
    expect((JSON.parse(failing.stdout) as { overdue: number }).overdue).toBe(1);
    expect(failing.stderr).toContain('overdue');
  });

  it('--ics: each event counted without holiday data says so in its own description', async () => {
    const home = await tempDir();
    const now = '2026-12-28T12:00:00+08:00';
    expect((await runCli(['new', ...order({ 'ordered-at': '2026-12-20 10:00', 'paid-at': '2026-12-20 10:01' })], { home, env: { WEIQUAN_NOW: now } })).code).toBe(0);
    expect((await runCli(['filed', 'C1', '--at', '2026-12-28 10:00', '--authority', '杭州市市场监督管理局'], { home, env: { WEIQUAN_NOW: now } })).code).toBe(0);
    const file = path.join(home, 'due.ics');
    const result = await runCli(['due', '--ics', file, '--lang', 'en'], { home, env: { WEIQUAN_NOW: now } });
    expect(result.code, result.stderr).toBe(0);
    const text = await readFile(file, 'utf8');
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const handling = events.find((e) => e.uid === 'C1-regulator-handling-F1@weiquan');
    expect(handling?.description).toContain('2027');
    expect(handling?.description).toContain('Monday to Friday');
    const promise = events.find((e) => e.uid === 'C1-platform-promise@weiquan');
    expect(promise?.description).not.toContain('Monday to Friday');
  });
});
