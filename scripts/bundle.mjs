#!/usr/bin/env node
// The start-up files (npm run build runs this after tsc): src/main.ts and everything it imports bundled into
// dist/bundle/, one ES module, each command's lazy import() its own chunk, so a run loads a few files instead
// of a hundred. The small packages every run needs are bundled too (with what they import); the rest stay in
// node_modules as installed, loaded lazily as in the source: their files, fonts and native parts stay where
// they expect to be.
import { build } from 'esbuild';
import { BUNDLED } from './bundled-packages.mjs';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageName = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
const outsidePackages = {
  name: 'outside-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, ({ path: specifier, importer }) => {
      if (specifier.startsWith('node:')) return { path: specifier, external: true };
      // what a bundled package imports is bundled with it
      if (BUNDLED.has(packageName(specifier)) || importer.split(path.sep).includes('node_modules')) return undefined;
      return { path: specifier, external: true };
    });
  },
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: ['src/main.ts'],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  plugins: [outsidePackages],
  // the bundled CommonJS packages require Node's own modules, and write-file-atomic names its temporary files
  // after __filename
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url); const __filename = import.meta.filename;" },
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
  metafile: true,
});

// The licences of the packages inside the bundle travel with it (they are not installed beside it).
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const parts = input.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) continue;
  const dir = parts.slice(0, at + (parts[at + 1].startsWith('@') ? 3 : 2)).join('/');
  packages.set(path.join(root, dir), true);
}
const notices = [...packages.keys()].sort().map((dir) => {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const file = readdirSync(dir).find((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name));
  const text = file ? readFileSync(path.join(dir, file), 'utf8').trim() : `License: ${manifest.license ?? 'see the package'}`;
  return `${manifest.name}@${manifest.version} (${manifest.license ?? 'unknown'})\n\n${text}\n`;
});
writeFileSync(path.join(outdir, 'THIRD-PARTY-LICENSES.txt'), `Packages bundled into these files, with their licences.\n\n${notices.join(`\n${'-'.repeat(72)}\n\n`)}`);
if (!existsSync(path.join(outdir, 'main.js'))) throw new Error('the bundle has no main.js');
