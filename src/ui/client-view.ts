/** Clients for a person: one client's details, and the client table. */
import type { Context } from '../context.js';
import { type Client, maskIdNumber } from '../core/client.js';
import { keyValueTable } from './case-view.js';
import { alignColumns } from './columns.js';

export function printClient(context: Context, client: Client, options: { reveal: boolean }): string {
  const { t } = context;
  return keyValueTable([
    [t('label.client'), `${client.id} ${client.name}`],
    [t('label.phone'), client.phone],
    [t('label.address'), client.address],
    [t('label.email'), client.email],
    [t('label.idNumber'), client.idNumber ? (options.reveal ? client.idNumber : maskIdNumber(client.idNumber)) : undefined],
  ]);
}

export function clientTable(context: Context, clients: readonly Client[], caseCounts: ReadonlyMap<string, number>): string {
  const { t } = context;
  return alignColumns(
    [t('label.client'), t('label.name'), t('label.phone'), t('label.idNumber'), t('label.cases')],
    clients.map((c) => [c.id, c.name, c.phone, c.idNumber ? maskIdNumber(c.idNumber) : '-', String(caseCounts.get(c.id) ?? 0)]),
  );
}
