import type { Context } from '../context.js';
import { toZonedIso } from '../core/time.js';
import { InputError, UsageError } from '../errors.js';

type Options = { tsa?: string[]; timeout?: string };

/** `weiquan stamp CASE [--tsa URL]…`: RFC 3161 timestamps over the case's journal head, from the TSAs named. */
export async function run(context: Context, reference: string, options: Options): Promise<void> {
  const { t, out } = context;
  const { chooseTsas } = await import('../stamp/tsa-list.js');
  const timeout = options.timeout === undefined ? 30 : Number(options.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0 || timeout > 600) throw new InputError('stamp.badTimeout', { value: options.timeout ?? '' });
  const tsas = chooseTsas(options.tsa, context.config.tsa?.value);
  if (!tsas) throw new UsageError('stamp.noTsa', {}, 'stamp.hint.noTsa');
  const store = await context.store();
  const record = await store.resolve(reference);
  const { stampCase } = await import('../stamp/stamp-case.js');
  for (const tsa of tsas) out.info(t('stamp.asking', { tsa }));
  const stamps = await stampCase(store, record.id, tsas, () => context.now(), timeout * 1000);
  out.result({ case: record.id, stamps }, () =>
    stamps.map((stamp) => t('stamp.line', { id: stamp.id, time: toZonedIso(new Date(stamp.time), record.timeZone), signer: stamp.signer, serial: stamp.serial, seq: stamp.over.seq, path: stamp.token.path })).join('\n'),
  );
  out.success(t('stamp.done', { id: record.id, count: stamps.length }));
  out.info(t('stamp.meaning'));
}
