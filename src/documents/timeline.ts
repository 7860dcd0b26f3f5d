import type { Case } from '../core/case-model.js';
import type { Deadline } from '../core/deadlines.js';
import { formatLocalTime } from '../core/time.js';
import type { PdfWriter } from './pdf-writer.js';

/**
 * The case's timeline as a vector picture: order → payment → promise → contacts → letters → filings →
 * deadlines → today, one row each, drawn with pdfkit paths (no raster), so it prints sharp and its text
 * stays selectable.
 */
export type TimelinePoint = {
  at: string;
  label: string;
  kind: 'fact' | 'deadline' | 'today';
  state?: Deadline['state'];
};

type Translate = (key: string, params?: Record<string, string | number>) => string;

/** The points of the timeline, in time order. Pure. */
export function timelinePoints(record: Case, deadlines: readonly Deadline[], now: Date, t: Translate): TimelinePoint[] {
  const points: TimelinePoint[] = [{ at: record.order.orderedAt, label: t('doc.timeline.ordered', { order: record.order.number }), kind: 'fact' }];
  if (record.order.paidAt) points.push({ at: record.order.paidAt, label: t('doc.timeline.paid', { amount: (record.order.amountFen / 100).toFixed(2) }), kind: 'fact' });
  for (const c of record.contacts) {
    const label = t(c.ticket ? 'doc.timeline.contactTicket' : 'doc.timeline.contact', { id: c.id, channel: t(`channel.${c.channel}`), ticket: c.ticket ?? '' });
    points.push({ at: c.at, label, kind: 'fact' });
  }
  for (const letter of record.lettersSent) points.push({ at: letter.at, label: t('doc.timeline.letterSent'), kind: 'fact' });
  for (const filing of record.filings) {
    points.push({ at: filing.at, label: t(filing.complaintNo ? 'doc.timeline.filedNumber' : 'doc.timeline.filed', { authority: filing.authority ?? '12315', number: filing.complaintNo ?? '' }), kind: 'fact' });
  }
  for (const d of deadlines) {
    if (d.kind === 'limitation') continue; // three years out: it would squash everything else
    const label = t(`deadline.kind.${d.kind}`);
    points.push({ at: d.due, label: d.state === 'overdue' || d.state === 'met' ? t(`doc.timeline.deadline.${d.state}`, { label }) : label, kind: 'deadline', state: d.state });
  }
  points.push({ at: now.toISOString(), label: t('doc.timeline.today'), kind: 'today' });
  return points.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

const COLORS = { fact: '#1f4e79', overdue: '#c0392b', open: '#d68910', met: '#1e8449', closed: '#7f8c8d', today: '#000000' } as const;

function colorOf(point: TimelinePoint): string {
  if (point.kind === 'today') return COLORS.today;
  if (point.kind === 'fact') return COLORS.fact;
  return COLORS[point.state ?? 'open'];
}

/** Draw the timeline, continuing on the next page when it is long. */
export function drawTimeline(writer: PdfWriter, points: readonly TimelinePoint[], zone: string): void {
  const rowHeight = 24;
  const perPage = Math.max(1, Math.floor((writer.bottom - writer.top - 20) / rowHeight));
  for (let start = 0; start < points.length; start += perPage) {
    const chunk = points.slice(start, start + perPage);
    const height = chunk.length * rowHeight + 8;
    if (writer.remaining() < Math.min(height, 5 * rowHeight)) writer.newPage();
    const fits = Math.max(1, Math.floor((writer.remaining() - 8) / rowHeight));
    const rows = chunk.slice(0, fits);
    writer.drawing(rows.length * rowHeight + 8, (doc, area) => {
      const axisX = area.x + 120;
      doc.save().moveTo(axisX, area.y + rowHeight / 2).lineTo(axisX, area.y + (rows.length - 0.5) * rowHeight).lineWidth(1.5).strokeColor('#9aa5b1').stroke().restore();
      rows.forEach((point, i) => {
        const y = area.y + i * rowHeight + rowHeight / 2;
        const color = colorOf(point);
        if (point.kind === 'today') {
          doc.save().moveTo(axisX, y - 6).lineTo(axisX + 6, y).lineTo(axisX, y + 6).lineTo(axisX - 6, y).closePath().fill(color).restore();
        } else if (point.kind === 'deadline') {
          doc.save().rect(axisX - 4.5, y - 4.5, 9, 9).lineWidth(1.5).fillAndStroke('#ffffff', color).restore();
        } else {
          doc.save().circle(axisX, y, 4.5).fill(color).restore();
        }
        writer.textAt(formatLocalTime(point.at, zone), area.x, y - 5.5, { size: 9, color: '#333333', width: 108, align: 'right' });
        writer.textAt(point.label, axisX + 14, y - 5.5, { size: 9.5, color, bold: point.kind === 'today' });
      });
    });
    if (rows.length < chunk.length) start -= chunk.length - rows.length;
  }
  writer.space(4);
}
