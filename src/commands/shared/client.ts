/** Clients as the commands see them: the store for this workspace, a --client filter, a case's complainant. */
import type { Context } from '../../context.js';
import type { Case } from '../../core/case-model.js';
import { type Client, maskIdNumber } from '../../core/client.js';
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
