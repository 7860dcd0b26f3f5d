import Table from 'cli-table3';
import type { Context } from '../context.js';
import type { Case, CaseFacts } from '../core/case-model.js';
import { formatFen } from '../core/money.js';
import { formatLocalTime } from '../core/time.js';
import type { Profile } from '../store/settings.js';
import { describePromiseText } from './deadline-text.js';
import { printable } from './printable.js';

/** A two-column table of labelled values, blank values left out. */
export function keyValueTable(rows: Array<[string, string | undefined]>): string {
  const table = new Table({ style: { head: [], border: [] }, chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' } });
  for (const [label, value] of rows) if (value !== undefined && value !== '') table.push([label, printable(value, { keepNewlines: true })]);
  return table.toString();
}

export function gridTable(head: string[], rows: string[][]): string {
  const table = new Table({ head, style: { head: [], border: [] }, wordWrap: true });
  for (const row of rows) table.push(row.map((cell) => printable(cell, { keepNewlines: true })));
  return table.toString();
}

export function printProfile(context: Context, profile: Profile): string {
  const { t } = context;
  return keyValueTable([
    [t('label.name'), profile.name],
    [t('label.phone'), profile.phone],
    [t('label.address'), profile.address],
    [t('label.email'), profile.email],
  ]);
}

export function describePromise(context: Context, promise: string): string {
  return describePromiseText(context, promise);
}

export function printCaseSummary(context: Context, facts: CaseFacts & { id: string }): string {
  const { t } = context;
  const zone = facts.timeZone;
  const { platform, order } = facts;
  return keyValueTable([
    [t('label.case'), facts.id],
    [t('label.platform'), platform.name],
    [t('label.platformUrl'), platform.url],
    [t('label.company'), platform.company],
    [t('label.companyAddress'), platform.companyAddress],
    [t('label.order'), order.number],
    [t('label.product'), `${order.product} (${t(`category.${order.category}`)})`],
    [t('label.account'), order.account],
    [t('label.amount'), `¥${formatFen(order.amountFen)}`],
    [t('label.payment'), [order.paymentMethod, order.paymentRef].filter(Boolean).join(' / ')],
    [t('label.orderedAt'), `${formatLocalTime(order.orderedAt, zone)} (${zone})`],
    [t('label.paidAt'), order.paidAt ? formatLocalTime(order.paidAt, zone) : undefined],
    [t('label.promise'), describePromise(context, order.promise)],
    [t('label.status'), order.status],
    [t('label.demand'), order.demand],
  ]);
}

/** Sections of `show`; other areas (deadlines, next step) add theirs through `extraSections`. */
export function printCaseDetail(context: Context, record: Case, extraSections: string[] = []): string {
  const { t } = context;
  const zone = record.timeZone;
  const sections = [printCaseSummary(context, record)];
  if (record.resolution) {
    sections.push(
      `${t('show.resolved', { outcome: t(`outcome.${record.resolution.outcome}`), at: formatLocalTime(record.resolution.at, zone) })}${record.resolution.note ? ` — ${record.resolution.note}` : ''}`,
    );
  }
  if (record.contacts.length > 0) {
    sections.push(
      `${t('show.contacts')}\n${gridTable(
        [t('label.id'), t('label.at'), t('label.channel'), t('label.ticket'), t('label.summary')],
        record.contacts.map((c) => [c.id, formatLocalTime(c.at, zone), t(`channel.${c.channel}`), c.ticket ?? '-', c.summary ?? '-']),
      )}`,
    );
  }
  if (record.evidence.length > 0) {
    sections.push(
      `${t('show.evidence')}\n${gridTable(
        [t('label.id'), t('label.kind'), t('label.title'), t('label.addedAt')],
        record.evidence.map((e) => [e.id, t(`evidenceKind.${e.kind}`), e.title, formatLocalTime(e.addedAt, zone)]),
      )}`,
    );
  }
  if (record.documents.length > 0) {
    sections.push(
      `${t('show.documents')}\n${gridTable(
        [t('label.at'), t('label.document'), t('label.path')],
        record.documents.map((d) => [formatLocalTime(d.at, zone), d.document, d.path]),
      )}`,
    );
  }
  sections.push(...extraSections);
  return sections.join('\n\n');
}
