/**
 * Deadlines in words for a person (zh or en through the catalogue): kind, state with how long, basis.
 * Shared by due, show, list and the timeline.
 */
import type { Colors } from './output.js';
import type { Deadline } from '../core/deadlines.js';
import { formatDuration } from '../core/duration.js';
import { describePromise, readPromise } from '../core/promise.js';
import { formatLocalTime } from '../core/zoned-time.js';
import type { Lang, Translate } from './i18n.js';

export type TextContext = { t: Translate; lang: Lang };

/** The platform's delivery promise in words (core's describePromise), for a stored promise code. */
export function describePromiseText(context: TextContext, promise: string): string {
  return describePromise(readPromise(promise), context.t, context.lang);
}

export function deadlineKind(context: TextContext, deadline: Deadline): string {
  const kind = context.t(`deadline.kind.${deadline.kind}`);
  return deadline.source.ref && deadline.kind !== 'platform-promise' ? `${kind} ${deadline.source.ref}` : kind;
}

/**
 * Texts made once a run for what many deadlines share: a listing of thousands asks for the same few bases
 * (a legal rule; the platform's promise, whose text depends only on the promise) again and again.
 */
const sharedBases = new WeakMap<Translate, Map<string, string>>();

function sharedBasisKey(deadline: Deadline, long: boolean): string | undefined {
  const { basis } = deadline;
  const tail = `${long ? 'L' : 'S'}${deadline.estimated ? 'E' : ''}`;
  if (basis.type === 'rule') return `rule:${basis.ruleId}:${tail}`;
  if (basis.fact === 'platform-promise' && deadline.promise) return `promise:${deadline.promise.code}:${tail}`;
  if (basis.fact === 'no-promise') return `none:${String(basis.params.hours)}:${deadline.promise?.code ?? ''}:${tail}`;
  return undefined;
}

/** "2026-10-14" for day deadlines, "2026-11-22 18:00" otherwise, in the case's zone. */
export function deadlineDue(deadline: Deadline, zone: string): string {
  return deadline.dueDate ?? formatLocalTime(deadline.due, zone);
}

/** Day deadlines are counted in days: from one day on, the hours are noise. */
function span(deadline: Deadline, minutes: number, lang: Lang): string {
  const rounded = deadline.precision === 'day' && minutes >= 1440 ? Math.floor(minutes / 1440) * 1440 : minutes;
  return formatDuration(rounded, lang);
}

/** Deadlines that are promises to deliver: only delivery keeps them. */
const PROMISES = new Set<Deadline['kind']>(['platform-promise', 'reasonable-period', 'service-promise']);

export function deadlineState(context: TextContext, deadline: Deadline, colors?: Colors): string {
  const { t, lang } = context;
  const paint = (fn: ((s: string) => string) | undefined, text: string) => (fn ? fn(text) : text);
  switch (deadline.state) {
    case 'overdue':
      return paint(colors?.red, t('deadline.overdueBy', { duration: span(deadline, deadline.overdueMinutes ?? 0, lang) }));
    case 'open':
      return paint(colors?.yellow, t('deadline.left', { duration: span(deadline, deadline.minutesLeft ?? 0, lang) }));
    case 'met':
      // a time limit is not "kept" like a promise: the complaint was filed within it
      if (deadline.kind === 'limitation') return paint(colors?.green, t('deadline.limitationMet'));
      return paint(
        colors?.green,
        deadline.lateMinutes ? t('deadline.metLate', { duration: formatDuration(deadline.lateMinutes, lang) }) : t('deadline.metOnTime'),
      );
    default:
      // closed: say how — a reply date nobody answered, or a promise the outcome did not keep
      if (deadline.closedBy === 'no-reply') return paint(colors?.dim, t('deadline.noReply'));
      if (deadline.closedBy !== undefined && deadline.closedBy !== 'delivered' && PROMISES.has(deadline.kind)) {
        return paint(colors?.dim, t('deadline.notMet', { outcome: t(`outcome.${deadline.closedBy}`) }));
      }
      return paint(colors?.dim, t('deadline.state.closed'));
  }
}

/** The basis in words; `long` adds the rule's English summary in the English interface (for ics and details). */
export function deadlineBasis(context: TextContext, deadline: Deadline, options: { long?: boolean } = {}): string {
  const key = sharedBasisKey(deadline, options.long === true);
  if (key === undefined) return basisText(context, deadline, options);
  let shared = sharedBases.get(context.t);
  if (!shared) sharedBases.set(context.t, (shared = new Map()));
  let text = shared.get(key);
  if (text === undefined) shared.set(key, (text = basisText(context, deadline, options)));
  return text;
}

function basisText(context: TextContext, deadline: Deadline, options: { long?: boolean }): string {
  const { t, lang } = context;
  const basis = deadline.basis;
  let text: string;
  if (basis.type === 'fact') {
    const params = { ...basis.params };
    if (deadline.promise) params.promise = describePromise(deadline.promise, t, lang);
    text = t(`deadline.fact.${basis.fact}`, params);
  } else {
    text = lang === 'en' && options.long ? `${basis.citation}: ${basis.summaryEn}` : basis.citation;
    if (!basis.verified) text += t(options.long ? 'deadline.unverified' : 'deadline.unverifiedShort');
  }
  if (deadline.estimated) text += t(options.long ? 'deadline.estimated' : 'deadline.estimatedShort');
  return text;
}
