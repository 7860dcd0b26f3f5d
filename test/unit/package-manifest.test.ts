import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { NODE_ENGINES, checkNode, nodeSupported } from '../../src/environment/doctor-checks.js';
import { OPTIONAL_PACKAGES, installCommand } from '../../src/optional.js';
// @ts-expect-error a plain .mjs script without types
import { BUNDLED } from '../../scripts/bundled-packages.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
type Manifest = {
  engines: { node: string };
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
};
type LockEntry = { version?: string; dev?: boolean; optional?: boolean; engines?: { node?: string } | string[]; dependencies?: Record<string, string> };
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };

describe('package.json', () => {
  it('engines.node is the range doctor checks', () => {
    expect(manifest.engines.node).toBe(NODE_ENGINES);
  });

  it('engines are honest: every package a user installs or gets inside the bundle accepts the oldest Node of each supported line', () => {
    const floors = NODE_ENGINES.split('||').map((part) => semver.minVersion(part.trim())!.version);
    expect(floors).toEqual(['20.19.0', '22.12.0']);
    const bundled = bundledLockEntries();
    const refused: string[] = [];
    for (const [where, entry] of Object.entries(lock.packages)) {
      if (!where || (entry.dev && !bundled.has(where)) || Array.isArray(entry.engines) || !entry.engines?.node) continue;
      for (const floor of [...floors, '24.0.0']) {
        if (!semver.satisfies(floor, entry.engines.node)) refused.push(`${where}@${entry.version} needs ${entry.engines.node} (not ${floor})`);
      }
    }
    expect(refused).toEqual([]);
  });

  it('a package the bundle carries (scripts/bundled-packages.mjs) is a devDependency, not installed again with weiquan', () => {
    for (const name of BUNDLED as Set<string>) {
      expect(manifest.dependencies[name], name).toBeUndefined();
      expect(manifest.devDependencies[name], name).toBeDefined();
    }
  });

  it('doctor: older Node lines fail, Node 20 warns (end of life), 22 and 24 pass', () => {
    expect(['v18.20.0', 'v20.18.1', 'v21.7.3', 'v22.11.0'].map((v) => nodeSupported(v))).toEqual([false, false, false, false]);
    expect(['v20.19.0', 'v22.12.0', 'v23.0.0', 'v24.11.1'].map((v) => nodeSupported(v))).toEqual([true, true, true, true]);
    expect(checkNode('v20.18.1').status).toBe('fail');
    expect(checkNode('v20.19.5').status).toBe('warn');
    expect(checkNode('v24.11.1').status).toBe('ok');
  });

  it('every optional package the code loads is an optional peer (npm leaves it out by default) and a dev dependency (tests and the demo have it), never installed with weiquan', () => {
    for (const name of Object.keys(OPTIONAL_PACKAGES)) {
      expect(manifest.peerDependencies?.[name], name).toBeDefined();
      expect(manifest.peerDependenciesMeta?.[name]?.optional, name).toBe(true);
      expect(manifest.devDependencies[name], name).toBe(manifest.peerDependencies?.[name]);
      expect(manifest.dependencies[name], name).toBeUndefined();
      expect(manifest.optionalDependencies?.[name], name).toBeUndefined();
    }
    expect(Object.keys(manifest.peerDependencies ?? {}).sort()).toEqual(Object.keys(OPTIONAL_PACKAGES).sort());
  });

  it('the install command for a missing optional package: npm install in a project, both packages for a one-off npx run', () => {
    expect(installCommand('sharp', 'file:///home/li/project/node_modules/weiquan/dist/optional.js')).toBe('npm install sharp');
    expect(installCommand('sharp', 'file:///home/li/.npm/_npx/5f1c0a/node_modules/weiquan/dist/optional.js')).toBe('npx -p weiquan -p sharp weiquan …');
    expect(installCommand('heic-decode', 'C:\\Users\\li\\AppData\\Local\\npm-cache\\_npx\\5f1c0a\\node_modules\\weiquan\\dist\\optional.js')).toBe('npx -p weiquan -p heic-decode weiquan …');
    expect(installCommand(['sharp', 'heic-decode'], 'file:///home/li/.npm/_npx/5f1c0a/node_modules/weiquan/dist/optional.js')).toBe('npx -p weiquan -p sharp -p heic-decode weiquan …');
    expect(installCommand(['sharp', '@embedpdf/fonts-sc'], 'file:///home/li/project/node_modules/weiquan/dist/optional.js')).toBe('npm install sharp @embedpdf/fonts-sc');
  });

  it('a global weiquan (npm\'s global folder) gets npm install -g, where it finds the package beside it', () => {
    expect(installCommand('sharp', 'file:///usr/local/lib/node_modules/weiquan/dist/optional.js')).toBe('npm install -g sharp');
    expect(installCommand('sharp', 'file:///home/li/.nvm/versions/node/v22.12.0/lib/node_modules/weiquan/dist/optional.js')).toBe('npm install -g sharp');
    expect(installCommand('sharp', 'C:\\Users\\li\\AppData\\Roaming\\npm\\node_modules\\weiquan\\dist\\optional.js')).toBe('npm install -g sharp');
    // a project's own dependency inside a folder named lib, or weiquan's dependencies' folder, is not global
    expect(installCommand('sharp', 'file:///home/li/lib/app/node_modules/weiquan/dist/optional.js')).toBe('npm install sharp');
  });
});

/** The lockfile entries of the bundled packages and of everything they depend on (all inside the bundle). */
function bundledLockEntries(): Set<string> {
  const found = new Set<string>();
  const resolve = (from: string, name: string): string | undefined => {
    for (let base = from; ; ) {
      const where = `${base ? `${base}/` : ''}node_modules/${name}`;
      if (lock.packages[where]) return where;
      if (!base) return undefined;
      const at = base.lastIndexOf('/node_modules/');
      base = at < 0 ? '' : base.slice(0, at);
    }
  };
  const pending = [...(BUNDLED as Set<string>)].map((name) => resolve('', name));
  while (pending.length > 0) {
    const where = pending.pop();
    if (!where || found.has(where)) continue;
    found.add(where);
    for (const name of Object.keys(lock.packages[where]?.dependencies ?? {})) pending.push(resolve(where, name));
  }
  return found;
}
