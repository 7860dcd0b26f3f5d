import { execFileSync } from 'node:child_process';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXED_NOW, runCli, SAMPLE_ORDER, tempDirs } from '../helpers/cli.js';
import { startTestTsa, type TestTsa } from '../helpers/openssl-tsa.js';

const temp = tempDirs('each');
const tsaFolders = tempDirs('all', 'weiquan-tsa-');
let tsa: TestTsa;

beforeAll(async () => {
  tsa = await startTestTsa(await tsaFolders());
}, 60_000);
afterAll(async () => {
  await tsa?.close();
});

/** A port on 127.0.0.1 with nothing listening: bind one, note it, close it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function snapshotFolder(dir: string, relative = ''): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const entry of await readdir(path.join(dir, relative), { withFileTypes: true })) {
    const child = path.join(relative, entry.name);
    if (entry.isDirectory()) Object.assign(result, await snapshotFolder(dir, child));
    else result[child] = (await readFile(path.join(dir, child))).toString('base64');
  }
  return result;
}

async function caseWithEvidence(): Promise<{ home: string; caseDir: string }> {
  const home = await temp();
  const env = { WEIQUAN_NOW: FIXED_NOW };
  expect((await runCli(['new', ...SAMPLE_ORDER], { home, env })).code).toBe(0);
  const receipt = path.join(home, 'receipt.txt');
  await writeFile(receipt, '支付宝 交易号 2026112022001400001 100.00 元\n');
  expect((await runCli(['evidence', 'add', 'C1', receipt, '--kind', 'payment'], { home, env })).code).toBe(0);
  return { home, caseDir: path.join(home, 'cases', 'C1') };
}

async function flipByte(file: string, at = 0.5): Promise<void> {
  const bytes = await readFile(file);
  const index = Math.floor(bytes.length * at);
  bytes[index] = bytes[index]! ^ 0x01;
  await writeFile(file, bytes);
}

describe('stamp: RFC 3161 timestamps over the journal head', () => {
  it('stamps a case through a local TSA; verify checks the token offline and prints the attested time', async () => {
    const { home, caseDir } = await caseWithEvidence();
    const headBefore = JSON.parse(await readFile(path.join(caseDir, 'case.json'), 'utf8')).journal;
    const stamped = await runCli(['stamp', 'C1', '--tsa', tsa.url, '--json'], { home });
    expect(stamped.stderr).not.toMatch(/✖/);
    expect(stamped.code).toBe(0);
    const [stamp] = JSON.parse(stamped.stdout).stamps;
    expect(stamp).toMatchObject({ id: 'S1', tsa: tsa.url, over: { seq: headBefore.seq, hash: headBefore.head }, signer: 'Test TSA', policy: '1.2.3.4.1', token: { path: 'stamps/S1.tsr' }, chain: { path: 'stamps/S1-chain.pem' } });
    expect(Math.abs(Date.parse(stamp.time) - Date.now())).toBeLessThan(120_000);
    const chain = await readFile(path.join(caseDir, 'stamps', 'S1-chain.pem'), 'utf8');
    expect(chain.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    const journal = (await readFile(path.join(caseDir, 'journal.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    expect(journal.at(-1)).toMatchObject({ type: 'stamp.added', data: { id: 'S1' } });

    const verified = await runCli(['verify', 'C1'], { home });
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain(`Timestamp S1: ${stamp.time}, issued by Test TSA (serial ${stamp.serial}, covers journal entry ${headBefore.seq}), signature valid; chain complete up to a self-signed root`);
    const json = JSON.parse((await runCli(['verify', 'C1', '--json'], { home })).stdout);
    expect(json.stamps).toEqual([expect.objectContaining({ id: 'S1', ok: true, chain: 'complete', time: stamp.time })]);

    // a second stamp from the setting, over the new head (which includes the first stamp's entry)
    expect((await runCli(['config', 'set', 'tsa', tsa.url], { home })).code).toBe(0);
    const again = await runCli(['stamp', 'C1'], { home });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/S2 {2}\d{4}-\d\d-\d\dT.*Test TSA {2}serial [0-9a-f]+ {2}covers journal entry 3/);
    expect((await runCli(['verify', 'C1'], { home })).stdout).toContain('Timestamp S2:');

    // the bundle's integrity appendix lists each stamp and says what it proves
    expect((await runCli(['profile', 'set', '--name', '张三', '--phone', '13800138000', '--address', '北京市朝阳区某某街 1 号'], { home })).code).toBe(0);
    const out = path.join(home, 'pkg');
    const bundle = await runCli(['bundle', 'C1', '-o', out, '--lang', 'zh'], { home });
    expect(bundle.code, bundle.stderr).toBe(0);
    const text = execFileSync('pdftotext', [path.join(out, 'complaint.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('可信时间戳（RFC3161）');
    expect(text).toContain('时间戳不能证明：证据所显示的内容真实');
    expect(text).toContain(`S1TestTSA·${tsa.url}`);
    expect(text).toContain(stamp.serial);
  }, 90_000);

  it('a flipped byte in a token, its chain or an evidence file makes verify exit 1 naming the file', async () => {
    const { home, caseDir } = await caseWithEvidence();
    expect((await runCli(['stamp', 'C1', '--tsa', tsa.url], { home })).code).toBe(0);
    const pristine = await snapshotFolder(caseDir);

    for (const [relative, at] of [['stamps/S1.tsr', 0.5], ['stamps/S1.tsr', 0.97], ['stamps/S1-chain.pem', 0.4]] as const) {
      const file = path.join(caseDir, ...relative.split('/'));
      const original = await readFile(file);
      await flipByte(file, at);
      const result = await runCli(['verify', 'C1'], { home });
      expect(result.code, `${relative} at ${at}`).toBe(1);
      expect(result.stdout).toContain(`${relative} (timestamp S1)`);
      expect(result.stdout).toContain('Timestamp S1 (');
      await writeFile(file, original);
    }
    expect((await runCli(['verify', 'C1'], { home })).code).toBe(0);

    const evidence = Object.keys(pristine).find((name) => name.startsWith(path.join('evidence', 'E1')))!;
    await flipByte(path.join(caseDir, evidence));
    const changed = await runCli(['verify', 'C1'], { home });
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain(evidence.split(path.sep).join('/'));
  }, 60_000);

  it('an unreachable TSA is exit 3 and changes nothing; no TSA named is exit 2', async () => {
    const { home, caseDir } = await caseWithEvidence();
    const before = await snapshotFolder(caseDir);
    const unreachable = await runCli(['stamp', 'C1', '--tsa', `http://127.0.0.1:${await closedPort()}/tsa`, '--tsa', tsa.url], { home });
    expect(unreachable.code).toBe(3);
    expect(unreachable.stderr).toMatch(/Cannot reach the time-stamp authority http:\/\/127\.0\.0\.1:\d+\/tsa: ECONNREFUSED\. The case is unchanged\./);
    expect(await snapshotFolder(caseDir)).toEqual(before);

    const none = await runCli(['stamp', 'C1'], { home });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('No time-stamp authority given');
    const bad = await runCli(['stamp', 'C1', '--tsa', 'ftp://tsa.example.com'], { home });
    expect(bad.code).toBe(2);
    expect(await snapshotFolder(caseDir)).toEqual(before);
  }, 60_000);

  it('autoStamp stamps after an import; a failing TSA then only warns, the evidence is kept', async () => {
    const { home, caseDir } = await caseWithEvidence();
    expect((await runCli(['config', 'set', 'autoStamp', 'true'], { home })).code).toBe(0);
    const file = path.join(home, 'chat.txt');
    await writeFile(file, '客服：已提交技术处理\n');
    const noTsa = await runCli(['evidence', 'add', 'C1', file, '--kind', 'chat'], { home });
    expect(noTsa.code).toBe(0);
    expect(noTsa.stderr).toContain('autoStamp is on but no TSA is set');
    expect((await runCli(['config', 'set', 'tsa', tsa.url], { home })).code).toBe(0);
    const stamped = await runCli(['evidence', 'add', 'C1', file, '--kind', 'chat'], { home });
    expect(stamped.code).toBe(0);
    expect(stamped.stderr).toMatch(/Timestamp S1 added automatically/);
    expect((await runCli(['config', 'set', 'tsa', `http://127.0.0.1:${await closedPort()}/`], { home })).code).toBe(0);
    const failing = await runCli(['evidence', 'add', 'C1', file, '--kind', 'chat'], { home });
    expect(failing.code).toBe(0);
    expect(failing.stderr).toContain('The evidence is saved, but the automatic timestamp failed');
    const record = JSON.parse(await readFile(path.join(caseDir, 'case.json'), 'utf8'));
    expect(record.evidence).toHaveLength(4);
    expect(record.stamps).toHaveLength(1);
    expect((await runCli(['verify', 'C1'], { home })).code).toBe(0);
  }, 60_000);
});
