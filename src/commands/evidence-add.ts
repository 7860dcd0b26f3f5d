import type { Context } from '../context.js';
import { EVIDENCE_KINDS, type EvidenceKind } from '../core/case-model.js';
import { parseText } from '../core/contact-details.js';
import { UsageError } from '../errors.js';
import { type InspectedFile, inspectFile, stageImport } from '../evidence/import-file.js';
import { defaultProvesKey, guessKindFromMime, parseEvidenceKind } from '../evidence/kinds.js';
import { storedDefaultProves } from './shared/evidence-wording.js';
import { fileEvidence, type PendingEvidence } from '../evidence/staging.js';
import { derivedEvidenceTitle } from '../evidence/naming.js';
import { gridTable } from '../ui/case-view.js';
import { createTranslator } from '../ui/i18n.js';
import { analyseBill, type BillSummary, fillPaymentFacts } from '../evidence/bills/analyse-bill.js';
import type { EvidenceItem } from '../core/case-model.js';
import type { CaseStore } from '../store/case-store.js';
import { formatLocalTime } from '../core/time.js';

/**
 * For each bill filed: say which row matched (or warn that none did), and fill the case's empty payment
 * reference and payment time from the matched row (journaled). Returns the lines that say what was filled.
 */
async function reportBills(context: Context, store: CaseStore, id: string, items: readonly EvidenceItem[]): Promise<string[]> {
  const { t, out } = context;
  const lines: string[] = [];
  for (const item of items) {
    const bill = item.meta.bill as BillSummary | undefined;
    if (!bill) continue;
    const format = t(`bill.format.${bill.format}`);
    if (!bill.matched) {
      out.warn(t('bill.noMatch', { id: item.id, format, count: bill.transactions }));
      continue;
    }
    const matched = bill.matched;
    let zone = '';
    let changes: Record<string, unknown> = {};
    await store.mutate(id, () => context.now(), (current) => {
      zone = current.timeZone;
      const event = fillPaymentFacts(current, matched);
      if (event?.type === 'case.edited') changes = event.data.changes;
      return event ?? [];
    });
    out.info(t('bill.matched', { id: item.id, format, row: matched.row, number: matched.number, counterparty: matched.counterparty, amount: matched.amount, time: formatLocalTime(matched.time, zone), status: matched.status, by: t(`bill.by.${matched.by}`) }));
    if ('order.paymentRef' in changes) lines.push(t('bill.filled.paymentRef', { value: matched.number }));
    if ('order.paidAt' in changes) lines.push(t('bill.filled.paidAt', { value: formatLocalTime(matched.time, zone) }));
  }
  return lines;
}

type Options = { kind?: string; proves?: string; note?: string; title?: string };

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Names and sources are stored in Chinese, like the default 证明目的: the documents they go into are Chinese. */
const storedNaming = createTranslator('zh');

type Decision = { kind: EvidenceKind; proves: string; title?: string };

/** The 证据名称 for one file: --title, else in a TTY asked with the derived name as the suggestion, else derived at filing. */
async function decideTitle(context: Context, inspected: InspectedFile, kind: EvidenceKind, options: Options, where: { single: boolean; zone: string }): Promise<string | undefined> {
  if (options.title !== undefined) return parseText(options.title, '--title', 200, { oneLine: true });
  if (!context.interactive) return undefined;
  const draft = { kind, files: [{ path: inspected.storedName, mime: inspected.type.mime, role: 'original' as const, sha256: '', size: inspected.size }], meta: inspected.exif ? { exif: inspected.exif } : {}, addedAt: context.now().toISOString() };
  const suggestion = derivedEvidenceTitle(draft, where.zone, storedNaming);
  const prompts = await context.prompts();
  const answer = await prompts.text({ message: context.t('evidence.prompt.title', { file: inspected.originalName }), default: suggestion, required: true, validate: (v) => parseText(v, '证据名称', 200) });
  return answer.trim() === suggestion ? undefined : answer.trim();
}

/** Kind, 证明目的 and name for one file: flags win; in a TTY ask with a suggestion; otherwise the defaults. */
async function decide(context: Context, inspected: InspectedFile, options: Options, where: { single: boolean; zone: string }): Promise<Decision> {
  const { t } = context;
  let kind = options.kind !== undefined ? parseEvidenceKind(options.kind) : guessKindFromMime(inspected.type.mime);
  if (options.kind === undefined && context.interactive) {
    const prompts = await context.prompts();
    kind = await prompts.select({
      message: t('evidence.prompt.kind', { file: inspected.originalName }),
      default: kind,
      choices: EVIDENCE_KINDS.map((value) => ({ value, name: t(`evidenceKind.${value}`) })),
    });
  }
  // the stored default is Chinese (documents are Chinese); the prompt suggests it in the interface language
  let proves = options.proves?.trim() ? parseText(options.proves, '--proves', 500) : storedDefaultProves(kind);
  if (options.proves === undefined && context.interactive) {
    const prompts = await context.prompts();
    const suggestion = t(defaultProvesKey(kind));
    const answer = await prompts.text({ message: t('evidence.prompt.proves', { file: inspected.originalName }), default: suggestion, required: true, validate: (v) => parseText(v, '证明目的', 500) });
    proves = answer.trim() === suggestion ? storedDefaultProves(kind) : answer;
  }
  const title = await decideTitle(context, inspected, kind, options, where);
  return { kind, proves, ...(title ? { title } : {}) };
}

export async function run(context: Context, reference: string, files: string[], options: Options): Promise<void> {
  const { t, out } = context;
  if (options.kind !== undefined) parseEvidenceKind(options.kind);
  const note = options.note?.trim() ? parseText(options.note, '--note', 2000) : undefined;
  const store = await context.store();
  const record = await store.resolve(reference);
  // Check every file before writing anything: one bad path refuses the whole call.
  const inspected: InspectedFile[] = [];
  // --title names one item: with several files it would name them all the same
  if (options.title !== undefined && files.length > 1) throw new UsageError('evidence.title.oneFile');
  for (const file of files) inspected.push(await inspectFile(file));
  const decisions: Decision[] = [];
  for (const entry of inspected) decisions.push(await decide(context, entry, options, { single: inspected.length === 1, zone: record.timeZone }));

  // A payment bill export (Alipay / WeChat Pay): read it and find the order's row before anything is written.
  const bills: Array<BillSummary | undefined> = [];
  for (const [index, entry] of inspected.entries()) {
    bills.push(decisions[index]!.kind === 'payment' ? await analyseBill(entry.source, record) : undefined);
  }

  const caseDir = store.caseDir(record.id);
  const pending: PendingEvidence[] = [];
  try {
    for (const [index, entry] of inspected.entries()) {
      const bill = bills[index];
      pending.push(await stageImport(caseDir, entry, { ...decisions[index]!, ...(note ? { note } : {}), naming: storedNaming, ...(bill ? { meta: { bill } } : {}) }));
    }
  } catch (error) {
    for (const entry of pending) await entry.staging.remove();
    throw error;
  }
  const { items } = await fileEvidence(store, record.id, () => context.now(), pending);
  const filled = await reportBills(context, store, record.id, items);

  for (const entry of inspected) {
    if (entry.extensionMismatch) out.warn(t('evidence.warn.extension', { file: entry.originalName, type: entry.type.mime }));
  }
  // The same bytes already in the case: kept (it may prove something else), but say so.
  for (const item of items) {
    const hash = item.files[0]!.sha256;
    const earlier = record.evidence.find((e) => e.files.some((f) => f.sha256 === hash));
    if (earlier) out.warn(t('evidence.warn.duplicate', { id: item.id, earlier: earlier.id }));
  }
  out.result({ case: record.id, items }, () =>
    gridTable(
      [t('label.id'), t('label.kind'), t('evidence.label.file'), t('evidence.label.type'), t('evidence.label.size'), 'SHA-256'],
      items.map((item) => {
        const file = item.files[0]!;
        return [item.id, t(`evidenceKind.${item.kind}`), file.path, file.mime ?? '-', formatSize(file.size), file.sha256];
      }),
    ),
  );
  for (const item of items) out.success(t('evidence.added', { id: item.id, case: record.id, title: item.title }));
  for (const line of filled) out.success(line);
  await (await import('../stamp/auto-stamp.js')).autoStampAfterIntake(context, record.id);
}
