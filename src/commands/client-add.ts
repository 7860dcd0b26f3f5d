import type { Context } from '../context.js';
import { parseClientDetails, parseIdNumber, type RawClient } from '../core/client.js';
import { UsageError } from '../errors.js';
import { printClient } from '../ui/client-view.js';
import { clientStore, printable } from './shared/client.js';
import { askProfile } from './shared/profile.js';

type Options = RawClient;

export async function run(context: Context, options: Options): Promise<void> {
  const store = await clientStore(context);
  const given = Object.values(options).some((v) => v !== undefined);
  let raw: RawClient = options;
  if (!given && context.interactive) {
    const person = await askProfile(context);
    const prompts = await context.prompts();
    const idNumber = await prompts.text({ message: context.t('prompt.client.idNumber'), validate: (v) => (v.trim() === '' ? v : parseIdNumber(v)) });
    raw = { ...person, ...(idNumber.trim() !== '' ? { idNumber } : {}) };
  }
  const details = parseClientDetails(raw);
  const twin = store.list().find((c) => c.name === details.name && c.phone === details.phone);
  if (twin) throw new UsageError('client.duplicate', { id: twin.id, name: twin.name }, 'client.hint.duplicate', { id: twin.id });
  const client = await store.add(details, context.now());
  context.out.result(printable(client, false), () => printClient(context, client, { reveal: false }));
  context.out.success(context.t('client.added', { id: client.id, name: client.name }));
}
