import type { Context } from '../context.js';
import type { Case } from '../core/case-model.js';
import { calendarWarnings, computeDeadlines } from '../core/deadlines.js';
import { type MessageChannel, nextStep } from '../core/next-step.js';
import { evidenceChecklist } from '../core/evidence-checklist.js';
import { ladderRungs } from '../core/ladder/rungs.js';
import { formatChecklist, formatRungs, renderRungs } from '../ui/ladder-view.js';
import { formatNextStep, renderNextStep } from '../ui/next-step-view.js';
import { printable } from '../ui/printable.js';
import { parseChannel } from '../core/contact-input.js';
import { commandCalendar, warnAssumedYears } from './shared/calendar.js';

type Options = { channel?: string; holidays?: string; copy?: boolean };

/** The complainant's name for signing a letter's cover note: the case's client, else the profile's, if any. */
async function complainantName(context: Context, record: Case): Promise<string | undefined> {
  return record.complainant?.name ?? (await context.settings()).profile()?.name;
}

export async function run(context: Context, reference: string, options: Options): Promise<void> {
  const channel: MessageChannel | undefined = options.channel === undefined ? undefined : options.channel === '12315' ? '12315' : parseChannel(options.channel);
  const calendar = await commandCalendar(context, options.holidays);
  const store = await context.store();
  const record = await store.resolve(reference);
  const now = context.now();
  const deadlines = computeDeadlines(record, now, calendar);
  warnAssumedYears(context, calendarWarnings(deadlines));
  const step = nextStep(record, deadlines, now, channel ? { channel } : {});
  const name = await complainantName(context, record);
  const rendered = renderNextStep(context, step, record.timeZone, {
    ...(channel ? { channel } : {}),
    // the message goes to the Chinese platform: Chinese unless --lang en was given
    messageContext: { t: context.documentT, lang: context.documentLang },
    ...(name ? { complainantName: name } : {}),
    ...(record.resolution ? { outcome: context.t(`outcome.${record.resolution.outcome}`) } : {}),
  });
  const heading = context.t('next.title', { case: record.id, stage: context.t(`stage.${step.stage}`) });
  // The rungs beside the main ladder and the evidence still missing (none once the case is resolved).
  const routes = renderRungs(context, ladderRungs(record, deadlines, now), record, now);
  const checklist = evidenceChecklist(record);
  context.out.result({ case: record.id, ...step, ...rendered, routes, checklist }, () =>
    printable([formatNextStep(context, rendered, heading), formatRungs(context, routes), record.resolution ? '' : formatChecklist(context, checklist)].filter(Boolean).join('\n\n'), { keepNewlines: true }),
  );
  if (options.copy && rendered.message) {
    const { copyToClipboard } = await import('../ui/desktop.js');
    const { subject, text } = rendered.message;
    await copyToClipboard(context, subject ? `${subject}\n\n${text}` : text);
  } else if (options.copy) context.out.info(context.t('copy.nothing'));
}
