/**
 * The house rules, read from the source files themselves: commands never import commands, the inner rooms
 * (core, store, evidence, holidays, calendar) know nothing of the terminal or the command context, and the core does
 * no I/O. Every import is read — static, `export … from`, type-only and lazy `import()` alike.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SRC = path.join(ROOT, 'src');

type Import = { from: string; to: string; lazy: boolean };

/** Every .ts file under src/, as a path relative to the repository ("src/commands/new.ts"). */
function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [path.relative(ROOT, full).split(path.sep).join('/')] : [];
  });
}

/** The imports of a file: relative ones resolved to "src/….ts", the others (node:fs, luxon) as written. */
function importsOf(file: string): Import[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles.map(({ fileName, pos }) => {
    const lazy = /import\s*\(\s*['"`]?$/.test(text.slice(Math.max(0, pos - 30), pos));
    if (!fileName.startsWith('.')) return { from: file, to: fileName, lazy };
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), fileName)).replace(/\.js$/, '.ts');
    return { from: file, to: target, lazy };
  });
}

const ALL_IMPORTS = sourceFiles().flatMap(importsOf);

const under = (folder: string) => (file: string) => file.startsWith(`${folder}/`);
const isCommand = (file: string) => under('src/commands')(file) && !under('src/commands/shared')(file);
/** A command is src/commands/NAME.ts with, when it has parts, the folder src/commands/NAME/. */
const commandOf = (file: string) => file.slice('src/commands/'.length).split('/')[0]!.replace(/\.ts$/, '');

/**
 * The two commands whose job is to run other commands: the menu (a choice runs that command) and the demo
 * (the whole job, command after command, on a sample case). They may load a command lazily to run it, never
 * import one statically.
 */
const DISPATCHERS = new Set(['src/commands/menu.ts', 'src/commands/demo.ts']);

function violations(rule: (entry: Import) => boolean): string[] {
  return ALL_IMPORTS.filter(rule).map((entry) => `${entry.from} -> ${entry.to}${entry.lazy ? ' (lazy)' : ''}`);
}

describe('the house rules', () => {
  it('reads the imports of the source files', () => {
    expect(ALL_IMPORTS.length).toBeGreaterThan(100);
    expect(ALL_IMPORTS).toContainEqual({ from: 'src/cli.ts', to: 'src/commands/new.ts', lazy: true });
    expect(ALL_IMPORTS).toContainEqual({ from: 'src/main.ts', to: 'src/cli.ts', lazy: false });
  });

  it('a command never imports another command (what they share lives in src/commands/shared/)', () => {
    const found = violations(
      ({ from, to, lazy }) => under('src/commands')(from) && isCommand(to) && commandOf(from) !== commandOf(to) && !(lazy && DISPATCHERS.has(from)),
    );
    expect(found).toEqual([]);
  });

  it('core, store, evidence, holidays and calendar import neither src/ui nor src/context.ts nor a command', () => {
    const inner = ['src/core', 'src/store', 'src/evidence', 'src/calendar', 'src/holidays'].map(under);
    const found = violations(
      ({ from, to }) => inner.some((inside) => inside(from)) && (under('src/ui')(to) || to === 'src/context.ts' || under('src/commands')(to)),
    );
    expect(found).toEqual([]);
  });

  it('holiday data and the ICS writer do not reach into the store', () => {
    const found = violations(({ from, to }) => (under('src/calendar')(from) || under('src/holidays')(from)) && under('src/store')(to));
    expect(found).toEqual([]);
  });

  it('one module owns time: only src/core/time.ts and its fast path zoned-time.ts import the date library', () => {
    const found = violations(({ from, to }) => to === 'luxon' && from !== 'src/core/time.ts' && from !== 'src/core/zoned-time.ts');
    expect(found).toEqual([]);
  });

  it('the core does no I/O: no file system, processes, network or terminal', () => {
    const forbidden = /^(node:)?(fs|fs\/promises|child_process|net|http|https|tls|dgram|readline|tty)$/;
    const found = violations(({ from, to }) => under('src/core')(from) && forbidden.test(to));
    expect(found).toEqual([]);
  });
});
