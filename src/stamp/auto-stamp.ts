import type { Context } from '../context.js';
import { isWeiquanError } from '../errors.js';

/**
 * With the `autoStamp` setting on, stamp the case after new evidence is filed, from the TSAs in the `tsa`
 * setting. The evidence is already safe by then, so any failure here is a warning, never a failed command.
 */
export async function autoStampAfterIntake(context: Context, reference: string): Promise<void> {
  const { t, out, config } = context;
  if (!config.autoStamp.value) return;
  try {
    const { chooseTsas } = await import('./tsa-list.js');
    const tsas = chooseTsas(undefined, config.tsa?.value);
    if (!tsas) {
      out.warn(t('stamp.auto.noTsa'));
      return;
    }
    const store = await context.store();
    const record = await store.resolve(reference);
    const { stampCase } = await import('./stamp-case.js');
    const stamps = await stampCase(store, record.id, tsas, () => context.now(), 30_000);
    for (const stamp of stamps) out.success(t('stamp.auto.done', { id: stamp.id, time: stamp.time, tsa: stamp.tsa }));
  } catch (error) {
    if (!isWeiquanError(error)) throw error;
    out.warn(t('stamp.auto.failed', { reason: t(error.key, error.params) }));
  }
}
