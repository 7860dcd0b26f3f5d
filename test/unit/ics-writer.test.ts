import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildIcs, escapeText, foldLine, utcStamp } from '../../src/calendar/ics-export.js';
import type { Deadline } from '../../src/core/deadlines.js';

const deadline = (over: Partial<Deadline>): Deadline => ({
  id: 'platform-promise',
  caseId: 'C1',
  kind: 'platform-promise',
  due: '2026-11-20T12:01:30+08:00',
  precision: 'minute',
  from: '2026-11-20T10:01:00+08:00',
  basis: { type: 'fact', fact: 'platform-promise', params: { promise: '2h' } },
  state: 'overdue',
  source: { event: 'case.created' },
  ...over,
});

describe('the iCalendar writer', () => {
  it.each([
    ['a;b,c\\d', 'a\\;b\\,c\\\\d'],
    ['line 1\r\nline 2\nline 3', 'line 1\\nline 2\\nline 3'],
    ['old Mac\rline', 'old Mac\\nline'],
    ['\\;\\,', '\\\\\\;\\\\\\,'],
    ['平台：快充', '平台：快充'],
  ])('escapes TEXT %j', (raw, escaped) => expect(escapeText(raw)).toBe(escaped));

  it('folds at 75 octets without splitting a UTF-8 character, CRLF, continuation lines start with a space', () => {
    const line = `DESCRIPTION:${'依据：消费者权益保护法第二十条'.repeat(12)}`;
    const folded = foldLine(line);
    expect(folded.endsWith('\r\n')).toBe(true);
    const parts = folded.slice(0, -2).split('\r\n');
    expect(parts.length).toBeGreaterThan(5);
    for (const part of parts) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
    for (const part of parts.slice(1)) expect(part.startsWith(' ')).toBe(true);
    expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
    expect(foldLine('SHORT:x')).toBe('SHORT:x\r\n');
  });

  it('folds lines of 4-octet characters, mixed widths and plain ASCII at character boundaries, each line as full as allowed', () => {
    for (const line of [`DESCRIPTION:${'Basis: the platform promised\\, within 2 hours. '.repeat(9)}`, `X:${'a'.repeat(149)}`, `SUMMARY:${'🙂'.repeat(40)}`, `SUMMARY:${'aé中🙂'.repeat(30)}`, `SUMMARY:${'x'.repeat(74)}中`]) {
      const parts = foldLine(line).slice(0, -2).split('\r\n');
      for (const part of parts) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
      for (const part of parts) expect(part).not.toMatch(/[\ud800-\udbff]$|^ ?[\udc00-\udfff]/); // no pair split
      expect(parts.map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
      // as full as the rule allows: each line but the last could not take its successor's first character
      for (let i = 0; i < parts.length - 1; i += 1) {
        const next = [...parts[i + 1]!.slice(1)][0]!;
        expect(Buffer.byteLength(parts[i]!) + Buffer.byteLength(next)).toBeGreaterThan(75);
      }
    }
  });

  it('parses back with ical.js: UIDs, UTC and all-day times, text with special characters, a display alarm a day before', () => {
    const text = buildIcs(
      [
        { deadline: deadline({}), title: '【C1】平台承诺到账：快充, 订单 KM1; "x"', description: '依据：平台承诺 2 小时内到账\n下一步：weiquan next C1', alarm: '明天到期' },
        { deadline: deadline({ id: 'limitation', kind: 'limitation', due: '2029-11-20T23:59:59+08:00', dueDate: '2029-11-20', precision: 'day' }), title: 'limit', description: 'd'.repeat(300), alarm: 'a' },
      ],
      new Date('2026-11-24T04:00:00Z'),
    ).toString('utf8');
    expect(text.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(text).not.toMatch(/[^\r]\n/);
    const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => ({ v, e: new ICAL.Event(v) }));
    expect(events.map(({ e }) => e.uid)).toEqual(['C1-platform-promise@weiquan', 'C1-limitation@weiquan']);
    const [timed, allDay] = events;
    expect(timed!.e.summary).toBe('【C1】平台承诺到账：快充, 订单 KM1; "x"');
    expect(timed!.e.description).toBe('依据：平台承诺 2 小时内到账\n下一步：weiquan next C1');
    expect(timed!.e.startDate.toJSDate().toISOString()).toBe('2026-11-20T04:01:00.000Z');
    expect(timed!.e.endDate.toJSDate().toISOString()).toBe('2026-11-20T04:31:00.000Z');
    expect(allDay!.e.startDate.isDate).toBe(true);
    expect(allDay!.e.startDate.toString()).toBe('2029-11-20');
    expect(allDay!.e.endDate.toString()).toBe('2029-11-21');
    expect(allDay!.e.description).toBe('d'.repeat(300));
    const alarm = timed!.v.getFirstSubcomponent('valarm')!;
    expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
    expect((alarm.getFirstPropertyValue('trigger') as ICAL.Duration).toSeconds()).toBe(-86_400);
  });

  it('takes its events one at a time and writes them in pieces of bytes: hundreds of events, Chinese text, the same file', () => {
    const make = (i: number) => ({ deadline: deadline({ id: `service-promise-K${i}`, caseId: `C${i}` }), title: `【C${i}】客服承诺：快充卡盟, 订单 KM${i}`, description: `依据：客服在沟通 K${i} 中承诺\n${'说明'.repeat(i % 40)}`, alarm: `明天到期：C${i}` });
    const list = Array.from({ length: 400 }, (_, i) => make(i));
    function* one() {
      for (let i = 0; i < 400; i += 1) yield make(i);
    }
    const stamp = new Date('2026-11-24T04:00:00Z');
    const bytes = buildIcs(one(), stamp);
    expect(bytes.length).toBeGreaterThan(3 * 32_768);
    expect(bytes.equals(buildIcs(list, stamp))).toBe(true);
    const events = new ICAL.Component(ICAL.parse(bytes.toString('utf8'))).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(400);
    expect(events[399]!.summary).toBe('【C399】客服承诺：快充卡盟, 订单 KM399');
    expect(events[123]!.description).toBe(list[123]!.description);
  });

  it('writes UTC DATE-TIME stamps as the ISO time says, rounded down to the second', () => {
    const reference = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    const samples = [0, 999, 86_399_999, Date.parse('2026-11-24T02:00:00Z'), Date.parse('2029-12-31T23:59:59.999Z'), -1, -86_400_001, Date.parse('2026-02-28T15:59:59Z')];
    for (let i = 0; i < 200; i += 1) samples.push(Math.floor(Math.sin(i + 1) * 4e12));
    for (const ms of samples) expect(utcStamp(ms), String(ms)).toBe(reference(ms));
    expect(utcStamp(Date.parse('2026-11-24T02:00:00Z'))).toBe('20261124T020000Z');
  });
});
