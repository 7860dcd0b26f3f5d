/**
 * The deadline sections of `show`: the case's timeline (events and deadlines in time order, with a "now"
 * line), the deadlines with their basis and state, and the next step with its message.
 */
import type { Context } from '../context.js';
import type { Case } from '../core/case-model.js';
import { computeDeadlines, type Deadline, nearestDeadline } from '../core/deadlines.js';
import { formatFen } from '../core/money.js';
import { nextStep, type NextStep } from '../core/next-step.js';
import { caseStage, type Stage } from '../core/stage.js';
import { formatLocalTime } from '../core/time.js';
import type { WorkCalendar } from '../core/working-days.js';
import { alignColumns } from './columns.js';
import { deadlineBasis, deadlineDue, deadlineKind, deadlineState } from './deadline-text.js';
import { formatNextStep, renderNextStep, type RenderedNextStep } from './next-step-view.js';
import type { Colors } from './output.js';

type Entry = { at: number; when: string; marker: string; text: string };

export type CaseDeadlineView = {
  stage: Stage;
  deadlines: Deadline[];
  nearest?: Deadline;
  next: NextStep & RenderedNextStep;
};

/** Stage, deadlines and next step of a case at `now` (the data behind the sections, also for --json). */
export function evaluateCase(context: Context, record: Case, now: Date, calendar: WorkCalendar): CaseDeadlineView {
  const deadlines = computeDeadlines(record, now, calendar);
  const step = nextStep(record, deadlines, now);
  const rendered = renderNextStep(context, step, record.timeZone, {
    ...(record.resolution ? { outcome: context.t(`outcome.${record.resolution.outcome}`) } : {}),
    // the message goes to the Chinese platform: Chinese unless --lang en was given
    messageContext: { t: context.documentT, lang: context.documentLang },
  });
  const nearest = nearestDeadline(deadlines);
  return { stage: caseStage(record), deadlines, ...(nearest ? { nearest } : {}), next: { ...step, ...rendered } };
}

function deadlineMarker(deadline: Deadline, colors: Colors): string {
  switch (deadline.state) {
    case 'overdue':
      return colors.red('◆');
    case 'open':
      return colors.yellow('◇');
    case 'met':
      // a limit met ahead of its date stays an open marker: the date itself has not come
      return deadline.kind === 'limitation' ? colors.green('◇') : colors.green('◆');
    default:
      return colors.dim('◇');
  }
}

export function renderTimeline(context: Context, record: Case, deadlines: readonly Deadline[], now: Date): string {
  const { t } = context;
  const colors = context.out.colors;
  const zone = record.timeZone;
  const at = (iso: string) => Date.parse(iso);
  const entries: Entry[] = [];
  const event = (iso: string, text: string) => entries.push({ at: at(iso), when: formatLocalTime(iso, zone), marker: '●', text });
  event(record.order.orderedAt, t('timeline.created', { product: record.order.product, amount: formatFen(record.order.amountFen) }));
  if (record.order.paidAt) event(record.order.paidAt, t('timeline.paid', { method: record.order.paymentMethod }));
  for (const c of record.contacts) {
    event(
      c.at,
      t('timeline.contact', {
        id: c.id,
        channel: t(`channel.${c.channel}`),
        ticket: c.ticket ? t('timeline.ticket', { ticket: c.ticket }) : '',
        summary: c.summary ? ` — ${c.summary}` : '',
      }),
    );
  }
  for (const e of record.evidence) event(e.addedAt, t('timeline.evidence', { id: e.id, title: e.title }));
  record.lettersSent.forEach((l, i) => event(l.at, t('timeline.letter', { ref: `L${i + 1}` })));
  record.filings.forEach((f, i) =>
    event(
      f.at,
      t('timeline.filing', {
        ref: `F${i + 1}`,
        authority: f.authority ?? t('next.authority.unknown'),
        complaintNo: f.complaintNo ? t('timeline.complaintNo', { no: f.complaintNo }) : '',
      }),
    ),
  );
  if (record.resolution) event(record.resolution.at, t('timeline.resolved', { outcome: t(`outcome.${record.resolution.outcome}`) }));
  for (const d of deadlines) {
    entries.push({
      at: at(d.due),
      when: deadlineDue(d, zone),
      marker: deadlineMarker(d, colors),
      text: t('timeline.deadline', { kind: deadlineKind(context, d), state: deadlineState(context, d, colors) }),
    });
  }
  entries.sort((a, b) => a.at - b.at);
  const nowIso = now.toISOString();
  const nowLine = colors.bold(`── ${t('timeline.now')} ${formatLocalTime(nowIso, zone)} ──`);
  const lines: string[] = [];
  let nowShown = false;
  for (const entry of entries) {
    if (!nowShown && entry.at > now.getTime()) {
      lines.push(nowLine);
      nowShown = true;
    }
    lines.push(`${entry.when.padEnd(16)}  ${entry.marker} ${entry.text}`);
  }
  if (!nowShown) lines.push(nowLine);
  return lines.join('\n');
}

export function renderDeadlineTable(context: Context, record: Case, deadlines: readonly Deadline[]): string {
  const { t } = context;
  return alignColumns(
    [t('label.deadline'), t('label.due'), t('label.basis'), t('label.state')],
    deadlines.map((d) => [deadlineKind(context, d), deadlineDue(d, record.timeZone), deadlineBasis(context, d), deadlineState(context, d, context.out.colors)]),
  );
}

/** The sections `show` appends: timeline, deadlines, next step. */
export function deadlineSections(context: Context, record: Case, view: CaseDeadlineView, now: Date): string[] {
  const { t } = context;
  const heading = t('next.title', { case: record.id, stage: t(`stage.${view.stage}`) });
  return [
    `${t('show.timeline')}\n${renderTimeline(context, record, view.deadlines, now)}`,
    `${t('show.deadlines')}\n${renderDeadlineTable(context, record, view.deadlines)}`,
    formatNextStep(context, view.next, heading),
  ];
}
