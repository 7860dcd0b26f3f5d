import type { Context } from '../context.js';
import { type Client, complainantOf, parseClientDetails, type RawClient } from '../core/client.js';
import { UsageError } from '../errors.js';
import { printClient } from '../ui/client-view.js';
import { casesByClient, clientStore, printable } from './shared/client.js';

/**
 * Change a client's details. The cases recording this client as their complainant get a journaled
 * `complainant.changed`, so their next letter names the person as they are now.
 */
export async function run(context: Context, reference: string, options: RawClient): Promise<void> {
  if (!Object.values(options).some((v) => v !== undefined)) throw new UsageError('client.nothing');
  const store = await clientStore(context);
  const now = context.now();
  const { client, fields } = await store.update((clients) => {
    const current = store.resolve(reference, clients);
    const details = parseClientDetails(options, current);
    const next: Client = { id: current.id, ...details, createdAt: current.createdAt, updatedAt: current.updatedAt };
    const fields = (['name', 'phone', 'address', 'email', 'idNumber'] as const).filter((key) => next[key] !== current[key]);
    if (fields.length > 0) next.updatedAt = now.toISOString();
    return { clients: clients.map((c) => (c.id === current.id ? next : c)), result: { client: next, fields } };
  });
  const updatedCases: string[] = [];
  if (fields.some((f) => f !== 'idNumber')) {
    const cases = (await casesByClient(context)).get(client.id) ?? [];
    const caseStore = await context.store();
    const complainant = complainantOf(client);
    for (const id of cases) {
      await caseStore.mutate(id, () => context.now(), (current) =>
        JSON.stringify(current.complainant) === JSON.stringify(complainant) ? [] : [{ type: 'complainant.changed', data: { complainant } }],
      );
      updatedCases.push(id);
    }
  }
  context.out.result({ ...printable(client, false), changed: fields, cases: updatedCases }, () => printClient(context, client, { reveal: false }));
  if (fields.length === 0) context.out.info(context.t('client.unchanged', { id: client.id }));
  else context.out.success(context.t('client.updated', { id: client.id, fields: fields.join(', ') }));
  if (updatedCases.length > 0) context.out.info(context.t('client.casesUpdated', { count: updatedCases.length, ids: updatedCases.join(', ') }));
}
