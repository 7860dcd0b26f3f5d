#!/usr/bin/env node
// The start-up files (npm run build runs this after tsc): src/main.ts and everything it imports bundled into
// dist/bundle/, one ES module, each command's lazy import() its own chunk, so a run loads a few files instead
// of a hundred. The small packages every run needs are bundled too (with what they import); the rest stay in
// node_modules as installed, loaded lazily as in the source: their files, fonts and native parts stay where
// they expect to be.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bundled packages: pure JavaScript, no files of their own read at run time. */
const BUNDLED = new Set(['commander', 'zod', 'luxon', 'cli-table3', 'get-east-asian-width', 'env-paths', 'chalk', 'yocto-spinner', 'proper-lockfile', 'write-file-atomic']);
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
await build({
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
});
