import { isCi } from '../context.js';
import type { Context } from '../context.js';
import { EnvironmentError } from '../errors.js';
import { requireOptional } from '../optional.js';

/**
 * The desktop around the terminal: opening a written document with the system viewer (--open) and putting
 * a ready message on the clipboard (next --copy). Any command that writes a document (letter, bundle,
 * authorize, draft) calls openResult after writing it:
 *
 *   if (options.open) await openResult(context, written);
 *
 * Never in CI, with --json, or without a terminal: a script must not pop windows up; it says so instead.
 */
export async function openResult(context: Context, file: string): Promise<void> {
  const { t, out } = context;
  if (isCi(context.env) || context.json || !out.terminal) {
    out.info(t('open.skipped', { path: file }));
    return;
  }
  try {
    const { default: open } = await import('open');
    const child = await open(file);
    child.unref();
    out.info(t('open.opened', { path: file }));
  } catch (error) {
    out.warn(t('open.failed', { path: file, reason: error instanceof Error ? error.message : String(error) }));
  }
}

/** Put text on the system clipboard; no clipboard (a server, SSH, no display) is an environment problem (exit 3). */
export async function copyToClipboard(context: Context, text: string): Promise<void> {
  const clipboard = await requireOptional('clipboardy'); // an optional package: missing → exit 3 naming its install command
  try {
    await clipboard.write(text);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    throw new EnvironmentError('copy.unavailable', { reason }, `copy.hint.${process.platform === 'linux' ? 'linux' : 'other'}`);
  }
  context.out.success(context.t('copy.done'));
}
