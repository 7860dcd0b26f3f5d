#!/usr/bin/env node
/**
 * The test command's first step (`npm test` runs it as `pretest`): the system programs the tests use.
 *
 * It checks a real browser (Chromium/Chrome), the Noto CJK fonts the PDF tests compare against,
 * poppler-utils (pdftotext, pdfinfo, pdfimages, pdffonts, pdftoppm), qpdf and openssl (the test time-stamp
 * authority). On Debian/Ubuntu as root it installs what is missing (apt-get update once, then install,
 * non-interactive). Anywhere else it stops at once with the exact command for that system: a test is never
 * skipped in silence because a program is missing. WEIQUAN_PRETEST_INSTALL=never: only check, never install.
 *
 * The decisions are pure functions (exported for the unit tests); only main() looks at the machine.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the tests need, and the package that brings it on each kind of system. */
export const REQUIREMENTS = [
  {
    id: 'browser',
    what: 'a Chromium or Chrome browser',
    commands: [['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']],
    packages: { apt: 'chromium', dnf: 'chromium', brew: '--cask chromium', winget: 'Hibbiki.Chromium' },
  },
  {
    id: 'cjk-fonts',
    what: 'the Noto CJK fonts (sans and serif)',
    fonts: ['NotoSansCJK-Regular.ttc', 'NotoSerifCJK-Regular.ttc'],
    packages: { apt: 'fonts-noto-cjk', dnf: 'google-noto-sans-cjk-fonts google-noto-serif-cjk-fonts', brew: '--cask font-noto-sans-cjk font-noto-serif-cjk', winget: null },
  },
  {
    id: 'poppler',
    what: 'poppler-utils (pdftotext, pdfinfo, pdfimages, pdffonts, pdftoppm)',
    commands: [['pdftotext'], ['pdfinfo'], ['pdfimages'], ['pdffonts'], ['pdftoppm']],
    packages: { apt: 'poppler-utils', dnf: 'poppler-utils', brew: 'poppler', winget: 'oschwartz10612.Poppler' },
  },
  {
    id: 'qpdf',
    what: 'qpdf',
    commands: [['qpdf']],
    packages: { apt: 'qpdf', dnf: 'qpdf', brew: 'qpdf', winget: 'QPDF.QPDF' },
  },
  {
    id: 'openssl',
    what: 'openssl (the tests run a time-stamp authority with it)',
    commands: [['openssl']],
    packages: { apt: 'openssl', dnf: 'openssl', brew: 'openssl', winget: 'ShiningLight.OpenSSL.Light' },
  },
];

/** Which requirements are missing, given how to look a command and a font up. */
export function missingRequirements(requirements, { hasCommand, hasFont }) {
  return requirements.filter((req) => {
    const commandsOk = (req.commands ?? []).every((alternatives) => alternatives.some((name) => hasCommand(name)));
    const fontsOk = (req.fonts ?? []).every((file) => hasFont(file));
    return !(commandsOk && fontsOk);
  });
}

/** The package manager of this system: apt, dnf, brew or winget (undefined: none we know). */
export function packageManagerFor({ platform, osRelease, hasCommand }) {
  if (platform === 'darwin') return 'brew';
  if (platform === 'win32') return 'winget';
  const ids = /^ID(_LIKE)?=(.*)$/gm;
  const family = [...(osRelease ?? '').matchAll(ids)].map((m) => m[2].replace(/"/g, '')).join(' ');
  if (/\b(debian|ubuntu)\b/.test(family)) return 'apt';
  if (/\b(fedora|rhel|centos)\b/.test(family)) return 'dnf';
  if (hasCommand('apt-get')) return 'apt';
  if (hasCommand('dnf')) return 'dnf';
  return undefined;
}

/** The exact command that installs the missing requirements on this system. */
export function installCommand(manager, missing, { root }) {
  const names = (pm) => missing.map((req) => req.packages[pm]).filter(Boolean);
  const sudo = root ? '' : 'sudo ';
  switch (manager) {
    case 'apt':
      return `${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends ${names('apt').join(' ')}`;
    case 'dnf':
      return `${sudo}dnf install -y ${names('dnf').join(' ')}`;
    case 'brew': {
      const casks = names('brew').filter((n) => n.startsWith('--cask ')).map((n) => n.slice(7));
      const formulae = names('brew').filter((n) => !n.startsWith('--cask '));
      return [formulae.length ? `brew install ${formulae.join(' ')}` : '', casks.length ? `brew install --cask ${casks.join(' ')}` : ''].filter(Boolean).join(' && ');
    }
    case 'winget': {
      const ids = names('winget');
      const lines = ids.map((id) => `winget install --id ${id} -e`);
      if (missing.some((req) => req.packages.winget === null)) lines.push('(Noto Sans CJK / Noto Serif CJK: install the font files from the Noto CJK release into Settings > Fonts)');
      return lines.join(' && ');
    }
    default:
      return `install: ${missing.map((req) => req.what).join(', ')}`;
  }
}

/**
 * What to do: nothing, install with apt (Debian/Ubuntu as root), or stop with the command.
 * WEIQUAN_PRETEST_INSTALL=never (allowInstall false) always stops, for a machine whose packages you keep yourself.
 */
export function plan({ missing, manager, root, allowInstall = true }) {
  if (missing.length === 0) return { action: 'none' };
  if (manager === 'apt' && root && allowInstall) return { action: 'apt', packages: missing.map((req) => req.packages.apt) };
  return { action: 'stop', command: installCommand(manager, missing, { root }) };
}

// ---------------------------------------------------------------------------------------------------------

function commandLookup(env) {
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const extensions = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  return (name) =>
    dirs.some((dir) =>
      extensions.some((ext) => {
        try {
          accessSync(path.join(dir, name + ext), process.platform === 'win32' ? constants.F_OK : constants.X_OK);
          return true;
        } catch {
          return false;
        }
      }),
    );
}

function fontLookup(env) {
  const home = os.homedir();
  const dirs =
    process.platform === 'darwin'
      ? ['/Library/Fonts', path.join(home, 'Library', 'Fonts')]
      : process.platform === 'win32'
        ? [path.join(env.WINDIR ?? 'C:\\Windows', 'Fonts'), path.join(env.LOCALAPPDATA ?? '', 'Microsoft', 'Windows', 'Fonts')]
        : ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/google-noto-cjk', '/usr/share/fonts/noto-cjk', '/usr/local/share/fonts'];
  return (file) => dirs.some((dir) => existsSync(path.join(dir, file)));
}

function check(env) {
  const hasCommand = commandLookup(env);
  return missingRequirements(REQUIREMENTS, { hasCommand, hasFont: fontLookup(env) });
}

function runOrStop(command, args, env) {
  console.error(`pretest: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.status !== 0) {
    console.error(`pretest: "${command} ${args.join(' ')}" failed (${result.error?.message ?? `exit ${result.status}`})`);
    process.exit(1);
  }
}

function main() {
  const env = process.env;
  const missing = check(env);
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  let osRelease;
  try {
    osRelease = readFileSync('/etc/os-release', 'utf8');
  } catch {
    osRelease = undefined;
  }
  const manager = packageManagerFor({ platform: process.platform, osRelease, hasCommand: commandLookup(env) });
  const next = plan({ missing, manager, root, allowInstall: env.WEIQUAN_PRETEST_INSTALL !== 'never' });
  if (next.action === 'none') {
    console.error('pretest: browser, CJK fonts, poppler-utils, qpdf and openssl are present');
    return;
  }
  console.error(`pretest: the tests need ${missing.map((req) => req.what).join('; ')}`);
  if (next.action === 'stop') {
    console.error(`pretest: install ${missing.length === 1 ? 'it' : 'them'}, then run npm test again:\n\n  ${next.command}\n`);
    process.exit(1);
  }
  runOrStop('apt-get', ['update'], env);
  runOrStop('apt-get', ['install', '-y', '--no-install-recommends', ...next.packages.flatMap((p) => p.split(' '))], env);
  const still = check(env);
  if (still.length > 0) {
    console.error(`pretest: still missing after apt-get install: ${still.map((req) => req.what).join('; ')}`);
    process.exit(1);
  }
  console.error(`pretest: installed ${next.packages.join(' ')}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
