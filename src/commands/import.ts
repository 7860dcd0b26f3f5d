import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { adoptComplainant } from './shared/client.js';

export async function run(context: Context, file: string): Promise<void> {
  const source = path.resolve(file);
  if (!existsSync(source)) throw new UsageError('import.missing', { file: source });
  const store = await context.store();
  const { importCase } = await import('../store/case-archive.js');
  const imported = await importCase(store, source, context.now());
  const { manifest } = imported;
  const record = await adoptComplainant(context, imported.record);
  context.out.result(record, () => record.id);
  context.out.success(context.t('import.done', { id: record.id, originalId: manifest.caseId, order: record.order.number, count: manifest.files.length }));
}
