import type { Context } from '../context.js';
import { UsageError } from '../errors.js';

/** Rebuild a case's case.json from its hash-chained journal. */
export async function run(context: Context, reference: string): Promise<void> {
  const store = await context.store();
  const id = /^c\d+$/i.test(reference) ? `C${reference.slice(1)}` : undefined;
  if (!id || !(await store.ids()).includes(id)) throw new UsageError('repair.needsId', { reference });
  // facts only case.json still holds (journal lines lost, a hand edit) are named, and dropped only on a yes
  const rebuilt = await store.rebuild(id, async (lost) => {
    context.out.warn(context.t('repair.wouldDropWarning', { id, lost: lost.join(', ') }));
    if (context.yes) return true;
    if (!context.interactive) return false;
    return (await context.prompts()).confirm({ message: context.t('repair.confirmDrop'), default: false });
  });
  context.out.result(rebuilt, () => '');
  context.out.success(context.t('repair.done', { id, entries: rebuilt.journal.seq }));
}
