import path from 'node:path';
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { openResult } from '../ui/desktop.js';
import type { Case, CaseFacts } from '../core/case-model.js';
import type { Deadline } from '../core/deadlines.js';
import { CATEGORIES } from '../core/case-model.js';
import { parseEmail, parsePhone, parseText } from '../core/contact-details.js';
import type { Complainant, LetterContent, LetterSource } from '../core/letter-facts.js';
import { buildCaseFacts, missingRequired, ORDER_FIELDS, parseField, type RawOrderInput, rawOrderInput } from '../core/order-fields.js';
import { isValidTimeZone } from '../core/time.js';
import { InputError, UsageError } from '../errors.js';
import { fontForCommand, recordGeneratedDocument, safeName, sha256Hex, writeDocument } from './shared/document-output.js';
import { buildLetterContent } from './shared/letter-content.js';
import { orderDefaults } from './shared/order-defaults.js';
import { caseComplainant } from './shared/client.js';

export type LetterOptions = Record<string, string | boolean | undefined> & {
  output?: string;
  replyWithin?: string;
  deliverWithin?: string;
  template?: string;
  font?: string;
  name?: string;
  phone?: string;
  address?: string;
  email?: string;
  claimCosts?: boolean;
  timeZone?: string;
};

export type LetterResult = {
  path: string;
  sha256: string;
  caseId?: string;
  order: string;
  replyBy: string;
  citations: string[];
  saved: boolean;
};

/** Build the letter's content and PDF for a source. */
export async function buildLetter(context: Context, source: LetterSource, complainant: Complainant, options: LetterOptions, built?: LetterContent): Promise<{ content: LetterContent; pdf: Buffer }> {
  const content = built ?? (await buildLetterContent(context, source, complainant, options));
  const font = await fontForCommand(context);
  const { renderLetterPdf } = await import('../documents/letter.js');
  const pdf = await renderLetterPdf(content, { font, creationDate: context.now(), ...(options.template ? { template: options.template } : {}) });
  return { content, pdf };
}

async function report(context: Context, result: LetterResult, content: LetterContent, openIt: boolean): Promise<void> {
  context.out.result(result, () => result.path);
  context.out.success(context.t('letter.written', { path: result.path }));
  if (openIt) await openResult(context, result.path);
  if (context.json) return;
  context.out.info(context.t('letter.citations', { list: content.citations.map((c) => c.citation).join('、') }));
  if (result.caseId) context.out.info(context.t('letter.replyBy', { replyBy: result.replyBy, id: result.caseId }));
  else {
    context.out.info(context.t('letter.replyBy.oneOff', { replyBy: result.replyBy }));
    context.out.info(context.t('letter.oneOff.saved'));
  }
}

/**
 * Before the promised time (or the reasonable period weiquan assumes) has run out the letter is only a request
 * for confirmation: say so, and in a terminal ask whether to go on. False when the user declines.
 */
async function confirmTooEarly(context: Context, content: LetterContent, reference: string): Promise<boolean> {
  if (content.mode !== 'confirmation') return true;
  const due = content.facts.platformDeadline.value.due;
  const basis = context.t(content.promise.kind === 'none' ? 'letter.tooEarly.basis.reasonable' : 'letter.tooEarly.basis.promise');
  context.out.warn(context.t('letter.tooEarly', { due: due.slice(0, 16).replace('T', ' '), basis }));
  if (!context.interactive || context.json) return true;
  const prompts = await context.prompts();
  if (await prompts.confirm({ message: context.t('letter.tooEarly.confirm'), default: false })) return true;
  context.out.info(context.t('letter.tooEarly.declined', { id: reference }));
  return false;
}

/** --name, --phone, --address, --email as given, each checked as the one-off letter checks it. */
function complainantFlags(options: LetterOptions): Partial<Complainant> {
  return {
    ...(options.name !== undefined ? { name: parseText(options.name, '--name', 100) } : {}),
    ...(options.phone !== undefined ? { phone: parsePhone(options.phone) } : {}),
    ...(options.address !== undefined ? { address: parseText(options.address, '--address', 300) } : {}),
    ...(options.email !== undefined ? { email: parseEmail(options.email) } : {}),
  };
}

/**
 * Who complains in this letter: the case's complainant (or the profile), with any complainant flag given
 * taking the place of that detail for this letter only. The case itself is not changed (that is
 * `edit --client` / `client edit`); the letter's record in the journal names the complainant it used.
 */
async function letterComplainant(context: Context, record: Case, options: LetterOptions): Promise<{ complainant: Complainant; overridden: boolean }> {
  const flags = complainantFlags(options);
  if (Object.keys(flags).length === 0) return { complainant: await caseComplainant(context, record), overridden: false };
  // name, phone and address all given: no profile needed for a case that records no complainant
  const base = flags.name && flags.phone && flags.address ? undefined : await caseComplainant(context, record);
  const complainant = { ...base, ...flags } as Complainant;
  return { complainant, overridden: true };
}

/** The letter for a stored case: written to the case's out/ folder (or -o) and recorded as generated. */
async function letterForCase(context: Context, reference: string, options: LetterOptions): Promise<void> {
  const store = await context.store();
  const record = await store.loadForDocuments(await store.resolve(reference));
  const { complainant, overridden } = await letterComplainant(context, record, options);
  const content = await buildLetterContent(context, record, complainant, options);
  if (!(await confirmTooEarly(context, content, record.id))) return;
  const { pdf } = await buildLetter(context, record, complainant, options, content);
  const caseDir = store.caseDir(record.id);
  const day = content.date;
  const file = options.output ?? path.join(caseDir, 'out', `letter-${day}${context.documentLang === 'en' ? '-en' : ''}.pdf`);
  const written = await writeDocument(file, pdf, context.locations.home);
  const sha256 = sha256Hex(pdf);
  await recordGeneratedDocument(context, store, record.id, { document: 'letter', file: written, sha256, replyBy: content.replyByIso, ...(overridden ? { complainant } : {}) });
  if (overridden && !context.json) context.out.info(context.t('letter.complainantOverride', { name: complainant.name, id: record.id }));
  await report(context, { path: written, sha256, caseId: record.id, order: record.order.number, replyBy: content.replyBy, citations: content.citations.map((c) => c.citation), saved: true }, content, options.open === true);
}

/** Ask, in a TTY, for the order facts and complainant details the flags did not give. */
async function completeOneOff(context: Context, raw: RawOrderInput, complainant: Partial<Complainant>, zone: string): Promise<void> {
  const missing = missingRequired(raw);
  const missingPerson = (['name', 'phone', 'address'] as const).filter((k) => !complainant[k]);
  if (missing.length === 0 && missingPerson.length === 0) return;
  if (!context.interactive) {
    throw new InputError('input.missingFlags', { flags: [...missing, ...missingPerson.map((k) => `--${k}`)].join(' ') });
  }
  const prompts = await context.prompts();
  const { t } = context;
  const environment = { zone, now: context.now() };
  for (const field of ORDER_FIELDS) {
    if (!missing.includes(`--${field.flag}`)) continue;
    raw[field.flag] =
      field.kind === 'category'
        ? await prompts.select({ message: t(`prompt.${field.flag}`), choices: CATEGORIES.map((c) => ({ value: c, name: t(`category.${c}`) })) })
        : await prompts.text({ message: t(`prompt.${field.flag}`), required: true, validate: (v) => parseField(field, v, environment) });
  }
  if (!complainant.name) complainant.name = await prompts.text({ message: t('prompt.profile.name'), required: true, validate: (v) => parseText(v, 'name', 100) });
  if (!complainant.phone) complainant.phone = await prompts.text({ message: t('prompt.profile.phone'), required: true, validate: parsePhone });
  if (!complainant.address) complainant.address = await prompts.text({ message: t('prompt.profile.address'), required: true, validate: (v) => parseText(v, 'address', 300) });
}

/**
 * The one-off letter: every fact from flags (or asked in a TTY), nothing read from or written to the data
 * folder except the time-zone and font settings (context.config).
 */
async function oneOffLetter(context: Context, options: LetterOptions): Promise<void> {
  const zone = context.config.timeZone.value;
  if (!isValidTimeZone(zone)) throw new InputError('input.timeZone.invalid', { value: zone, flag: '--time-zone' });
  const raw = rawOrderInput(options);
  const person: Partial<Complainant> = {
    ...(options.name ? { name: options.name } : {}),
    ...(options.phone ? { phone: options.phone } : {}),
    ...(options.address ? { address: options.address } : {}),
  };
  const email = options.email !== undefined ? parseEmail(options.email) : undefined;
  await completeOneOff(context, raw, person, zone);
  const complainant: Complainant = {
    name: parseText(person.name!, '--name', 100),
    phone: parsePhone(person.phone!),
    address: parseText(person.address!, '--address', 300),
    ...(email ? { email } : {}),
  };
  const facts: CaseFacts = buildCaseFacts(raw, { zone, now: context.now() }, orderDefaults(context));
  const source: LetterSource = { ...facts, contacts: [], evidence: [] } satisfies Omit<LetterSource, 'id'> as LetterSource;
  const content = await buildLetterContent(context, source, complainant, options);
  if (!(await confirmTooEarly(context, content, ''))) return;
  const { pdf } = await buildLetter(context, source, complainant, options, content);
  const file = options.output ?? path.join(process.cwd(), `letter-${safeName(facts.order.number)}.pdf`);
  const written = await writeDocument(file, pdf, context.locations.home);
  await report(context, { path: written, sha256: sha256Hex(pdf), order: facts.order.number, replyBy: content.replyBy, citations: content.citations.map((c) => c.citation), saved: false }, content, options.open === true);
}

export async function run(context: Context, reference: string | undefined, options: LetterOptions, _command?: Command): Promise<void> {
  const oneOff = options.order !== undefined || ORDER_FIELDS.some((f) => f.flag !== 'order' && rawOrderInput(options)[f.flag] !== undefined);
  if (reference !== undefined && options.fraud !== undefined) throw new UsageError('letter.fraud.recorded', { id: reference });
  if (reference !== undefined && oneOff) throw new UsageError('letter.bothCaseAndOrder');
  if (reference !== undefined) return letterForCase(context, reference, options);
  if (oneOff) return oneOffLetter(context, options);
  throw new UsageError('letter.caseOrOrder');
}

