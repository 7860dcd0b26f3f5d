import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mask, redactCase } from '../../src/core/case-export.js';
import { CaseStore } from '../../src/store/case-store.js';
import { extractZip, writeZip } from '../../src/store/zip-archive.js';
import { FIXED_NOW, runCli, SAMPLE_ORDER, tempDirs } from '../helpers/cli.js';

const temp = tempDirs();
const env = { WEIQUAN_NOW: FIXED_NOW };

describe('export and import of a case folder', () => {
  it('round-trips a case to another data home under a new id, with the chain intact', async () => {
    const [homeA, homeB, out] = [await temp(), await temp(), await temp()];
    await runCli(['new', ...SAMPLE_ORDER], { home: homeA, env });
    await runCli(['edit', 'C1', '--status', '仍在处理中'], { home: homeA, env });
    await mkdir(path.join(homeA, 'cases/C1/out'));
    await writeFile(path.join(homeA, 'cases/C1/out/letter.pdf'), '%PDF-1.7 pretend');
    const zip = path.join(out, 'c1.zip');
    const exported = await runCli(['export', 'C1', '-o', zip, '--json'], { home: homeA, env });
    expect(exported.code, exported.stderr).toBe(0);
    const manifest = JSON.parse(exported.stdout);
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(['case.json', 'journal.jsonl', 'out/letter.pdf']);

    await runCli(['new', ...SAMPLE_ORDER.map((a) => (a === 'KM20261120001' ? 'OTHER-1' : a))], { home: homeB, env });
    const imported = await runCli(['import', zip], { home: homeB, env });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout.trim()).toBe('C2');
    const store = new CaseStore(homeB);
    const record = await store.load('C2');
    expect(record.id).toBe('C2');
    expect(record.order.status).toBe('仍在处理中');
    const journal = await store.journal('C2');
    expect(journal.chainProblems).toEqual([]);
    expect(journal.entries.at(-1)).toMatchObject({ type: 'case.imported', data: { id: 'C2', originalId: 'C1' } });
    expect(await readFile(path.join(homeB, 'cases/C2/out/letter.pdf'), 'utf8')).toBe('%PDF-1.7 pretend');
    // rebuilding from the journal keeps the new id, and the imported case verifies clean
    expect((await store.rebuild('C2')).id).toBe('C2');
    const verified = await runCli(['verify', 'C2'], { home: homeB, env });
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);

    const again = await runCli(['import', zip], { home: homeB, env });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already here (C2)');
  });

  it('refuses an archive whose files were changed, and writes nothing', async () => {
    const [home, out, other] = [await temp(), await temp(), await temp()];
    await runCli(['new', ...SAMPLE_ORDER], { home, env });
    const zip = path.join(out, 'c1.zip');
    expect((await runCli(['export', 'C1', '-o', zip], { home, env })).code).toBe(0);
    const unpacked = path.join(out, 'unpacked');
    await extractZip(zip, unpacked);
    const journal = path.join(unpacked, 'C1/journal.jsonl');
    await writeFile(journal, (await readFile(journal, 'utf8')).replace('快充卡盟', '慢充卡盟'));
    const tampered = path.join(out, 'tampered.zip');
    const files = (await readdir(path.join(unpacked, 'C1'))).sort();
    await writeZip(tampered, path.join(unpacked, 'C1'), files, { prefix: 'C1' });
    const run = await runCli(['import', tampered], { home: other, env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('journal.jsonl: changed');
    expect(await readdir(path.join(other, 'cases')).catch(() => [])).toEqual([]);
  });

  it('refuses a zip that would write outside its folder, and junk files', async () => {
    const [home, out] = [await temp(), await temp()];
    const src = path.join(out, 'src');
    await mkdir(src);
    await writeFile(path.join(src, 'x'), 'x');
    const { ZipFile } = await import('yazl');
    const zip = new ZipFile();
    zip.addBuffer(Buffer.from('evil'), 'aa/aa/evil.txt'); // yazl refuses "../", so patch the name in afterwards
    zip.end();
    const chunks: Buffer[] = [];
    for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
    const evil = path.join(out, 'evil.zip');
    await writeFile(evil, Buffer.from(Buffer.concat(chunks).toString('latin1').replaceAll('aa/aa/', '../../'), 'latin1'));
    const run = await runCli(['import', evil], { home, env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unsafe|not a readable zip/);
    expect(existsSync(path.join(out, '..', 'evil.txt'))).toBe(false);
    const junk = path.join(out, 'junk.zip');
    await writeFile(junk, 'not a zip');
    expect((await runCli(['import', junk], { home, env })).code).toBe(2);
    expect((await runCli(['import', path.join(out, 'none.zip')], { home, env })).code).toBe(2);
  });

  it('a redacted export masks personal values, leaves out journal and evidence, and cannot be imported', async () => {
    const [home, out] = [await temp(), await temp()];
    await runCli(['new', ...SAMPLE_ORDER], { home, env });
    const zip = path.join(out, 'r.zip');
    expect((await runCli(['export', 'C1', '--redact', '-o', zip], { home, env })).code).toBe(0);
    const unpacked = path.join(out, 'u');
    const names = await extractZip(zip, unpacked);
    expect(names.sort()).toEqual(['C1/case.json', 'C1/weiquan-export.json']);
    const record = JSON.parse(await readFile(path.join(unpacked, 'C1/case.json'), 'utf8'));
    expect(record.order.account).toBe('138******00');
    expect(JSON.stringify(record)).not.toContain('13800138000');
    expect((await runCli(['import', zip], { home: await temp(), env })).stderr).toContain('redacted');
    // an existing file is not overwritten without --yes
    const exists = await runCli(['export', 'C1', '--redact', '-o', zip], { home, env });
    expect(exists.code).toBe(2);
    expect((await runCli(['export', 'C1', '--redact', '-o', zip, '--yes'], { home, env })).code).toBe(0);
  });

  it('masks keep the ends and hide the middle', () => {
    expect(mask('13800138000')).toBe('138******00');
    expect(mask('abc')).toBe('***');
    expect(redactCase).toBeTypeOf('function');
  });
});
