import type { Context } from '../context.js';
import type { Case, EvidenceItem } from '../core/case-model.js';
import { parseWebUrl } from '../core/contact-details.js';
import { inspectSite, proposeFacts, type ProposedFact, type SiteFindings } from '../core/site-inspection.js';
import { Cancelled, InputError, isWeiquanError } from '../errors.js';
import { captionText } from './shared/caption-text.js';
import { describeFoundPromise, renderInspection } from '../ui/inspect-view.js';
import { printable } from '../ui/printable.js';

type Options = { case?: string; apply?: boolean; links?: string; browser?: string; timeout?: string };

const DEFAULT_LINKS = 4;

function parseLinks(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_LINKS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 10) throw new InputError('inspect.links.invalid', { value: raw });
  return value;
}

function parseTimeoutMs(raw: string | undefined): number {
  if (raw === undefined) return 30_000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) throw new InputError('capture.timeout.invalid', { value: raw });
  return Math.round(seconds * 1000);
}


function reasonOf(context: Context, error: unknown): string {
  if (isWeiquanError(error)) return context.t(error.key, error.params);
  return error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
}

/**
 * `weiquan inspect URL [--case CASE [--apply]]`: read a platform's home page and the licence, agreement and
 * "about us" pages it links to, and say who runs the site, what it promises and what a buyer should worry
 * about. Without --case nothing is saved; with it every page read is filed as evidence like `capture`, and
 * the facts found are offered for the case's empty fields (nothing recorded is replaced without a question).
 */
export async function run(context: Context, rawUrl: string, options: Options): Promise<void> {
  const { t, out } = context;
  const url = parseWebUrl(rawUrl);
  const maxLinks = parseLinks(options.links);
  const timeoutMs = parseTimeoutMs(options.timeout);
  const store = options.case !== undefined ? await context.store() : undefined;
  const target = store && options.case !== undefined ? await store.resolve(options.case) : undefined;

  const [{ chosenBrowser, findBrowser }, { launchBrowser }, { readSite }, { interruptible }] = await Promise.all([
    import('../evidence/capture/browser-discovery.js'),
    import('../evidence/capture/launch.js'),
    import('../evidence/capture/read-site.js'),
    import('../evidence/capture/interrupt.js'),
  ]);
  const found = await findBrowser({ ...chosenBrowser(context.config.browser), env: context.env });
  const interrupt = interruptible();
  const session = await launchBrowser({ executablePath: found.executablePath, timeoutMs, signal: interrupt.signal });
  let findings: SiteFindings;
  let failed: { url: string; reason: string }[];
  let filed: EvidenceItem[] = [];
  try {
    const read = await readSite(session.browser, url, { timeoutMs, maxLinks, signal: interrupt.signal, onStart: (page) => out.info(t('inspect.progress', { url: printable(page) })) });
    findings = inspectSite(read.visits.map((visit) => visit.page));
    failed = read.failed.map((failure) => ({ url: failure.url, reason: reasonOf(context, failure.error) }));
    if (store && target) {
      const { fileVisits } = await import('../evidence/capture/file-visits.js');
      if (interrupt.signal.aborted) throw new Cancelled();
      const { createTranslator } = await import('../ui/i18n.js');
      // 证明目的 is stored in Chinese: the documents it goes into are Chinese
      const proves = createTranslator('zh');
      const toFile = read.visits.map((visit) => ({ visit, kind: visit.role === 'agreement' ? ('rules' as const) : ('other' as const), proves: proves(`inspect.proves.${visit.role}`) }));
      filed = await fileVisits(store, target.id, () => context.now(), toFile, captionText(context), context.documentT);
    }
  } catch (error) {
    if (interrupt.signal.aborted) throw new Cancelled();
    throw error;
  } finally {
    await session.close();
    interrupt.dispose();
  }

  let applied: ProposedFact[] = [];
  let proposed: ProposedFact[] = [];
  if (store && target) {
    const current = await store.resolve(target.id);
    proposed = proposeFacts(findings, {
      ...(current.platform.url ? { platformUrl: current.platform.url } : {}),
      ...(current.platform.company ? { company: current.platform.company } : {}),
      ...(current.platform.creditCode ? { creditCode: current.platform.creditCode } : {}),
      promise: current.order.promise,
    });
    applied = await chooseAndApply(context, current, proposed, filed, findings, Boolean(options.apply));
  }

  const ids = filed.map((item) => item.id);
  out.result(
    {
      ...findings,
      failed,
      ...(target ? { case: { id: target.id, evidence: ids, proposed, applied } } : {}),
    },
    () => renderInspection(t, context.lang, findings, failed),
  );
  if (target) {
    if (ids.length > 0) out.success(t('inspect.filed', { count: ids.length, case: target.id, ids: ids.join(', ') }));
  } else out.info(t('inspect.beforeBuying'));
}

function describeValue(context: Context, proposal: ProposedFact, findings: SiteFindings): string {
  if (proposal.field !== 'order.promise') return printable(proposal.value);
  const found = findings.promises.find((promise) => promise.promise === proposal.value && promise.value === proposal.source.value);
  return describeFoundPromise(context.t, context.lang, found ?? { promise: proposal.value, workingDays: false });
}

/**
 * Decide which found facts go into the case: an empty field is filled with --apply or after a yes in a
 * terminal; a field that already holds something else is only replaced after a yes in a terminal, never by
 * a flag. What is left is said, with the command that would do it.
 */
async function chooseAndApply(context: Context, record: Case, proposals: ProposedFact[], filed: EvidenceItem[], findings: SiteFindings, apply: boolean): Promise<ProposedFact[]> {
  const { t, out } = context;
  const chosen: ProposedFact[] = [];
  for (const proposal of proposals) {
    const field = t(`inspect.fact.${proposal.field}`);
    const value = describeValue(context, proposal, findings);
    const source = `${t(`inspect.role.${findings.pages.find((page) => page.url === proposal.source.page)?.role ?? 'home'}`)}：${printable(proposal.source.context)}`;
    if (proposal.current === undefined) {
      if (apply) chosen.push(proposal);
      else if (context.interactive) {
        const prompts = await context.prompts();
        if (await prompts.confirm({ message: t('inspect.propose.fill', { field, value, source }), default: true })) chosen.push(proposal);
      } else out.info(t('inspect.suggest.apply', { field, value }));
    } else if (context.interactive) {
      const prompts = await context.prompts();
      if (await prompts.confirm({ message: t('inspect.propose.replace', { field, value, source, current: printable(proposal.current) }), default: false })) chosen.push(proposal);
    } else {
      const flag = { 'platform.company': '--company', 'platform.creditCode': '--credit-code', 'platform.url': '--platform-url', 'order.promise': '--promise' }[proposal.field];
      out.info(t('inspect.suggest.replace', { field, value, current: printable(proposal.current), command: `weiquan edit ${record.id} ${flag} "${printable(proposal.value)}"` }));
    }
  }
  if (chosen.length === 0) return [];
  const store = await context.store();
  const { applyInspection } = await import('../evidence/capture/file-visits.js');
  await applyInspection(store, record.id, () => context.now(), chosen, filed);
  out.success(t('inspect.applied', { case: record.id, fields: chosen.map((proposal) => t(`inspect.fact.${proposal.field}`)).join('、') }));
  return chosen;
}
