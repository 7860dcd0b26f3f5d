import { fileURLToPath } from 'node:url';
import { EnvironmentError } from './errors.js';

/**
 * Optional packages: heavy parts that only some commands need (sharp for images, a HEIC decoder) are
 * optionalDependencies, so `npm install --omit=optional` or a platform without prebuilt binaries still gets a
 * working letter and 12315 package. Every load of such a package goes through here:
 *
 *   const sharp = await requireOptional('sharp');            // missing → exit 3 naming `npm install sharp`
 *   const sharp = await loadOptional('sharp');               // missing → undefined (take another path)
 *
 * Add a package by adding a loader to OPTIONAL_PACKAGES (and to optionalDependencies in package.json).
 */
export const OPTIONAL_PACKAGES = {
  /** images: metadata, rotation, re-encoding, captions, upload copies */
  sharp: async () => (await import('sharp')).default,
  /** HEIC/HEIF (iPhone photos and screenshots): sharp's prebuilt libvips cannot decode HEVC */
  'heic-decode': async () => (await import('heic-decode')).default,
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
  });
}

/** Whether each optional package loads here (for doctor). */
export async function optionalPackageStatus(): Promise<OptionalStatus[]> {
  const names = Object.keys(OPTIONAL_PACKAGES) as OptionalPackageName[];
  return Promise.all(names.map(async (name) => {
    const { module: _module, ...status } = await attempt(name);
    return status;
  }));
}

/**
 * The command that brings the package back. A one-off `npx weiquan …` runs from npx's cache, where an install
 * would not reach it: there the command names both packages for npx. Elsewhere, into the current project (the
 * message adds the way for a global weiquan).
 */
export function installCommand(name: OptionalPackageName, here: string = import.meta.url): string {
  const folders = (here.startsWith('file:') ? fileURLToPath(here) : here).split(/[\\/]/);
  if (folders.includes('_npx')) return `npx -p weiquan -p ${name} weiquan …`;
  return `npm install ${name}`;
}
