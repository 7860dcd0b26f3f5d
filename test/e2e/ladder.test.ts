import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ROOT, runCli, SAMPLE_ORDER, tempDirs } from '../helpers/cli.js';

/**
 * The rungs after the platform: drafts for every route, the ladder in `next`, route filings with their
 * deadlines, the evidence checklist, and the truth after `resolve`.
 */
const tempDir = tempDirs('all', 'weiquan-ladder-e2e-');
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 }); // several PDFs per test, on a shared machine

/** After the letter's reply date (2026-11-25 12:00) has passed. */
const env = { WEIQUAN_NOW: '2026-11-28T12:00:00+08:00' };
const squash = (text: string) => text.replace(/\s+/g, '');
const pdfText = (file: string) => squash(execFileSync('pdftotext', ['-x', '0', '-y', '0', '-W', '600', '-H', '775', file, '-'], { encoding: 'utf8' }));
const PERSON = ['--name', '张三', '--phone', '13900139000', '--address', '北京市朝阳区某某街 1 号'];
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'ladder');

async function cli(home: string, args: string[]) {
  const result = await runCli(args, { home, env });
  expect(result.code, `${args.join(' ')}\n${result.stderr}`).toBe(0);
  return result;
}

/** A case past its letter's reply date, with a ticket, a letter sent by e-mail and two evidence items (payment, chat). */
async function caseWithHistory(home: string): Promise<void> {
  await cli(home, ['profile', 'set', ...PERSON]);
  await cli(home, ['new', ...SAMPLE_ORDER]);
  await cli(home, ['contact', 'C1', '--channel', 'app-chat', '--at', '2026-11-20 14:00', '--ticket', 'GD-20261120-42', '--promised-by', '24h']);
  await cli(home, ['sent', 'C1', '--at', '2026-11-22 12:00', '--reply-by', '3d', '--channel', 'email']);
  await cli(home, ['evidence', 'add', 'C1', path.join(FIXTURES, 'receipt.png'), '--kind', 'payment']);
  await cli(home, ['evidence', 'add', 'C1', path.join(FIXTURES, 'chat.png'), '--kind', 'chat']);
}

/**
 * Every run of six or more digits in the document is one the case records (order and transaction numbers,
 * account, phone, ticket): the draft invents no number.
 */
function onlyRecordedNumbers(text: string, recorded: string[]): void {
  const known = recorded.join(' ');
  for (const digits of text.match(/\d{6,}/g) ?? []) expect(known, `unrecorded number ${digits}`).toContain(digits);
}

/** The case with history is made once; each test works on its own copy of that data home. */
let template: string;
beforeAll(async () => {
  template = await tempDir();
  await caseWithHistory(template);
});

async function historyCopy(): Promise<string> {
  const home = await tempDir();
  await cp(template, home, { recursive: true });
  return home;
}

const RECORDED = ['KM20261120001', '13800138000', '2026112022001400001', '13900139000', 'GD-20261120-42'];

describe('draft --for ROUTE', () => {
  let home: string;
  beforeAll(async () => {
    home = await historyCopy();
  });

  for (const [route, title] of [
    ['payment', '关于商户收款后未发货的投诉'],
    ['consumer-association', '消费者投诉书（请求调解）'],
    ['court', '民事起诉状'],
  ] as const) {
    it(`${route}: a PDF and a plain-text copy holding the order, amount, respondent and every E-number, nothing unrecorded`, async () => {
      const result = await cli(home, ['draft', 'C1', '--for', route, '--lang', 'zh', '--json']);
      const data = JSON.parse(result.stdout) as { path: string; text: string; evidence: string[]; route: string };
      expect(data.route).toBe(route);
      expect(data.evidence).toEqual(['E1', 'E2']);
      const text = pdfText(data.path);
      for (const needle of [title, 'KM20261120001', '100.00', '某某网络科技有限公司', 'E1', 'E2', '张三']) expect(text).toContain(needle);
      onlyRecordedNumbers(text, RECORDED);
      for (const absent of ['undefined', 'null', 'NaN', '{{', '电子邮箱', '第五十五条']) expect(text).not.toContain(absent); // no e-mail, no fraud recorded
      const plain = await readFile(data.text, 'utf8');
      expect(squash(plain)).toContain(squash(title));
      for (const needle of ['KM20261120001', '100.00', 'E1', 'E2']) expect(plain).toContain(needle);
      execFileSync('qpdf', ['--check', data.path]);
    });
  }

  it('payment: names the platform and its order number as such, and the counterparty only as an imported bill records it', async () => {
    const withoutBill = squash(await readFile((JSON.parse((await cli(home, ['draft', 'C1', '--for', 'payment', '--lang', 'zh', '--json'])).stdout) as { text: string }).text, 'utf8'));
    expect(withoutBill).toContain('购买平台：快充卡盟（经营者：某某网络科技有限公司）');
    expect(withoutBill).toContain('平台订单号：KM20261120001');
    // the payee and the merchant order number are the payment channel's facts: not asserted without the bill
    for (const absent of ['收款商户', '商户订单号', '交易对方', '商户单号']) expect(withoutBill).not.toContain(absent);
    // the court draft's evidence list names each item's source as the 12315 package does
    const court = squash(await readFile((JSON.parse((await cli(home, ['draft', 'C1', '--for', 'court', '--lang', 'zh', '--json'])).stdout) as { text: string }).text, 'utf8'));
    expect(court).toContain('E1支付截图（2026-11-28）（支付记录）。来源：本人提供的截图（原文件名receipt.png），导入于2026-11-2812:00。');

    const billed = await historyCopy();
    await cli(billed, ['evidence', 'add', 'C1', path.join(ROOT, 'test', 'fixtures', 'bills', 'alipay-2026-11.csv'), '--kind', 'payment']);
    const withBill = squash(await readFile((JSON.parse((await cli(billed, ['draft', 'C1', '--for', 'payment', '--lang', 'zh', '--json'])).stdout) as { text: string }).text, 'utf8'));
    expect(withBill).toContain('交易对方（账单记载）：快充卡盟（证据E3）');
    expect(withBill).toContain('商户单号（账单记载）：KM20261120001');
  });

  it('consumer-association cites 第三十七条 and 第三十九条 and carries the 12315 text\'s demands', async () => {
    const out = path.join(await tempDir(), 'assoc.pdf');
    await cli(home, ['draft', 'C1', '--for', 'consumer-association', '-o', out, '--lang', 'zh']);
    const text = pdfText(out);
    expect(text).toContain('《中华人民共和国消费者权益保护法》第三十七条');
    expect(text).toContain('受理消费者的投诉，并对投诉事项进行调查、调解');
    expect(text).toContain('《中华人民共和国消费者权益保护法》第三十九条');
    expect(text).toContain('请求组织调解，促成经营者按本人的选择');
    expect(existsSync(out.replace(/\.pdf$/, '.txt'))).toBe(true);
  });

  it('court: the parts of a 民事起诉状, no article numbers of the civil procedure law, blanks for what the case does not hold', async () => {
    const out = path.join(await tempDir(), 'court.pdf');
    await cli(home, ['draft', 'C1', '--for', 'court', '-o', out, '--lang', 'zh']);
    const text = pdfText(out);
    for (const part of ['原告：张三', '被告：某某网络科技有限公司', '诉讼请求', '事实与理由', '证据和证据来源', '此致', '人民法院', '具状人', '人民法院在线服务', '买受人住所地']) expect(text).toContain(part);
    expect(text).not.toContain('民事诉讼法');
    expect(text).toContain('法定代表人：____'); // not recorded: left to fill in
    // 民法典第五百七十七条 is a paraphrase in the rules data: never in quotation marks
    expect(text).not.toContain('第五百七十七条规定：“');
  });

  it('--lang en writes the English reference copy', async () => {
    const result = await cli(home, ['draft', 'C1', '--for', 'payment', '--lang', 'en', '--json', '--open']);
    const data = JSON.parse(result.stdout) as { path: string };
    expect(result.stderr).toContain('Not opening'); // --open never opens a window in CI or with --json
    expect(data.path).toMatch(/payment-complaint-2026-11-28-en\.pdf$/);
    const text = pdfText(data.path);
    for (const needle of ['Complaint:amerchanttookpaymentanddidnotdeliver', 'KM20261120001', '100.00yuan', 'E1', 'E2']) expect(text).toContain(needle);
  });

  it('records each draft as a generated document', async () => {
    const journal = await readFile(path.join(home, 'cases', 'C1', 'journal.jsonl'), 'utf8');
    expect(journal).toContain('"document":"draft-payment"');
    expect(journal).toContain('"document":"draft-court"');
  });

  it('bad usage is exit 2 and writes nothing', async () => {
    const before = await readdir(path.join(home, 'cases', 'C1', 'out'));
    const noRoute = await runCli(['draft', 'C1'], { home, env });
    expect(noRoute.code).toBe(2);
    expect(noRoute.stderr).toContain('--for');
    const badRoute = await runCli(['draft', 'C1', '--for', 'bank'], { home, env });
    expect(badRoute.code).toBe(2);
    const police = await runCli(['draft', 'C1', '--for', 'police'], { home, env });
    expect(police.code).toBe(2);
    expect(police.stderr).toContain('does not record that the platform vanished');
    expect(police.stderr).toContain('--platform-status vanished');
    expect(await readdir(path.join(home, 'cases', 'C1', 'out'))).toEqual(before);
  });
});

describe('the ladder in next', () => {
  it('before the reply date: no payment-channel complaint yet; after it: offered beside 12315', async () => {
    const home = await historyCopy();
    const early = await runCli(['next', 'C1'], { home, env: { WEIQUAN_NOW: '2026-11-24T12:00:00+08:00' } });
    expect(early.code).toBe(0);
    expect(early.stdout).not.toContain('--for payment');
    const late = await cli(home, ['next', 'C1']);
    expect(late.stdout).toContain('complain to the payment channel (支付宝)');
    expect(late.stdout).toContain('weiquan draft C1 --for payment');
    expect(late.stdout).toContain('weiquan bundle C1'); // 12315 in parallel
    const json = JSON.parse((await cli(home, ['next', 'C1', '--json'])).stdout) as { routes: { route: string; state: string; reason: string }[] };
    expect(json.routes).toContainEqual(expect.objectContaining({ route: 'payment', state: 'ready', reason: 'reply-passed' }));
  });

  it('a 卡盟 phone-credit case: 12300 does not apply, and why; draft --for telecom refuses', async () => {
    const home = await historyCopy();
    const next = await cli(home, ['next', 'C1']);
    expect(next.stdout).toContain('12300 does not apply');
    expect(next.stdout).toContain('"快充卡盟" is not an operator but a recharge reseller (卡盟)');
    expect(next.stdout).toContain('12300 does not take complaints against the reseller');
    const zh = await cli(home, ['next', 'C1', '--lang', 'zh']);
    expect(zh.stdout).toContain('12300 不适用');
    const refused = await runCli(['draft', 'C1', '--for', 'telecom'], { home, env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('12300 does not apply to case C1');
    expect(existsSync(path.join(home, 'cases', 'C1', 'out'))).toBe(false);
  });

  it('a carrier at fault: the 12300 complaint with its precondition said plainly and its limits marked reported', async () => {
    const home = await historyCopy();
    await cli(home, ['edit', 'C1', '--platform', '中国移动网上营业厅', '--company', '中国移动通信集团浙江有限公司']);
    const next = await cli(home, ['next', 'C1']);
    expect(next.stdout).toContain('weiquan draft C1 --for telecom');
    const result = await cli(home, ['draft', 'C1', '--for', 'telecom', '--lang', 'zh', '--json']);
    const text = pdfText((JSON.parse(result.stdout) as { path: string }).path);
    for (const needle of ['电信用户申诉书', '中国移动通信集团浙江有限公司', 'KM20261120001', '100.00', '13800138000', 'E1', 'E2', '申诉前须先向被申诉的电信企业投诉', '据报道']) expect(text).toContain(needle);
    onlyRecordedNumbers(text, RECORDED);
    // filing with 12300 tracks its reported limits, marked unverified, in due and the calendar
    await cli(home, ['filed', 'C1', '--route', 'telecom', '--at', '2026-11-26 10:00', '--reference', 'MIIT-1234']);
    const due = await cli(home, ['due', '--ics', path.join(home, 'due.ics')]);
    expect(due.stdout).toMatch(/12300 acceptance decision .*unverified/);
    expect(due.stdout).toMatch(/12300 handling .*unverified/);
    const ics = await readFile(path.join(home, 'due.ics'), 'utf8');
    expect(ics).toContain('C1-telecom-acceptance-F1@weiquan');
    expect(ics).toContain('C1-telecom-handling-F1@weiquan');
  }, 240_000);

  it('a vanished platform with fraud asserted: the police report, which states the grounds as the user\'s and accuses no one', async () => {
    const home = await historyCopy();
    const vanishedOnly = await cli(home, ['edit', 'C1', '--platform-status', 'vanished']);
    expect(vanishedOnly.stderr).toContain('platform.status');
    expect((await cli(home, ['next', 'C1'])).stdout).toContain('a police report is for suspected fraud');
    await cli(home, ['edit', 'C1', '--fraud', '首页仍宣传秒充，客服承认一周来的话费订单都没有提交给运营商']);
    const next = await cli(home, ['next', 'C1']);
    expect(next.stdout).toContain('weiquan draft C1 --for police');
    const result = await cli(home, ['draft', 'C1', '--for', 'police', '--lang', 'zh', '--json']);
    const text = pdfText((JSON.parse(result.stdout) as { path: string }).path);
    for (const needle of ['报案材料', '快充卡盟', 'KM20261120001', '100.00', '2026112022001400001', 'E1', 'E2', '首页仍宣传秒充', '是否构成犯罪，由公安机关依法认定', '96110']) expect(text).toContain(needle);
    onlyRecordedNumbers(text, RECORDED);
    // the court draft now claims the increased compensation, as the user asserts fraud
    const court = await cli(home, ['draft', 'C1', '--for', 'court', '--lang', 'zh', '--json']);
    expect(pdfText((JSON.parse(court.stdout) as { path: string }).path)).toContain('第五十五条增加赔偿500.00元');
  }, 240_000);

  it('filed --route records each rung with its reference; the old flags still work; a bad route is exit 2', async () => {
    const home = await historyCopy();
    await cli(home, ['filed', 'C1', '--route', 'payment', '--at', '2026-11-26 09:00', '--reference', 'ALI-778899']);
    await cli(home, ['filed', 'C1', '--at', '2026-11-26 10:00', '--complaint-no', '3301-2026-1', '--authority', '杭州市余杭区市场监督管理局']);
    const journal = await readFile(path.join(home, 'cases', 'C1', 'journal.jsonl'), 'utf8');
    expect(journal).toContain('"route":"payment"');
    const next = await cli(home, ['next', 'C1']);
    expect(next.stdout).toMatch(/payment-channel complaint: filed 2026-11-26 09:00 \(no\. ALI-778899\)/);
    expect(next.stdout).toContain('Next step (C1, complaint filed)');
    const due = await cli(home, ['due']);
    expect(due.stdout).toContain("regulator's handling");
    const bad = await runCli(['filed', 'C1', '--route', 'bank', '--at', '2026-11-26 10:00'], { home, env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"bank" is not a route');
    expect(await readFile(path.join(home, 'cases', 'C1', 'journal.jsonl'), 'utf8')).toBe(await readFile(path.join(home, 'cases', 'C1', 'journal.jsonl'), 'utf8'));
  });
});

describe('evidence checklist', () => {
  it('names the missing payment record until evidence add --kind payment, then stops naming it', async () => {
    const home = await tempDir();
    await cli(home, ['profile', 'set', ...PERSON]);
    await cli(home, ['new', ...SAMPLE_ORDER]);
    await cli(home, ['evidence', 'add', 'C1', path.join(FIXTURES, 'chat.png'), '--kind', 'order-page']);
    const before = await cli(home, ['next', 'C1']);
    expect(before.stdout).toContain('✗ payment record (bill or receipt)');
    expect(before.stdout).toContain('Most worth adding: payment record (bill or receipt)');
    expect(before.stdout).toContain('weiquan evidence add C1 FILE --kind payment');
    expect((await cli(home, ['show', 'C1'])).stdout).toContain('✗ payment record (bill or receipt)');
    await cli(home, ['evidence', 'add', 'C1', path.join(FIXTURES, 'receipt.png'), '--kind', 'payment']);
    const after = await cli(home, ['next', 'C1']);
    expect(after.stdout).toContain('✓ payment record (bill or receipt) (E2)');
    expect(after.stdout).not.toContain('✗ payment record');
    expect(after.stdout).toContain("Most worth adding: the platform's rules page with its delivery promise");
  });

  it('sent --channel --reference records the proof of sending; the same --at adds it to that letter', async () => {
    const home = await historyCopy();
    expect((await cli(home, ['show', 'C1'])).stdout).toContain('✗ proof it was sent');
    await cli(home, ['sent', 'C1', '--at', '2026-11-22 12:00', '--channel', 'post', '--reference', 'SF1234567890']);
    const show = await cli(home, ['show', 'C1', '--json']);
    const record = JSON.parse(show.stdout) as { lettersSent: { channel: string; reference: string; replyBy: string }[] };
    expect(record.lettersSent).toHaveLength(1);
    expect(record.lettersSent[0]).toMatchObject({ channel: 'post', reference: 'SF1234567890', replyBy: '2026-11-25T12:00:00+08:00' });
    expect((await cli(home, ['show', 'C1'])).stdout).toContain('✓ proof it was sent (tracking number / e-mail) (L1 SF1234567890)');
    const bad = await runCli(['sent', 'C1', '--at', '2026-11-22 12:00', '--channel', 'pigeon'], { home, env });
    expect(bad.code).toBe(2);
  });
});

describe('resolve tells the truth', () => {
  it('refunded: the promise is "not met — refunded", the reply date "no reply recorded"', async () => {
    const home = await historyCopy();
    await cli(home, ['resolve', 'C1', '--outcome', 'refunded', '--at', '2026-11-26 12:00']);
    const show = await cli(home, ['show', 'C1']);
    expect(show.stdout).toMatch(/platform's delivery promise\s+2026-11-20 12:01.*not met — refunded/);
    expect(show.stdout).toMatch(/customer service's promise K1.*not met — refunded/);
    expect(show.stdout).toMatch(/reply date L1.*no reply recorded/);
    expect(show.stdout).not.toMatch(/met \(\d+ days?/);
  });

  it('delivered: the promise is met, late by how much', async () => {
    const home = await historyCopy();
    await cli(home, ['resolve', 'C1', '--outcome', 'delivered', '--at', '2026-11-26 12:01']);
    const show = await cli(home, ['show', 'C1']);
    expect(show.stdout).toMatch(/platform's delivery promise\s+2026-11-20 12:01.*met \(6 days late\)/);
    expect(show.stdout).toMatch(/reply date L1.*no reply recorded/);
  });
});
