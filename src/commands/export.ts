import { existsSync } from 'node:fs';
import { packageVersion } from '../package-info.js';
import path from 'node:path';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';

type Options = { output?: string; redact?: boolean };

/** A file name safe on every OS: order numbers may hold slashes or colons. */
function safeName(text: string): string {
  return text.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 60);
}

export async function run(context: Context, reference: string, options: Options): Promise<void> {
  const store = await context.store();
  const record = await store.resolve(reference);
  const target = path.resolve(options.output ?? `${record.id}-${safeName(record.order.number)}${options.redact ? '-redacted' : ''}.zip`);
  if (existsSync(target)) {
    const overwrite = context.yes || (context.interactive && (await (await context.prompts()).confirm({ message: context.t('export.overwrite', { file: target }), default: false })));
    if (!overwrite) throw new UsageError('export.exists', { file: target }, 'export.hint.exists');
  }
  // like bundle, letter and due --ics: the output folder is created (private, as everything weiquan makes)
  const { ensureDir } = await import('../store/file-system.js');
  await ensureDir(path.dirname(target));
  const { exportCase } = await import('../store/case-archive.js');
  const manifest = await exportCase(store, record, target, { redact: Boolean(options.redact), now: context.now(), version: packageVersion() });
  context.out.result({ file: target, ...manifest }, () => target);
  context.out.success(context.t(options.redact ? 'export.doneRedacted' : 'export.done', { id: record.id, file: target, count: manifest.files.length }));
}
