import type { Context } from '../context.js';
import { printClient } from '../ui/client-view.js';
import { casesByClient, clientStore, printable } from './shared/client.js';

export async function run(context: Context, reference: string, options: { reveal?: boolean }): Promise<void> {
  const client = (await clientStore(context)).resolve(reference);
  const reveal = Boolean(options.reveal);
  const cases = (await casesByClient(context)).get(client.id) ?? [];
  context.out.result({ ...printable(client, reveal), cases }, () =>
    `${printClient(context, client, { reveal })}\n${context.t('label.cases')}: ${cases.length > 0 ? cases.join(', ') : context.t('client.casesNone')}`,
  );
}
