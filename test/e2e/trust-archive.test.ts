import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { foldJournal, type JournalEntry } from '../../src/core/case-events.js';
import { CaseSchema } from '../../src/core/case-model.js';
import { sealEntry } from '../../src/core/journal-chain.js';
import { extractZip, listFiles, writeZip } from '../../src/store/zip-archive.js';
import { FIXED_NOW, runCli, SAMPLE_ORDER, tempDirs } from '../helpers/cli.js';

const temp = tempDirs();
const env = { WEIQUAN_NOW: FIXED_NOW };

/** A real case with one imported evidence file, exported and unpacked for tampering. */
async function exportedCase() {
  const [home, out] = [await temp(), await temp()];
  expect((await runCli(['new', ...SAMPLE_ORDER], { home, env })).code).toBe(0);
  const photo = path.join(out, 'chat.png');
  await writeFile(photo, Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'));
  const added = await runCli(['evidence', 'add', 'C1', photo, '--kind', 'chat'], { home, env });
  expect(added.code, added.stderr).toBe(0);
  const zip = path.join(out, 'c1.zip');
  expect((await runCli(['export', 'C1', '-o', zip], { home, env })).code).toBe(0);
  const unpacked = path.join(out, 'unpacked');
  await extractZip(zip, unpacked);
  return { home, out, folder: path.join(unpacked, 'C1'), unpacked };
}

async function readEntries(folder: string): Promise<JournalEntry[]> {
  return (await readFile(path.join(folder, 'journal.jsonl'), 'utf8'))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as JournalEntry);
}

/** What an attacker can do: change the entries, re-seal the whole chain, rebuild case.json and the manifest. */
async function rechain(folder: string, change: (entries: JournalEntry[]) => void, options: { manifest?: boolean } = {}) {
  const entries = await readEntries(folder);
  change(entries);
  const sealed: JournalEntry[] = [];
  let prev = '0'.repeat(64);
  for (const [index, entry] of entries.entries()) {
    const next = sealEntry(index + 1, entry.at, entry.type, entry.data, prev);
    sealed.push(next);
    prev = next.hash;
  }
  await writeFile(path.join(folder, 'journal.jsonl'), sealed.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
  await writeFile(path.join(folder, 'case.json'), `${JSON.stringify(CaseSchema.parse(foldJournal(sealed)), null, 2)}\n`);
  if (options.manifest !== false) await rewriteManifest(folder);
}

async function rewriteManifest(folder: string) {
  const manifestFile = path.join(folder, 'weiquan-export.json');
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8'));
  const files = (await listFiles(folder)).filter((name) => name !== 'weiquan-export.json');
  manifest.files = [];
  for (const name of files) {
    const content = await readFile(path.join(folder, ...name.split('/')));
    manifest.files.push({ path: name, sha256: createHash('sha256').update(content).digest('hex'), size: content.length });
  }
  await writeFile(manifestFile, JSON.stringify(manifest, null, 2));
}

async function zipUp(unpacked: string, target: string) {
  await writeZip(target, unpacked, await listFiles(unpacked));
  return target;
}

function evidenceEntry(entries: JournalEntry[]) {
  return entries.find((entry) => entry.type === 'evidence.added')!.data as { files: { path: string; sha256: string; size: number }[] };
}

describe('import never reaches outside the case', () => {
  it('refuses a re-chained journal whose evidence path climbs out of the case, leaving the outside file untouched', async () => {
    const { out, folder, unpacked } = await exportedCase();
    const other = await temp();
    const outside = path.join(other, 'outside.txt');
    await writeFile(outside, 'private bytes\n');
    await chmod(outside, 0o644);
    const before = await stat(outside);
    // from <home>/cases/<staging>/C1/evidence/E1 (during import) five levels up is the data home
    await rechain(folder, (entries) => {
      const file = evidenceEntry(entries).files[0]!;
      file.path = 'evidence/E1/../../../../../outside.txt';
      file.sha256 = createHash('sha256').update('private bytes\n').digest('hex');
      file.size = 14;
    });
    const run = await runCli(['import', await zipUp(unpacked, path.join(out, 'escape.zip'))], { home: other, env });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('evidence/E1/../../../../../outside.txt');
    expect(await readdir(path.join(other, 'cases')).catch(() => [])).toEqual([]);
    expect(await readFile(outside, 'utf8')).toBe('private bytes\n');
    expect((await stat(outside)).mode & 0o777).toBe(before.mode & 0o777);
  });

  it('refuses an absolute evidence path', async () => {
    const { out, folder, unpacked } = await exportedCase();
    await rechain(folder, (entries) => {
      evidenceEntry(entries).files[0]!.path = '/etc/hostname';
    });
    const run = await runCli(['import', await zipUp(unpacked, path.join(out, 'absolute.zip'))], { home: await temp(), env });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('/etc/hostname');
  });

  it('refuses evidence that does not match the journal even when the manifest was recomputed', async () => {
    const { out, folder, unpacked } = await exportedCase();
    const [evidenceFile] = (await listFiles(folder)).filter((name) => name.startsWith('evidence/'));
    await writeFile(path.join(folder, ...evidenceFile!.split('/')), 'forged picture');
    await rewriteManifest(folder);
    const other = await temp();
    const run = await runCli(['import', await zipUp(unpacked, path.join(out, 'forged.zip'))], { home: other, env });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(evidenceFile!);
    expect(await readdir(path.join(other, 'cases')).catch(() => [])).toEqual([]);
  });

  it('refuses a case.json that disagrees with the journal', async () => {
    const { out, folder, unpacked } = await exportedCase();
    const record = JSON.parse(await readFile(path.join(folder, 'case.json'), 'utf8'));
    record.order.amountFen = 999900;
    await writeFile(path.join(folder, 'case.json'), JSON.stringify(record, null, 2));
    await rewriteManifest(folder);
    const run = await runCli(['import', await zipUp(unpacked, path.join(out, 'edited.zip'))], { home: await temp(), env });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('case.json');
  });

  it('refuses an archive holding a second case folder', async () => {
    const { out, folder, unpacked } = await exportedCase();
    await mkdir(path.join(unpacked, 'C9'));
    await writeFile(path.join(unpacked, 'C9', 'case.json'), await readFile(path.join(folder, 'case.json')));
    const run = await runCli(['import', await zipUp(unpacked, path.join(out, 'two.zip'))], { home: await temp(), env });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('C9');
  });

  it('refuses an archive larger than the limit before extracting anything', async () => {
    const { importCase } = await import('../../src/store/case-archive.js');
    const { CaseStore } = await import('../../src/store/case-store.js');
    const { out, unpacked } = await exportedCase();
    const zip = await zipUp(unpacked, path.join(out, 'big.zip'));
    const other = await temp();
    const store = new CaseStore(other);
    await expect(importCase(store, zip, new Date(FIXED_NOW), { maxBytes: 100 })).rejects.toMatchObject({ key: 'import.tooLarge', exitCode: 2 });
    // nothing was extracted: no staging folder, no case
    expect(await readdir(path.join(other, 'cases')).catch(() => [])).toEqual([]);
  });
});

describe('stored paths are checked again at every use', () => {
  it('verify, bundle, letter and export refuse an evidence path that leaves the case (exit 3 naming the entry)', async () => {
    const { home, out } = await exportedCase();
    const caseDir = path.join(home, 'cases', 'C1');
    const outside = path.join(home, 'outside.txt');
    await writeFile(outside, 'private bytes\n');
    await chmod(outside, 0o644);
    // rewrite the local case as a forged import would have left it: <home>/cases/C1/evidence/E1, four levels up
    await rechain(caseDir, (entries) => {
      const file = evidenceEntry(entries).files[0]!;
      file.path = 'evidence/E1/../../../../outside.txt';
      file.sha256 = createHash('sha256').update('private bytes\n').digest('hex');
      file.size = 14;
    }, { manifest: false });
    const verify = await runCli(['verify', 'C1'], { home, env });
    expect(verify.code).toBe(1);
    expect(verify.stdout + verify.stderr).toContain('outside.txt');
    await runCli(['profile', 'set', '--name', '张三', '--phone', '13800138000', '--address', '北京市'], { home, env });
    for (const args of [['bundle', 'C1', '-o', path.join(out, 'b')], ['export', 'C1', '-o', path.join(out, 'again.zip')]]) {
      const run = await runCli(args, { home, env });
      expect(run.code, `${args[0]}: ${run.stderr}`).toBe(3);
      expect(run.stderr).toContain('E1');
    }
    expect((await stat(outside)).mode & 0o777).toBe(0o644);
    expect(existsSync(path.join(out, 'b'))).toBe(false);
  });

  it('verify reports an evidence file replaced by a symbolic link', async () => {
    const { home, out } = await exportedCase();
    const caseDir = path.join(home, 'cases', 'C1');
    const [evidenceFile] = (await listFiles(caseDir)).filter((name) => name.startsWith('evidence/'));
    const target = path.join(caseDir, ...evidenceFile!.split('/'));
    const copy = path.join(out, 'copy.png');
    await writeFile(copy, await readFile(target));
    await rm(target);
    await symlink(copy, target);
    const verify = await runCli(['verify', 'C1'], { home, env });
    expect(verify.code).toBe(1);
    expect(verify.stdout + verify.stderr).toMatch(/symbolic link/);
  });
});
