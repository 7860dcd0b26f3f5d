/**
 * The client list of a workspace: `clients.json` in the data home, readable by the owner only (it may hold ID
 * numbers), written atomically under a lock.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Complainant } from '../core/case-model.js';
import { type Client, type ClientDetails, nextClientId } from '../core/client.js';
import { DataError, UsageError } from '../errors.js';
import { ensureDir, writeFileAtomically } from './file-system.js';
import { withLock } from './lock.js';

export const CLIENTS_FILE = 'clients.json';
const LOCK_NAME = '.clients.lock';

const ClientSchema = z.object({
  id: z.string().regex(/^P\d+$/),
  name: z.string().min(1),
  phone: z.string().min(1),
  address: z.string().min(1),
  email: z.string().optional(),
  idNumber: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const ClientsFileSchema = z.object({ version: z.literal(1), clients: z.array(ClientSchema) });

export class ClientStore {
  readonly file: string;

  constructor(readonly home: string) {
    this.file = path.join(home, CLIENTS_FILE);
  }

  /** Every client, in id order. No file yet: none. */
  list(): Client[] {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    let parsed;
    try {
      parsed = ClientsFileSchema.safeParse(JSON.parse(text));
    } catch (error) {
      throw new DataError('client.fileCorrupt', { file: this.file, reason: (error as Error).message });
    }
    if (!parsed.success) throw new DataError('client.fileCorrupt', { file: this.file, reason: parsed.error.issues[0]?.message ?? '' });
    return parsed.data.clients;
  }

  /** A client by id (P1, case-insensitive) or exact name; unknown or ambiguous is a usage error listing candidates. */
  resolve(reference: string, clients: readonly Client[] = this.list()): Client {
    const wanted = reference.trim();
    const byId = /^p\d+$/i.test(wanted) ? clients.find((c) => c.id === `P${Number(wanted.slice(1))}`) : undefined;
    if (byId) return byId;
    const byName = clients.filter((c) => c.name === wanted);
    if (byName.length === 1) return byName[0]!;
    if (byName.length > 1) throw new UsageError('client.ambiguous', { reference: wanted, candidates: byName.map((c) => `${c.id} (${c.phone})`).join(', ') });
    throw new UsageError('client.unknown', { reference: wanted, candidates: clients.slice(0, 10).map((c) => `${c.id} ${c.name}`).join(', ') || '-' }, 'client.hint.add');
  }

  /** Change the list under its lock: `change` gets the current clients and returns the new list and a result. */
  async update<T>(change: (clients: Client[]) => { clients: Client[]; result: T }): Promise<T> {
    await ensureDir(this.home);
    return withLock(this.home, LOCK_NAME, async () => {
      const { clients, result } = change(this.list());
      await writeFileAtomically(this.file, `${JSON.stringify({ version: 1, clients }, null, 2)}\n`);
      return result;
    });
  }

  async add(details: ClientDetails, now: Date): Promise<Client> {
    return this.update((clients) => {
      const at = now.toISOString();
      const client: Client = { id: nextClientId(clients), ...details, createdAt: at, updatedAt: at };
      return { clients: [...clients, client], result: client };
    });
  }

  /**
   * The client a case's recorded complainant is here (an imported case): the same name and phone, else a new
   * client made from the complainant.
   */
  async adopt(complainant: Complainant, now: Date): Promise<{ client: Client; added: boolean }> {
    return this.update<{ client: Client; added: boolean }>((clients) => {
      const same = clients.find((c) => c.name === complainant.name && c.phone === complainant.phone);
      if (same) return { clients, result: { client: same, added: false } };
      const at = now.toISOString();
      const { clientId: _foreignId, ...details } = complainant;
      const client: Client = { id: nextClientId(clients), ...details, createdAt: at, updatedAt: at };
      return { clients: [...clients, client], result: { client, added: true } };
    });
  }
}
