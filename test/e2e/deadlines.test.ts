import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { FIXED_NOW, runCli, SAMPLE_ORDER, tempDirs } from '../helpers/cli.js';

const tempHome = tempDirs('all', 'weiquan-deadlines-');

const env = { WEIQUAN_NOW: FIXED_NOW }; // 2026-11-24 12:00 +08:00; the sample order: 2026-11-20 10:00, paid 10:01, promise 2h

function withFlag(flag: string, value: string): string[] {
  const args = [...SAMPLE_ORDER];
  args[args.indexOf(flag) + 1] = value;
  return args;
}

async function journalOf(home: string, id = 'C1'): Promise<string> {
  return readFile(path.join(home, 'cases', id, 'journal.jsonl'), 'utf8');
}

describe('contact → due → next', () => {
  it('a contact with a ticket: due shows the overdue promise first, next names the ticket', async () => {
    const home = await tempHome();
    expect((await runCli(['new', ...SAMPLE_ORDER], { home, env })).code).toBe(0);
    const contact = await runCli(
      ['contact', 'C1', '--channel', 'app-chat', '--at', '2026-11-23 09:30', '--agent', '小王', '--ticket', 'GD-8812', '--summary', '已提交技术处理', '--promised-by', '24h', '--json'],
      { home, env },
    );
    expect(contact.code, contact.stderr).toBe(0);
    expect(JSON.parse(contact.stdout).contact).toMatchObject({ id: 'K1', ticket: 'GD-8812', at: '2026-11-23T09:30:00+08:00', promisedBy: '2026-11-24T09:30:00+08:00' });

    const due = await runCli(['due'], { home, env });
    expect(due.code, due.stderr).toBe(0); // overdue items are not a failure
    const lines = due.stdout.split('\n');
    // platform promise (paid 10:01 + 2 h = 11-20 12:01) is overdue by 3 days 23 h 59 min; the service promise by 2 h 30 min
    expect(lines[1]).toMatch(/C1\s+KM20261120001\s+platform's delivery promise\s+2026-11-20 12:01.*overdue by 3 days 23 hours$/);
    expect(lines[2]).toMatch(/customer service's promise K1\s+2026-11-24 09:30.*overdue by 2 hours 30 minutes/);
    expect(due.stdout).toContain('2 overdue, 1 open');
    expect(due.stdout).not.toMatch(/\u001b\[/); // NO_COLOR

    const next = await runCli(['next', 'C1'], { home, env });
    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout).toContain('GD-8812');
    expect(next.stdout).toContain('KM20261120001');
    expect(next.stdout).toContain('¥100.00');

    const nextJson = await runCli(['next', 'C1', '--json', '--lang', 'zh'], { home, env });
    const step = JSON.parse(nextJson.stdout);
    expect(step).toMatchObject({ case: 'C1', action: 'follow-up-ticket', stage: 'escalated', facts: { ticket: 'GD-8812' } });
    expect(step.message.text).toContain('工单号 GD-8812');
    expect(step.message.text).toContain('客服承诺在 2026-11-24 09:30 前处理，现已超过 2 小时 30 分钟');

    const show = await runCli(['show', 'C1'], { home, env });
    expect(show.stdout).toMatch(/Timeline[\s\S]*contacted customer service K1[\s\S]*── now 2026-11-24 12:00 ──/);
    expect(show.stdout).toContain('Next step (C1, escalated (ticket))');

    const list = await runCli(['list'], { home, env });
    expect(list.stdout).toMatch(/C1.*escalated \(ticket\).*platform's delivery promise 2026-11-20 12:01 overdue by 3 days 23 hours/);
  });

  it('colour only when allowed', async () => {
    const home = await tempHome();
    await runCli(['new', ...SAMPLE_ORDER], { home, env });
    const coloured = await runCli(['due'], { home, env: { ...env, NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(coloured.stdout).toMatch(/\u001b\[31m/);
    const plain = await runCli(['due'], { home, env: { ...env, FORCE_COLOR: '1' } }); // NO_COLOR=1 wins
    expect(plain.stdout).not.toMatch(/\u001b\[/);
  });
});

describe('due --ics', () => {
  it('writes an iCalendar file with stable UIDs, the right dates and an alarm a day before', async () => {
    const home = await tempHome();
    await runCli(['new', ...SAMPLE_ORDER], { home, env });
    await runCli(['new', ...withFlag('--order', 'KM20260920001').map((a) => (a === '2026-11-20 10:00' ? '2026-09-20 10:00' : a === '2026-11-20 10:01' ? '2026-09-20 10:01' : a))], { home, env });
    await runCli(['contact', 'C1', '--channel', 'phone', '--at', '2026-11-24 09:00', '--ticket', 'GD-1', '--promised-by', '2026-11-26 18:00'], { home, env });
    const filed = await runCli(['filed', 'C2', '--at', '2026-09-29 15:00', '--complaint-no', '3301100000123', '--authority', '杭州市余杭区市场监督管理局'], { home, env });
    expect(filed.code, filed.stderr).toBe(0);
    const file = path.join(home, 'due.ics');
    const run = await runCli(['due', '--ics', file], { home, env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(file);

    const text = await readFile(file, 'utf8');
    expect(text).toMatch(/^TRIGGER:-PT24H\r?$/m); // strict RFC 5545 duration
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents('vevent').map((v) => ({ v, event: new ICAL.Event(v) }));
    const byUid = new Map(events.map((e) => [e.event.uid, e]));
    // C1: the service promise on 11-26 18:00 Beijing time = 10:00 UTC
    const promise = byUid.get('C1-service-promise-K1@weiquan')!;
    expect(promise.event.startDate.toJSDate().toISOString()).toBe('2026-11-26T10:00:00.000Z');
    // C2: filed Tue 2026-09-29 → the regulator's 7 working days end Wed 2026-10-14 (an all-day event)
    const handling = byUid.get('C2-regulator-handling-F1@weiquan')!;
    expect(handling.event.startDate.isDate).toBe(true);
    expect(handling.event.startDate.toString()).toBe('2026-10-14');
    expect(handling.event.description).toContain('第四十六条');
    for (const { v } of events) {
      const alarm = v.getFirstSubcomponent('valarm')!;
      expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
      expect((alarm.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds()).toBe(-86_400);
    }
    // the platform promises, overdue, are in the file too
    expect(byUid.has('C1-platform-promise@weiquan')).toBe(true);

    // run again: the same UIDs
    await runCli(['due', '--ics', file], { home, env });
    const again = new ICAL.Component(ICAL.parse(await readFile(file, 'utf8')));
    expect(again.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v).uid).sort()).toEqual([...byUid.keys()].sort());
  });
});

describe('calendar data', () => {
  it('a deadline running into 2027 warns and counts Monday–Friday; a holiday file fills the year', async () => {
    const home = await tempHome();
    const late = { WEIQUAN_NOW: '2026-12-29T10:00:00+08:00' };
    await runCli(['new', ...SAMPLE_ORDER], { home, env: late });
    await runCli(['filed', 'C1', '--at', '2026-12-28 10:00'], { home, env: late });
    const due = await runCli(['due', '--json'], { home, env: late });
    expect(due.code).toBe(0);
    const report = JSON.parse(due.stdout);
    expect(report.assumedYears).toEqual([2027]);
    expect(report.deadlines.find((d: { id: string }) => d.id === 'regulator-handling-F1').dueDate).toBe('2027-01-06');
    expect(due.stderr).toContain('2027');

    const holidays = path.join(home, 'holidays-2027.json');
    await writeFile(holidays, JSON.stringify({ source: '2027 通知', holidays: { '2027-01-01..2027-01-03': '元旦' }, workdays: [] }));
    const filled = JSON.parse((await runCli(['due', '--json', '--holidays', holidays], { home, env: late })).stdout);
    expect(filled.assumedYears).toEqual([]);
    // 12-29, 12-30, 12-31 (1–3), 01-01 off, 01-04..01-07 (4–7)
    expect(filled.deadlines.find((d: { id: string }) => d.id === 'regulator-handling-F1').dueDate).toBe('2027-01-07');

    // the same through the setting
    expect((await runCli(['config', 'set', 'holidaysFile', holidays], { home })).code).toBe(0);
    const viaSetting = JSON.parse((await runCli(['due', '--json'], { home, env: late })).stdout);
    expect(viaSetting.deadlines.find((d: { id: string }) => d.id === 'regulator-handling-F1').dueDate).toBe('2027-01-07');
  });

  it('a bad holiday file is an input error', async () => {
    const home = await tempHome();
    const bad = path.join(home, 'bad.json');
    await writeFile(bad, '{"holidays": ["2027-13-01"]}');
    const run = await runCli(['due', '--holidays', bad], { home, env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('2027-13-01');
    const missing = await runCli(['due', '--holidays', path.join(home, 'nope.json')], { home, env });
    expect(missing.code).toBe(2);
  });
});

describe('bad input changes nothing', () => {
  it('contact: missing channel, unknown evidence, bad promise, bad channel → exit 2, journal unchanged', async () => {
    const home = await tempHome();
    await runCli(['new', ...SAMPLE_ORDER], { home, env });
    const before = await journalOf(home);
    const cases: Array<[string[], string]> = [
      [['contact', 'C1', '--at', '2026-11-23 09:30'], '--channel'],
      [['contact', 'C1', '--channel', 'app-chat', '--evidence', 'E3'], 'E3'],
      [['contact', 'C1', '--channel', 'app-chat', '--promised-by', 'tomorrow'], 'tomorrow'],
      [['contact', 'C1', '--channel', 'app-chat', '--at', '2026-11-23 09:30', '--promised-by', '2026-11-22 09:00'], '2026-11-22 09:00'],
      [['contact', 'C1', '--channel', 'fax'], 'fax'],
      [['contact', 'C1', '--channel', 'phone', '--at', '2026-11-25 09:00'], '2026-11-25 09:00'],
      [['filed', 'C1'], '--at'],
      [['filed', 'C1', '--at', '2026-11-19 10:00'], 'before the order time'],
      [['contact', 'C1', '--channel', 'qq', '--at', '2026-11-20 09:59'], 'before the order time'],
      [['sent', 'C1', '--at', '2026-11-23 10:00', '--reply-by', 'soon'], 'soon'],
    ];
    for (const [args, mention] of cases) {
      const run = await runCli(args, { home, env });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toContain(mention);
    }
    expect(await journalOf(home)).toBe(before);
  });

  it('contact --evidence links an existing item; sent and filed move the stage', async () => {
    const home = await tempHome();
    await runCli(['new', ...SAMPLE_ORDER], { home, env });
    const shot = path.join(home, 'chat.png');
    // a 1×1 PNG
    await writeFile(shot, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));
    const added = await runCli(['evidence', 'add', 'C1', shot, '--kind', 'chat', '--note', '客服聊天截图'], { home, env });
    expect(added.code, added.stderr).toBe(0);
    const linked = await runCli(['contact', 'C1', '--channel', '微信', '--at', '2026-11-22 10:00', '--evidence', 'e1', '--json'], { home, env });
    expect(linked.code, linked.stderr).toBe(0);
    expect(JSON.parse(linked.stdout).contact).toMatchObject({ channel: 'wechat', evidence: ['E1'] });

    await runCli(['sent', 'C1', '--at', '2026-11-23 10:00', '--reply-by', '3d'], { home, env });
    let shown = JSON.parse((await runCli(['show', 'C1', '--json'], { home, env })).stdout);
    expect(shown.stage).toBe('letter-sent');
    expect(shown.lettersSent[0].replyBy).toBe('2026-11-26T10:00:00+08:00');
    expect(shown.next.action).toBe('wait-for-reply');

    await runCli(['filed', 'C1', '--at', '2026-11-24 11:00', '--complaint-no', '123', '--authority', '余杭区市场监督管理局'], { home, env });
    shown = JSON.parse((await runCli(['show', 'C1', '--json'], { home, env })).stdout);
    expect(shown.stage).toBe('filed');
    expect(shown.deadlines.find((d: { id: string }) => d.id === 'regulator-handling-F1')).toMatchObject({ dueDate: '2026-12-03', state: 'open' });

    const overdueOnly = await runCli(['list', '--overdue', '--json'], { home, env });
    expect(JSON.parse(overdueOnly.stdout).cases.map((c: { id: string }) => c.id)).toEqual(['C1']);
  });
});

describe('the contact wizard in a terminal', () => {
  it('asks what the flags did not give, validates the promised time, and records the contact', async () => {
    const { Terminal, DOWN, BACKSPACE } = await import('../helpers/pty.js');
    const home = await tempHome();
    await runCli(['profile', 'set', '--name', '王小明', '--phone', '13800138000', '--address', '上海市浦东新区某某路 8 号'], { home });
    await runCli(['new', ...SAMPLE_ORDER], { home, env });
    const term = new Terminal(['contact', 'C1', '--ticket', 'GD-77'], { WEIQUAN_HOME: home, WEIQUAN_NOW: FIXED_NOW });
    try {
      await term.waitFor('Which channel?');
      term.type(`${DOWN}\r`); // app-chat → phone
      await term.answer('When', ''); // default: now
      await term.answer("Agent's name or number", '工号 1024');
      await term.answer('What was said', '承诺尽快处理');
      await term.answer('When did they promise a result', 'later');
      await term.waitFor('neither a YYYY-MM-DD HH:mm time nor a duration');
      term.type(`${BACKSPACE.repeat(5)}48h\r`);
      await term.answer('Outcome', '');
      expect(await term.exitCode()).toBe(0);
    } finally {
      term.kill();
    }
    const shown = JSON.parse((await runCli(['show', 'C1', '--json'], { home, env })).stdout);
    expect(shown.contacts[0]).toMatchObject({ id: 'K1', channel: 'phone', ticket: 'GD-77', agent: '工号 1024', at: '2026-11-24T12:00:00+08:00', promisedBy: '2026-11-26T12:00:00+08:00' });
    expect(shown.stage).toBe('escalated');
  });
});

describe('newcomer findings on next, promises and sent', () => {
  it('an English interface still gets the message in Chinese; --lang en writes it in English', async () => {
    const home = await tempHome();
    await runCli(['new', ...SAMPLE_ORDER], { home, env });
    const next = await runCli(['next', 'C1'], { home, env }); // LANG=en_US
    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout).toContain('Next step (C1, new)');
    expect(next.stdout).toContain('Contact customer service with the message below');
    expect(next.stdout).toContain('您好，我的订单 KM20261120001');
    expect(next.stdout).not.toContain('Hello, my order');
    const english = await runCli(['next', 'C1', '--lang', 'en'], { home, env });
    expect(english.stdout).toContain('Hello, my order KM20261120001');
    // show's next-step section too
    const show = await runCli(['show', 'C1'], { home, env });
    expect(show.stdout).toContain('Next step (C1, new)');
    expect(show.stdout).toContain('您好，我的订单 KM20261120001');
  });

  it('next --channel email suggests recording the contact on email', async () => {
    const home = await tempHome();
    await runCli(['new', ...SAMPLE_ORDER], { home, env });
    await runCli(['contact', 'C1', '--channel', 'wechat', '--at', '2026-11-23 09:00'], { home, env });
    const next = await runCli(['next', 'C1', '--channel', 'email', '--json'], { home, env });
    expect(next.code, next.stderr).toBe(0);
    const step = JSON.parse(next.stdout);
    expect(step).toMatchObject({ action: 'ask-for-ticket', channel: 'email', message: { channel: 'email' } });
    expect(step.commandLines[0]).toMatch(/^weiquan contact C1 --channel email /);
  });

  it("several contacts: the message ties the broken promise to the ticket it was made on", async () => {
    const home = await tempHome();
    await runCli(['new', ...SAMPLE_ORDER], { home, env });
    await runCli(['contact', 'C1', '--channel', 'app-chat', '--at', '2026-11-23 09:00', '--ticket', 'T-1', '--promised-by', '2026-11-23 14:00'], { home, env });
    await runCli(['contact', 'C1', '--channel', 'app-chat', '--at', '2026-11-23 20:00', '--ticket', 'PAR-6'], { home, env });
    const step = JSON.parse((await runCli(['next', 'C1', '--json'], { home, env })).stdout);
    expect(step.action).toBe('follow-up-ticket');
    expect(step.message.text).toContain('工单号 PAR-6');
    expect(step.message.text).toContain('客服在 2026-11-23 09:00 处理工单 T-1 时承诺在 2026-11-23 14:00 前处理');
    expect(step.message.text).not.toContain('客服承诺在 2026-11-23 14:00');
  });

  it('a custom promise reads "45 分钟内到账" / "within 45 minutes" in show, due and next', async () => {
    const home = await tempHome();
    const created = await runCli(['new', ...withFlag('--promise', '45m')], { home, env });
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout + created.stderr).not.toMatch(/45m/);
    const show = await runCli(['show', 'C1'], { home, env });
    expect(show.stdout).toContain('within 45 minutes');
    expect(show.stdout).not.toMatch(/45m\b/);
    const showZh = await runCli(['show', 'C1', '--lang', 'zh'], { home, env });
    expect(showZh.stdout).toContain('45 分钟内到账');
    const dueText = await runCli(['due', '--lang', 'zh'], { home, env });
    expect(dueText.stdout).not.toMatch(/45m\b/);
    const next = await runCli(['next', 'C1'], { home, env });
    expect(next.stdout).toContain('平台承诺“45 分钟内到账”');
    expect(next.stdout).not.toMatch(/45m\b|分钟 内/);
  });

  it('sent without --reply-by and without a generated letter warns that no reply date is tracked', async () => {
    const home = await tempHome();
    await runCli(['new', ...SAMPLE_ORDER], { home, env });
    const sent = await runCli(['sent', 'C1', '--at', '2026-11-23 10:00'], { home, env });
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stderr).toContain('No reply date is tracked');
    expect(sent.stderr).toContain('--reply-by');
    const zhSent = await runCli(['sent', 'C1', '--at', '2026-11-23 11:00', '--lang', 'zh'], { home, env });
    expect(zhSent.stderr).toContain('没有记录答复期限');
    expect(zhSent.stderr).toContain('--reply-by');
    const withDate = await runCli(['sent', 'C1', '--at', '2026-11-23 12:00', '--reply-by', '3d'], { home, env });
    expect(withDate.code, withDate.stderr).toBe(0);
    expect(withDate.stderr).not.toContain('No reply date');
  });
});

describe('the three-year limit after filing', () => {
  it('reads as a complaint filed within the limit, not as a promise kept', async () => {
    const home = await tempHome();
    expect((await runCli(['new', ...SAMPLE_ORDER], { home, env })).code).toBe(0);
    expect((await runCli(['filed', 'C1', '--at', '2026-11-23 10:00', '--complaint-no', 'TS-1'], { home, env })).code).toBe(0);
    const shown = await runCli(['show', 'C1'], { home, env });
    expect(shown.stdout).toContain('complaint filed within the limit');
    expect(shown.stdout).not.toMatch(/three-year limit.*met on time/);
  });
});
