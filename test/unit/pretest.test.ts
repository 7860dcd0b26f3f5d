import { execFile } from 'node:child_process';
import { chmod, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, ROOT } from '../helpers/cli.js';
// the script is plain ESM JavaScript (it runs before the build); its decisions are pure functions
// @ts-expect-error no type declarations for a script
import { installCommand, missingRequirements, packageManagerFor, plan, REQUIREMENTS } from '../../scripts/pretest.mjs';

type Requirement = { id: string; packages: Record<string, string | null> };
const run = promisify(execFile);
const SCRIPT = path.join(ROOT, 'scripts', 'pretest.mjs');
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

const everything = { hasCommand: () => true, hasFont: () => true };
const without = (name: string) => ({ hasCommand: (n: string) => n !== name, hasFont: () => true });
const ids = (reqs: Requirement[]) => reqs.map((r) => r.id);

describe('the pre-test step: what is missing and what to do about it', () => {
  it('finds each missing program and font', () => {
    expect(missingRequirements(REQUIREMENTS, everything)).toEqual([]);
    expect(ids(missingRequirements(REQUIREMENTS, without('pdftotext')))).toEqual(['poppler']);
    expect(ids(missingRequirements(REQUIREMENTS, without('openssl')))).toEqual(['openssl']);
    expect(ids(missingRequirements(REQUIREMENTS, without('chromium')))).toEqual([]); // chromium-browser or chrome will do
    expect(ids(missingRequirements(REQUIREMENTS, { hasCommand: (n: string) => !/chrom/.test(n), hasFont: () => true }))).toEqual(['browser']);
    expect(ids(missingRequirements(REQUIREMENTS, { hasCommand: () => true, hasFont: (f: string) => !f.startsWith('NotoSerif') }))).toEqual(['cjk-fonts']);
  });

  it('knows the package manager of each system', () => {
    const none = () => false;
    expect(packageManagerFor({ platform: 'linux', osRelease: 'ID=debian\n', hasCommand: none })).toBe('apt');
    expect(packageManagerFor({ platform: 'linux', osRelease: 'ID=linuxmint\nID_LIKE="ubuntu debian"\n', hasCommand: none })).toBe('apt');
    expect(packageManagerFor({ platform: 'linux', osRelease: 'ID=fedora\n', hasCommand: none })).toBe('dnf');
    expect(packageManagerFor({ platform: 'darwin', osRelease: undefined, hasCommand: none })).toBe('brew');
    expect(packageManagerFor({ platform: 'win32', osRelease: undefined, hasCommand: none })).toBe('winget');
  });

  it('installs on Debian/Ubuntu as root, and everywhere else stops with the exact command', () => {
    const poppler = missingRequirements(REQUIREMENTS, without('pdftotext'));
    expect(plan({ missing: [], manager: 'apt', root: true })).toEqual({ action: 'none' });
    expect(plan({ missing: poppler, manager: 'apt', root: true })).toEqual({ action: 'apt', packages: ['poppler-utils'] });
    expect(plan({ missing: poppler, manager: 'apt', root: true, allowInstall: false })).toEqual({
      action: 'stop',
      command: 'apt-get update && apt-get install -y --no-install-recommends poppler-utils',
    });
    expect(plan({ missing: poppler, manager: 'apt', root: false })).toEqual({
      action: 'stop',
      command: 'sudo apt-get update && sudo apt-get install -y --no-install-recommends poppler-utils',
    });
    const all = REQUIREMENTS as Requirement[];
    expect(installCommand('dnf', all, { root: false })).toBe('sudo dnf install -y chromium google-noto-sans-cjk-fonts google-noto-serif-cjk-fonts poppler-utils qpdf openssl');
    expect(installCommand('brew', all, { root: false })).toBe('brew install poppler qpdf openssl && brew install --cask chromium font-noto-sans-cjk font-noto-serif-cjk');
    expect(installCommand('winget', poppler, { root: false })).toBe('winget install --id oschwartz10612.Poppler -e');
  });
});

describe('the pre-test step, run', () => {
  /** A PATH folder with the tools the tests use, less `drop`, and a stand-in apt-get that logs its calls. */
  async function fakePath(drop: string): Promise<{ dir: string; log: string }> {
    const temp = await makeTempDir('weiquan-pretest-');
    cleanups.push(temp.cleanup);
    const dir = path.join(temp.dir, 'bin');
    await mkdir(dir);
    const { stdout } = await run('sh', ['-c', 'for t in chromium pdftotext pdfinfo pdfimages pdffonts pdftoppm qpdf openssl; do command -v $t; done']);
    for (const tool of stdout.trim().split('\n')) if (path.basename(tool) !== drop) await symlink(tool, path.join(dir, path.basename(tool)));
    const log = path.join(temp.dir, 'apt.log');
    // "installing" brings the dropped tool back into the fake PATH, as the real package would
    const real = stdout.split('\n').find((tool) => path.basename(tool) === drop)!;
    await writeFile(path.join(dir, 'apt-get'), `#!/bin/sh\necho "$*" >> '${log}'\nif [ "$1" = install ]; then /bin/ln -sf '${real}' '${path.join(dir, drop)}'; fi\n`);
    await chmod(path.join(dir, 'apt-get'), 0o755);
    return { dir, log };
  }

  it('without pdftotext and told never to install: names the package and the command, exit 1', async () => {
    const { dir } = await fakePath('pdftotext');
    const result = await run(process.execPath, [SCRIPT], { env: { PATH: dir, WEIQUAN_PRETEST_INSTALL: 'never' } }).catch((e: { code: number; stderr: string }) => e);
    expect((result as { code: number }).code).toBe(1);
    expect((result as { stderr: string }).stderr).toContain('poppler-utils');
    expect((result as { stderr: string }).stderr).toContain('apt-get install -y --no-install-recommends poppler-utils');
  });

  it.runIf(process.getuid?.() === 0 && process.platform === 'linux')('on Debian as root: apt-get update once, then installs poppler-utils, then checks again', async () => {
    const { dir, log } = await fakePath('pdftotext');
    const result = await run(process.execPath, [SCRIPT], { env: { PATH: dir } });
    expect(result.stderr).toContain('installed poppler-utils');
    expect((await readFile(log, 'utf8')).trim().split('\n')).toEqual(['update', 'install -y --no-install-recommends poppler-utils']);
  });
});
