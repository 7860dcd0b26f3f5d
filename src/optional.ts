import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EnvironmentError } from './errors.js';

/**
 * Optional packages: heavy parts that only some commands need (sharp for images, a HEIC decoder, a packaged
 * CJK font, the clipboard for next --copy) are optional peer dependencies, which npm does not install unless asked (`npm install sharp`):
 * the default install stays light, and a letter and a 12315 package of PDFs and PNGs work without them.
 * Every load of such a package goes through here:
 *
 *   const sharp = await requireOptional('sharp');            // missing → exit 3 naming `npm install sharp`
 *   const sharp = await loadOptional('sharp');               // missing → undefined (take another path)
 *
 * Add a package by adding a loader to OPTIONAL_PACKAGES (and to peerDependencies, peerDependenciesMeta as
 * optional, and devDependencies in package.json; test/unit/package-manifest.test.ts checks all three).
 */
export const OPTIONAL_PACKAGES = {
  /** images: metadata, rotation, re-encoding, captions, upload copies */
  sharp: async () => {
    const sharp = (await import('sharp')).default;
    // no operation cache: each image is read once or twice, and the cache only holds decoded pixels longer
    sharp.cache(false);
    return sharp;
  },
  /** HEIC/HEIF (iPhone photos and screenshots): sharp's prebuilt libvips cannot decode HEVC */
  'heic-decode': async () => (await import('heic-decode')).default,
  /** the system clipboard for next --copy (a convenience: the message is printed in any case) */
  clipboardy: async () => (await import('clipboardy')).default,
  /** the CJK font used when the system has none (see src/documents/fonts.ts) */
  '@embedpdf/fonts-sc': async () => {
    const { createRequire } = await import('node:module');
    // only the path: the package's entry lists its font files, which are read by src/documents/packaged-font.ts
    return createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
  },
} as const;

export type OptionalPackageName = keyof typeof OPTIONAL_PACKAGES;
type Loaded<N extends OptionalPackageName> = Awaited<ReturnType<(typeof OPTIONAL_PACKAGES)[N]>>;

/** Why a package could not be used: not installed at all, or installed but failing to load (a wrong-platform binary). */
export type OptionalStatus = { name: OptionalPackageName; available: true } | { name: OptionalPackageName; available: false; reason: 'missing' | 'broken'; detail: string };

const loaded = new Map<OptionalPackageName, Promise<OptionalStatus & { module?: unknown }>>();

function isMissing(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

function attempt<N extends OptionalPackageName>(name: N): Promise<OptionalStatus & { module?: unknown }> {
  let pending = loaded.get(name);
  if (!pending) {
    pending = OPTIONAL_PACKAGES[name]().then(
      (module: unknown) => ({ name, available: true as const, module }),
      (error: unknown) => ({
        name,
        available: false as const,
        reason: isMissing(error) ? ('missing' as const) : ('broken' as const),
        detail: error instanceof Error ? error.message.split('\n')[0]! : String(error),
      }),
    );
    loaded.set(name, pending);
  }
  return pending;
}

/** The package, or undefined when it is not installed or does not load on this machine. */
export async function loadOptional<N extends OptionalPackageName>(name: N): Promise<Loaded<N> | undefined> {
  const status = await attempt(name);
  return status.available ? (status.module as Loaded<N>) : undefined;
}

/** The package, or exit 3 with the command that installs it. */
export async function requireOptional<N extends OptionalPackageName>(name: N): Promise<Loaded<N>> {
  const status = await attempt(name);
  if (status.available) return status.module as Loaded<N>;
  throw new EnvironmentError(status.reason === 'missing' ? 'optional.missing' : 'optional.broken', { package: name, detail: status.detail }, 'optional.install', {
    command: installCommand(name),
    package: name,
  });
}

/** Whether each optional package loads here, and the command that installs it (for doctor). */
export async function optionalPackageStatus(): Promise<Array<OptionalStatus & { install: string }>> {
  const names = Object.keys(OPTIONAL_PACKAGES) as OptionalPackageName[];
  return Promise.all(names.map(async (name) => {
    const { module: _module, ...status } = await attempt(name);
    return { ...status, install: installCommand(name) };
  }));
}

/**
 * The command that installs the package where this weiquan finds it. A one-off `npx weiquan …` runs from npx's
 * cache, where an install would not reach it: there the command names both packages for npx. A global weiquan
 * (npm's global folder: node_modules directly inside `lib`, or inside the prefix on Windows, where no
 * package.json sits above it) finds packages installed globally beside it. Elsewhere, into the current project.
 */
export function installCommand(names: OptionalPackageName | readonly OptionalPackageName[], here: string = import.meta.url): string {
  const list = typeof names === 'string' ? [names] : names;
  const folders = (here.startsWith('file:') ? fileURLToPath(here) : here).split(/[\\/]/);
  if (folders.includes('_npx')) return `npx -p weiquan ${list.map((name) => `-p ${name}`).join(' ')} weiquan …`;
  const modules = folders.lastIndexOf('node_modules');
  const global = modules > 0 && folders[modules + 1] === 'weiquan' && isGlobalFolder(folders.slice(0, modules));
  return `npm install ${global ? '-g ' : ''}${list.join(' ')}`;
}

/** npm's global packages: {prefix}/lib/node_modules (Unix) or %AppData%\\npm\\node_modules (Windows). */
function isGlobalFolder(above: string[]): boolean {
  const parent = above.at(-1)?.toLowerCase();
  const named = parent === 'lib' || (parent === 'npm' && above.some((folder) => folder.toLowerCase() === 'appdata'));
  // a project that happens to be called lib has its package.json there
  return named && !existsSync(path.join(above.join(path.sep) || path.sep, 'package.json'));
}
