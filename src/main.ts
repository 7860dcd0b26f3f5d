import { CommanderError } from 'commander';
import { createProgram } from './cli.js';
import { choicesOf, translateCommanderError } from './ui/commander-errors.js';
import { chooseLanguage, type ContextIo } from './context.js';
import { Cancelled, isWeiquanError } from './errors.js';
import { resolveLocations } from './store/locations.js';
import { createTranslator } from './ui/i18n.js';
import { packageVersion } from './package-info.js';

/** File-system failures that mean the data home or an output folder cannot be used: an environment problem. */
const FILESYSTEM_CODES = new Set(['EACCES', 'EPERM', 'ENOSPC', 'EDQUOT', 'EROFS', 'ENOTDIR', 'EISDIR', 'EEXIST', 'ELOOP', 'ENAMETOOLONG', 'EMFILE']);

/** Find a global option's value before commander parses, so help text and errors use the right language. */
function peekOption(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (arg === name) return argv[i + 1];
    if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
  }
  return undefined;
}

/**
 * Run the CLI and return the exit code. The one place that maps errors to exit codes:
 * 0 ok, 1 a check failed, 2 bad usage or input, 3 environment or data problem, 130 cancelled.
 */
export async function main(argv: readonly string[], io: ContextIo): Promise<number> {
  const json = argv.includes('--json');
  const verbose = argv.includes('--verbose');
  const locations = resolveLocations(peekOption(argv, '--home'), io.env);
  const lang = chooseLanguage(peekOption(argv, '--lang'), locations, io.env);
  const t = createTranslator(lang);
  const program = createProgram({ t, io, version: packageVersion(), argv });
  const fail = (code: string, message: string, hint?: string, details?: unknown, resultWritten = false) => {
    if (json && !resultWritten) io.stdout.write(`${JSON.stringify({ error: { code, message, ...(hint ? { hint } : {}), ...(details !== undefined ? { details } : {}) } }, null, 2)}\n`);
    io.stderr.write(`${t('error.prefix')}${message}\n`);
    if (hint) io.stderr.write(`${t('error.hintPrefix')}${hint}\n`);
  };
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      const message = translateCommanderError(error, t, (flags) => choicesOf(program, flags)) ?? error.message.replace(/^error: /, '');
      fail('usage', message, t('usage.hint'));
      return 2;
    }
    if (error instanceof Cancelled) {
      io.stderr.write(`\n${t('cancelled')}\n`);
      return 130;
    }
    if (isWeiquanError(error)) {
      // A value that came from a flag is reported with the flag's name, so the user knows which one to fix.
      const text = t(error.key, error.params);
      const flag = typeof error.params.flag === 'string' ? error.params.flag : undefined;
      const message = flag && !text.includes(flag) ? `${flag}: ${text}` : text;
      fail(error.code, message, error.hintKey ? t(error.hintKey, error.hintParams) : undefined, error.details, error.resultWritten);
      if (verbose && error.stack) io.stderr.write(`${error.stack}\n`);
      return error.exitCode;
    }
    const err = error as NodeJS.ErrnoException;
    if (err && typeof err.code === 'string' && FILESYSTEM_CODES.has(err.code)) {
      fail('environment', t('error.filesystem', { message: err.message }), t('error.filesystem.hint'));
      if (verbose && err.stack) io.stderr.write(`${err.stack}\n`);
      return 3;
    }
    fail('internal', t('error.internal', { message: err instanceof Error ? err.message : String(error) }), verbose ? undefined : t('error.internal.hint'));
    if (verbose && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
    return 1;
  }
}
