/**
 * Deadlines as an iCalendar file (RFC 5545): one event per deadline with a stable UID
 * (`<case>-<deadline id>@weiquan`, so re-importing updates rather than duplicates), an all-day event for
 * working-day deadlines and a timed one (UTC) otherwise, and a display alarm one day before.
 *
 * A small writer of our own rather than the `ics` package: that package validates every event against a
 * schema and folds lines with per-character work, which made `due --ics` over 11,000 deadlines take seconds.
 * We write one fixed shape, so the rules we need are few and are all here: TEXT escaping (§3.3.11), lines
 * folded at 75 octets without splitting a UTF-8 character (§3.1), CRLF line ends, UTC DATE-TIME values.
 * The test parses the output back with ical.js.
 */
import type { Deadline } from '../core/deadlines.js';
import { addCalendarDays } from '../core/working-days.js';

export type IcsItem = { deadline: Deadline; title: string; description: string; alarm: string };

export function deadlineUid(deadline: Pick<Deadline, 'caseId' | 'id'>): string {
  return `${deadline.caseId}-${deadline.id}@weiquan`;
}

/** TEXT value escaping: backslash, semicolon, comma, and newlines as \n (CR dropped). One pass. */
export function escapeText(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(ESCAPED, (c) => (c === '\\' ? '\\\\' : c === ';' ? '\\;' : c === ',' ? '\\,' : '\\n'));
}

const NEEDS_ESCAPE = /[\\;,\n\r]/;
const ESCAPED = /\r\n?|[\\;,\n]/g;
const ASCII = /^[\x00-\x7f]*$/;

/**
 * Fold a content line: at most 75 octets a line, continuation lines start with one space (which counts
 * toward their 75). Never splits a UTF-8 sequence; lines end with CRLF. Cut by slicing at the fold points
 * (counted over UTF-16 code units), not by building the line a character at a time; an ASCII line (one octet
 * a character) is cut every 75, then every 74, characters.
 */
export function foldLine(line: string): string {
  // fast path: a line short enough in octets needs no work
  if (line.length <= 25 || (line.length <= 75 && Buffer.byteLength(line) <= 75)) return `${line}\r\n`;
  if (ASCII.test(line)) {
    let folded = line.slice(0, 75);
    for (let start = 75; start < line.length; start += 74) folded += `\r\n ${line.slice(start, start + 74)}`;
    return `${folded}\r\n`;
  }
  const parts: string[] = [];
  let start = 0;
  let count = 0;
  for (let i = 0; i < line.length; i += 1) {
    const code = line.charCodeAt(i);
    const next = code >= 0xd800 && code <= 0xdbff ? line.charCodeAt(i + 1) : 0;
    const pair = next >= 0xdc00 && next <= 0xdfff;
    const octets = code < 0x80 ? 1 : code < 0x800 ? 2 : pair ? 4 : 3;
    if (count + octets > 75) {
      parts.push(line.slice(start, i));
      start = i;
      count = 1; // the leading space of the continuation line
    }
    count += octets;
    if (pair) i += 1;
  }
  parts.push(line.slice(start));
  return `${parts.join('\r\n ')}\r\n`;
}

/** 20261124T020000Z */
export function utcStamp(epochMs: number): string {
  const day = Math.floor(epochMs / 86_400_000);
  let date = utcDays.get(day);
  if (date === undefined) {
    const iso = new Date(day * 86_400_000).toISOString(); // 2026-11-24T00:00:00.000Z
    date = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}`;
    utcDays.set(day, date);
  }
  const seconds = Math.floor((epochMs - day * 86_400_000) / 1000);
  return `${date}T${TWO_DIGITS[Math.floor(seconds / 3600)]}${TWO_DIGITS[Math.floor(seconds / 60) % 60]}${TWO_DIGITS[seconds % 60]}Z`;
}

/** The date part of a day's stamps, made once a day (deadlines crowd on the same days). */
const utcDays = new Map<number, string>();
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));

/** 2026-11-24 → 20261124 */
function dateValue(date: string): string {
  return date.replaceAll('-', '');
}

/**
 * The calendar file's bytes. `stamp` is DTSTAMP (when the file was made); it is the only part that changes
 * between runs over the same deadlines. The items are taken one at a time (a generator is welcome) and the text
 * is turned into bytes every few dozen events: `due --ics` writes some 15,000 events, and text held to the end
 * is text the garbage collector copies again and again.
 */
export function buildIcs(items: Iterable<IcsItem>, stamp: Date): Buffer {
  const dtstamp = utcStamp(stamp.getTime());
  const chunks: Buffer[] = [];
  let text = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//weiquan//deadlines//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:weiquan\r\n';
  for (const { deadline, title, description, alarm } of items) {
    let times: string;
    if (deadline.dueDate) {
      times = `DTSTART;VALUE=DATE:${dateValue(deadline.dueDate)}\r\nDTEND;VALUE=DATE:${dateValue(addCalendarDays(deadline.dueDate, 1))}\r\n`;
    } else {
      const start = Math.floor(Date.parse(deadline.due) / 60_000) * 60_000;
      times = `DTSTART:${utcStamp(start)}\r\nDTEND:${utcStamp(start + 30 * 60_000)}\r\n`;
    }
    text += `BEGIN:VEVENT\r\n${foldLine(`UID:${escapeText(deadlineUid(deadline))}`)}DTSTAMP:${dtstamp}\r\n${times}${foldLine(`SUMMARY:${escapeText(title)}`)}${foldLine(`DESCRIPTION:${escapeText(description)}`)}${foldLine(`CATEGORIES:weiquan,${escapeText(deadline.kind)}`)}TRANSP:TRANSPARENT\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\n${foldLine(`DESCRIPTION:${escapeText(alarm)}`)}TRIGGER:-PT24H\r\nEND:VALARM\r\nEND:VEVENT\r\n`;
    if (text.length > 32_768) {
      chunks.push(Buffer.from(text));
      text = '';
    }
  }
  chunks.push(Buffer.from(`${text}END:VCALENDAR\r\n`));
  return Buffer.concat(chunks);
}
