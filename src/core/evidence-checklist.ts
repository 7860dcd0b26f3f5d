/**
 * What a strong case holds, and what this one lacks: the evidence checklist shown by `show` and `next`.
 * Pure. Items are in order of value — the first missing one is what `next` suggests, with the command
 * that adds it (argv without "weiquan"; placeholders in capitals).
 *
 *   order-page      the order page, captured with the browser (its "处理中" status and the amount)
 *   payment         the payment record: the bill or receipt (支付宝/微信/bank)
 *   rules           the platform's rules page with its delivery promise (秒充, 2 小时内到账 …)
 *   ticket          a ticket number (工单号) from customer service
 *   chat            customer-service chats
 *   letter-sent     the written complaint, sent
 *   sent-proof      proof it was sent: a tracking number, the e-mail, the app message (sent --channel --reference)
 *   non-delivery    the carrier's or game operator's statement that nothing arrived (电子商务法第五十一条第二款:
 *                   online goods are delivered when they enter the system the buyer designated)
 *   call            call recordings
 */
import type { Case, EvidenceKind } from './case-model.js';
import { formatLocalTime } from './time.js';

export const CHECKLIST_ITEMS = ['order-page', 'payment', 'rules', 'ticket', 'chat', 'letter-sent', 'sent-proof', 'non-delivery', 'call'] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

export type ChecklistEntry = {
  item: ChecklistItem;
  present: boolean;
  /** what shows it: evidence ids (E3), contact ids with their ticket (K2), letters (L1) */
  refs: string[];
  /** the command that adds it, when missing */
  command?: string[];
};

export type EvidenceChecklist = { entries: ChecklistEntry[]; missing: ChecklistItem[]; firstMissing?: ChecklistEntry };

/** A captured page has a capture sidecar or a URL source; an imported screenshot of the order page counts too. */
function evidenceOf(record: Case, kind: EvidenceKind): string[] {
  return record.evidence.filter((e) => e.kind === kind).map((e) => e.id);
}

export function evidenceChecklist(record: Case): EvidenceChecklist {
  const id = record.id;
  const url = record.platform.url ?? 'URL';
  const letters = record.lettersSent.map((letter, index) => ({ ...letter, ref: `L${index + 1}` }));
  const entry = (item: ChecklistItem, refs: string[], command: string[]): ChecklistEntry => ({
    item,
    present: refs.length > 0,
    refs,
    ...(refs.length === 0 ? { command } : {}),
  });
  const entries: ChecklistEntry[] = [
    entry('order-page', evidenceOf(record, 'order-page'), ['capture', id, url, '--kind', 'order-page']),
    entry('payment', evidenceOf(record, 'payment'), ['evidence', 'add', id, 'FILE', '--kind', 'payment']),
    entry('rules', evidenceOf(record, 'rules'), ['capture', id, url, '--kind', 'rules']),
    entry('ticket', record.contacts.filter((c) => c.ticket).map((c) => `${c.id} ${c.ticket}`), ['contact', id, '--channel', 'app-chat', '--at', 'TIME', '--ticket', 'TICKET']),
    entry('chat', evidenceOf(record, 'chat'), ['evidence', 'add', id, 'FILE', '--kind', 'chat']),
    entry('letter-sent', letters.map((l) => l.ref), ['sent', id, '--at', 'TIME', '--channel', 'email', '--reference', 'REFERENCE']),
    // `sent` again with the same --at adds the proof to that letter (case-events folds it in)
    entry('sent-proof', letters.filter((l) => l.reference !== undefined).map((l) => `${l.ref} ${l.reference}`), [
      'sent', id, '--at', letters.at(-1) ? formatLocalTime(letters.at(-1)!.at, record.timeZone) : 'TIME', '--channel', 'post', '--reference', 'REFERENCE',
    ]),
    entry('non-delivery', evidenceOf(record, 'non-delivery'), ['evidence', 'add', id, 'FILE', '--kind', 'non-delivery']),
    entry('call', evidenceOf(record, 'call'), ['evidence', 'add', id, 'FILE', '--kind', 'call']),
  ];
  // Proof of sending belongs to a letter that was sent: until one is, the letter itself is what is missing.
  const applicable = entries.filter((e) => !(e.item === 'sent-proof' && letters.length === 0));
  const missing = applicable.filter((e) => !e.present);
  return { entries: applicable, missing: missing.map((e) => e.item), ...(missing[0] ? { firstMissing: missing[0] } : {}) };
}
