import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXED_NOW, ROOT, runCli, SAMPLE_ORDER, tempDirs } from '../helpers/cli.js';

const temp = tempDirs('each');
const env = { WEIQUAN_NOW: FIXED_NOW };
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'bills');

/** The sample order without its payment reference and payment time (the bill is to fill them). */
function orderFlags(overrides: Record<string, string | undefined> = {}): string[] {
  const flags: string[] = [];
  for (let i = 0; i < SAMPLE_ORDER.length; i += 2) {
    const flag = SAMPLE_ORDER[i]!;
    const value = flag.slice(2) in overrides ? overrides[flag.slice(2)] : SAMPLE_ORDER[i + 1]!;
    if (value !== undefined) flags.push(flag, value);
  }
  return flags;
}

async function newCase(overrides: Record<string, string | undefined>): Promise<{ home: string; caseFile: string }> {
  const home = await temp();
  const created = await runCli(['new', ...orderFlags(overrides)], { home, env });
  expect(created.code, created.stderr).toBe(0);
  return { home, caseFile: path.join(home, 'cases', 'C1', 'case.json') };
}

describe('evidence add --kind payment: Alipay and WeChat Pay bill exports', () => {
  it('GB18030 Alipay CSV: finds the order by its merchant order number, fills payment reference and time (journaled)', async () => {
    const { home, caseFile } = await newCase({ 'payment-ref': undefined, 'paid-at': undefined });
    const added = await runCli(['evidence', 'add', 'C1', path.join(FIXTURES, 'alipay-2026-11.csv'), '--kind', 'payment'], { home, env });
    expect(added.code, added.stderr).toBe(0);
    expect(added.stderr).toContain('E1: row 18 of the Alipay bill matches this order (by order number): transaction 2026112022001400001, 快充卡盟, 100.00 yuan, 2026-11-20 10:00, 交易成功');
    expect(added.stderr).toContain('Payment reference filled in from the bill: 2026112022001400001');
    expect(added.stderr).toContain('Payment time filled in from the bill: 2026-11-20 10:00');
    const record = JSON.parse(await readFile(caseFile, 'utf8'));
    expect(record.order).toMatchObject({ paymentRef: '2026112022001400001', paidAt: '2026-11-20T10:00:41+08:00' });
    expect(record.evidence[0].meta.bill).toEqual({
      format: 'alipay',
      transactions: 3,
      headerRow: 16,
      matched: { row: 18, by: 'order-number', number: '2026112022001400001', merchantOrder: 'KM20261120001', counterparty: '快充卡盟', item: '中国移动话费 100 元', amount: '100.00', amountFen: 10000, time: '2026-11-20T10:00:41+08:00', status: '交易成功' },
    });
    const journal = (await readFile(path.join(home, 'cases', 'C1', 'journal.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    expect(journal.at(-1)).toMatchObject({ type: 'case.edited', data: { changes: { 'order.paymentRef': '2026112022001400001', 'order.paidAt': '2026-11-20T10:00:41+08:00' } } });
    const shown = await runCli(['show', 'C1'], { home, env });
    expect(shown.stdout).toContain('2026112022001400001');
    expect((await runCli(['verify', 'C1'], { home, env })).code).toBe(0);

    // the exhibit shows the bill's rows with the order's row highlighted (the GB18030 file itself is not printable)
    expect((await runCli(['profile', 'set', '--name', '张三', '--phone', '13800138000', '--address', '北京市朝阳区某某街 1 号'], { home, env })).code).toBe(0);
    const out = path.join(home, 'pkg');
    const bundle = await runCli(['bundle', 'C1', '-o', out, '--lang', 'zh'], { home, env });
    expect(bundle.code, bundle.stderr).toBe(0);
    const text = execFileSync('pdftotext', [path.join(out, 'complaint.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('证据E1：支付宝账单，共3笔交易，以下为文件第17–19行。黄色标出的第18行是与本订单相符的交易。');
    expect(text).toContain('2026112022001400001');
    expect(text).not.toContain('�');
  }, 60_000);

  it('WeChat Pay CSV: no number in common, so amount and time within the window; a payment reference already set is kept', async () => {
    const { home, caseFile } = await newCase({ 'paid-at': undefined });
    const added = await runCli(['evidence', 'add', 'C1', path.join(FIXTURES, 'wechat-2026-11.csv'), '--kind', 'payment', '--json'], { home, env });
    expect(added.code, added.stderr).toBe(0);
    expect(added.stderr).toContain('row 17 of the WeChat Pay bill matches this order (by amount and time): transaction 4200002026112000001, 快充卡盟, 100.00 yuan, 2026-11-20 10:00, 支付成功');
    expect(added.stderr).not.toContain('Payment reference filled in');
    expect(added.stderr).toContain('Payment time filled in from the bill: 2026-11-20 10:00');
    const record = JSON.parse(await readFile(caseFile, 'utf8'));
    expect(record.order.paymentRef).toBe('2026112022001400001');
    expect(record.order.paidAt).toBe('2026-11-20T10:00:52+08:00');
    expect(JSON.parse(added.stdout).items[0].meta.bill.matched).toMatchObject({ merchantOrder: 'X2026112000099', by: 'amount-and-time' });
  });

  it('WeChat Pay XLSX: the same bill as a spreadsheet matches by the payment reference', async () => {
    const { home, caseFile } = await newCase({ 'payment-ref': '4200002026112000001', 'paid-at': undefined });
    const { default: writeXlsxFile } = await import('write-excel-file/node');
    const csv = (await readFile(path.join(FIXTURES, 'wechat-2026-11.csv'), 'utf8')).replace(/^\uFEFF/, '');
    const { parse } = await import('csv-parse/sync');
    const rows = (parse(csv, { relax_column_count: true }) as string[][]).map((row) => row.map((value) => ({ value, type: String })));
    const file = path.join(home, 'wechat-2026-11.xlsx');
    await writeFile(file, await writeXlsxFile(rows as never).toBuffer());
    const added = await runCli(['evidence', 'add', 'C1', file, '--kind', 'payment'], { home, env });
    expect(added.code, added.stderr).toBe(0);
    expect(added.stderr).toContain('row 17 of the WeChat Pay bill matches this order (by payment reference): transaction 4200002026112000001');
    const record = JSON.parse(await readFile(caseFile, 'utf8'));
    expect(record.order.paidAt).toBe('2026-11-20T10:00:52+08:00');
    expect(record.evidence[0].meta.bill.format).toBe('wechat');
  });

  it('a bill without the order is still added, with a warning, and changes no fact', async () => {
    const { home, caseFile } = await newCase({ amount: '50', 'payment-ref': undefined, 'paid-at': undefined });
    const added = await runCli(['evidence', 'add', 'C1', path.join(FIXTURES, 'wechat-2026-11.csv'), '--kind', 'payment'], { home, env });
    expect(added.code, added.stderr).toBe(0);
    expect(added.stderr).toContain('E1: no transaction in the WeChat Pay bill (3 transactions) matches this order');
    const record = JSON.parse(await readFile(caseFile, 'utf8'));
    expect(record.evidence).toHaveLength(1);
    expect(record.order.paymentRef).toBeUndefined();
    expect(record.order.paidAt).toBeUndefined();
    expect(record.evidence[0].meta.bill).toEqual({ format: 'wechat', transactions: 3, headerRow: 15 });
  });
});
