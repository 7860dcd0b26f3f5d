/** Clients as the commands see them: the store for this workspace, a --client filter, a case's complainant. */
import type { Context } from '../../context.js';
import type { Case } from '../../core/case-model.js';
import { type Client, complainantOf, maskIdNumber } from '../../core/client.js';
import type { ClientStore } from '../../store/clients.js';
import type { Profile } from '../../store/settings.js';
import { requireProfile } from './profile.js';

export async function clientStore(context: Context): Promise<ClientStore> {
  const { ClientStore } = await import('../../store/clients.js');
  return new ClientStore(context.locations.home);
}

/** `--client NAME|ID` of list and due: the client, or undefined when the flag is absent. */
export async function clientFilter(context: Context, reference: string | undefined): Promise<Client | undefined> {
  if (reference === undefined) return undefined;
  return (await clientStore(context)).resolve(reference);
}

/**
 * Who complains in the case's documents: the complainant the case records (an advocate's client), else the
 * profile (asked for the first time in a terminal).
 */
export async function caseComplainant(context: Context, record: Case): Promise<Profile> {
  if (record.complainant) {
    const { clientId: _id, ...details } = record.complainant;
    return details;
  }
  return requireProfile(context);
}

/** A client for --json: the ID number masked unless asked for. */
export function printable(client: Client, reveal: boolean): Client {
  return client.idNumber && !reveal ? { ...client, idNumber: maskIdNumber(client.idNumber) } : client;
}

/** How many cases each client has, from the case index. */
export async function casesByClient(context: Context): Promise<Map<string, string[]>> {
  const { caseSummaries } = await import('../../store/case-index.js');
  const { summaries } = await caseSummaries(await context.store());
  const byClient = new Map<string, string[]>();
  for (const summary of summaries) {
    const id = summary.client?.id;
    if (id) byClient.set(id, [...(byClient.get(id) ?? []), summary.id]);
  }
  return byClient;
}

/**
 * A case imported from another workspace brings its complainant: the client with the same name and phone
 * here, else a new client made from the case's record; the case then points at that client (journaled).
 */
export async function adoptComplainant(context: Context, record: Case): Promise<Case> {
  if (!record.complainant) return record;
  const { client, added } = await (await clientStore(context)).adopt(record.complainant, context.now());
  if (added) context.out.info(context.t('client.added', { id: client.id, name: client.name }));
  const local = complainantOf(client);
  if (JSON.stringify(local) === JSON.stringify(record.complainant)) return record;
  const store = await context.store();
  return store.mutate(record.id, () => context.now(), () => ({ type: 'complainant.changed', data: { complainant: local } }));
}
