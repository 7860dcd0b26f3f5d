import type { Context } from '../context.js';
import { clientTable } from '../ui/client-view.js';
import { casesByClient, clientStore, printable } from './shared/client.js';

export async function run(context: Context): Promise<void> {
  const clients = (await clientStore(context)).list();
  const cases = await casesByClient(context);
  const counts = new Map([...cases].map(([id, ids]) => [id, ids.length]));
  context.out.result(
    { clients: clients.map((c) => ({ ...printable(c, false), cases: cases.get(c.id) ?? [] })) },
    () => (clients.length === 0 ? context.t('client.none') : `${clientTable(context, clients, counts)}\n\n${context.t('client.profileDefault')}`),
  );
}
