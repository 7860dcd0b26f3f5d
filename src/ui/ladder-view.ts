/**
 * The ladder's rungs and the evidence checklist in words, for `next` and `show` (zh or en through the
 * catalogue in ui/messages/ladder.ts). Data from core/ladder/rungs.ts and core/evidence-checklist.ts.
 */
import type { Case } from '../core/case-model.js';
import type { EvidenceChecklist } from '../core/evidence-checklist.js';
import type { Rung } from '../core/ladder/rungs.js';
import { formatLocalTime } from '../core/time.js';
import type { TextContext } from './deadline-text.js';
import { quoteArg } from './next-step-view.js';
import { printable } from './printable.js';

export function commandLine(argv: readonly string[]): string {
  return ['weiquan', ...argv].map(quoteArg).join(' ');
}

export type RenderedRung = Rung & { text: string; commandLines: string[] };

/** Each rung as a line of plain words, with the commands that draft its document and record the filing. */
export function renderRungs(context: TextContext, rungs: readonly Rung[], record: Pick<Case, 'id' | 'timeZone' | 'platform' | 'order'>, now: Date): RenderedRung[] {
  const { t } = context;
  const caseId = record.id;
  const zone = record.timeZone;
  const nowText = formatLocalTime(now.toISOString(), zone);
  const params = { case: caseId, platform: record.platform.name, channel: record.order.paymentMethod };
  return rungs.map((rung) => {
    const route = t(`route.${rung.route}`);
    const reason = t(`ladder.reason.${rung.reason}`, params);
    const text =
      rung.state === 'filed'
        ? t('ladder.filed', { route, at: formatLocalTime(rung.filedAt!, zone), reference: rung.reference ? t('ladder.reference', { reference: rung.reference }) : '' })
        : rung.state === 'not-applicable'
          ? t(`ladder.notApplicable.${rung.route}`, { reason })
          : t(`ladder.ready.${rung.route}`, { ...params, reason });
    const commandLines =
      rung.state === 'ready'
        ? [commandLine(['draft', caseId, '--for', rung.route]), commandLine(['filed', caseId, '--route', rung.route, '--at', nowText, '--reference', 'NO'])]
        : [];
    return { ...rung, text, commandLines };
  });
}

export function formatRungs(context: TextContext, rendered: readonly RenderedRung[]): string {
  if (rendered.length === 0) return '';
  const lines = [context.t('ladder.heading')];
  for (const rung of rendered) {
    lines.push(`- ${rung.text}`);
    for (const command of rung.commandLines) lines.push(`    ${command}`);
  }
  // refs and rung texts carry stored data (ticket numbers, names): never printed raw
  return printable(lines.join('\n'), { keepNewlines: true });
}

/** The checklist: ✓ / ✗ per item with what shows it, then the most valuable missing item with its command. */
export function formatChecklist(context: TextContext, checklist: EvidenceChecklist, options: { suggest?: boolean } = {}): string {
  const { t } = context;
  const lines = [t('checklist.heading')];
  for (const entry of checklist.entries) {
    const name = t(`checklist.item.${entry.item}`);
    const refs = entry.refs.join(', ');
    lines.push(entry.present ? `  ✓ ${name}${context.lang === 'zh' ? `（${refs}）` : ` (${refs})`}` : `  ✗ ${name}`);
  }
  const first = checklist.firstMissing;
  if (options.suggest !== false && first?.command) {
    lines.push('', t('checklist.suggest', { item: t(`checklist.item.${first.item}`), why: t(`checklist.why.${first.item}`) }), `  ${commandLine(first.command)}`);
  } else if (!first) lines.push('', t('checklist.complete'));
  // refs and rung texts carry stored data (ticket numbers, names): never printed raw
  return printable(lines.join('\n'), { keepNewlines: true });
}
