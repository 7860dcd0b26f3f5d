import type { Context } from '../context.js';
import { type Contact, CONTACT_CHANNELS, nextId } from '../core/case-model.js';
import { formatLocalTime, parseLocalTime, toZonedIso } from '../core/time.js';
import { InputError } from '../errors.js';
import { optionalText, parseChannel, parseEvidenceRefs, parseTimeOrDuration, requireAfterOrder } from '../core/contact-input.js';

type Options = {
  channel?: string;
  at?: string;
  agent?: string;
  ticket?: string;
  summary?: string;
  promisedBy?: string;
  outcome?: string;
  evidence?: string[];
};

/** In a terminal without --channel: ask for every value not given as a flag, validating as the flags do. */
async function askMissing(context: Context, options: Options, zone: string, hasEvidence: boolean): Promise<Options> {
  const prompts = await context.prompts();
  const { t } = context;
  const optional = (key: string) => `${t(key)}${t('prompt.optional')}`;
  const now = context.now();
  const answers: Options = { ...options };
  answers.channel = await prompts.select({
    message: t('prompt.contact.channel'),
    choices: CONTACT_CHANNELS.map((c) => ({ value: c, name: t(`channel.${c}`) })),
  });
  answers.at ??= await prompts.text({
    message: t('prompt.contact.at'),
    default: formatLocalTime(toZonedIso(now, zone), zone),
    required: true,
    validate: (raw) => parseLocalTime(raw, zone, now),
  });
  const at = parseLocalTime(answers.at, zone, now);
  answers.agent ??= await prompts.text({ message: optional('prompt.contact.agent') });
  answers.ticket ??= await prompts.text({ message: optional('prompt.contact.ticket') });
  answers.summary ??= await prompts.text({ message: optional('prompt.contact.summary') });
  answers.promisedBy ??= await prompts.text({
    message: optional('prompt.contact.promisedBy'),
    validate: (raw) => parseTimeOrDuration(raw, '--promised-by', zone, at, now),
  });
  answers.outcome ??= await prompts.text({ message: optional('prompt.contact.outcome') });
  if (hasEvidence && (options.evidence ?? []).length === 0) {
    const linked = await prompts.text({ message: optional('prompt.contact.evidence') });
    answers.evidence = linked ? [linked] : [];
  }
  return answers;
}

export async function run(context: Context, reference: string, given: Options): Promise<void> {
  const store = await context.store();
  const target = await store.resolve(reference);
  const zone = target.timeZone;
  let options = given;
  if (options.channel === undefined) {
    if (!context.interactive) throw new InputError('input.missingFlags', { flags: '--channel' });
    options = await askMissing(context, options, zone, target.evidence.length > 0);
  }
  const now = context.now();
  const channel = parseChannel(options.channel!);
  const at = options.at !== undefined && options.at.trim() !== '' ? parseLocalTime(options.at, zone, now) : toZonedIso(now, zone);
  requireAfterOrder(at, target, '--at');
  const promisedBy =
    options.promisedBy !== undefined && options.promisedBy.trim() !== '' ? parseTimeOrDuration(options.promisedBy, '--promised-by', zone, at, now) : undefined;
  const agent = optionalText(options.agent, '--agent', 100, { oneLine: true });
  const ticket = optionalText(options.ticket, '--ticket', 100, { oneLine: true });
  const summary = optionalText(options.summary, '--summary', 2000);
  const outcome = optionalText(options.outcome, '--outcome', 500);
  // Checked against the case as loaded, and again under the lock.
  parseEvidenceRefs(options.evidence ?? [], target);

  let contact: Contact | undefined;
  const updated = await store.mutate(target.id, () => context.now(), (current) => {
    contact = {
      id: nextId(current.contacts.map((c) => c.id), 'K'),
      channel,
      at,
      ...(agent ? { agent } : {}),
      ...(ticket ? { ticket } : {}),
      ...(summary ? { summary } : {}),
      ...(promisedBy ? { promisedBy } : {}),
      ...(outcome ? { outcome } : {}),
      evidence: parseEvidenceRefs(options.evidence ?? [], current),
      recordedAt: toZonedIso(context.now(), zone),
    };
    return { type: 'contact.added', data: contact };
  });
  context.out.result({ case: updated.id, contact }, () => '');
  context.out.success(context.t('contact.done', { contact: contact!.id, case: updated.id }));
}
