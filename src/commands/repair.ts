import type { Context } from '../context.js';
import { UsageError } from '../errors.js';

/** Rebuild a case's case.json from its hash-chained journal. */
export async function run(context: Context, reference: string): Promise<void> {
  const store = await context.store();
  const id = /^c\d+$/i.test(reference) ? `C${reference.slice(1)}` : undefined;
  if (!id || !(await store.ids()).includes(id)) throw new UsageError('repair.needsId', { reference });
  const rebuilt = await store.rebuild(id);
  context.out.result(rebuilt, () => '');
  context.out.success(context.t('repair.done', { id, entries: rebuilt.journal.seq }));
}
