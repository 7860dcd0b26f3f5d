import { spawn } from 'node:child_process';
import { afterAll, afterEach } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin', 'weiquan.js');

export type CliResult = { code: number | null; stdout: string; stderr: string };

/** Spawn the built bin as a script or CI would: no TTY, CI=true, NO_COLOR=1, an isolated data home. */
export function runCli(args: string[], options: { home?: string; env?: NodeJS.ProcessEnv; input?: string; cwd?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        CI: 'true',
        NO_COLOR: '1',
        LANG: 'en_US.UTF-8',
        ...(options.home ? { WEIQUAN_HOME: options.home } : {}),
        ...options.env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** A temp folder that the returned cleanup removes. */
export async function makeTempDir(prefix = 'weiquan-test-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  // a browser's helper processes can still be writing into a profile here for a moment after it exits
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }) };
}

/** The flags of a complete sample order, for `new` and the one-off letter. */
export const SAMPLE_ORDER = [
  '--platform', '快充卡盟',
  '--platform-url', 'https://kachong.example.com',
  '--company', '某某网络科技有限公司',
  '--company-address', '浙江省杭州市余杭区某某路 1 号',
  '--order', 'KM20261120001',
  '--product', '中国移动话费 100 元',
  '--category', 'phone',
  '--account', '13800138000',
  '--amount', '100',
  '--payment-method', '支付宝',
  '--payment-ref', '2026112022001400001',
  '--ordered-at', '2026-11-20 10:00',
  '--paid-at', '2026-11-20 10:01',
  '--promise', '2h',
];

/** A fixed clock for end-to-end runs. */
export const FIXED_NOW = '2026-11-24T12:00:00+08:00';

/**
 * A maker of temp folders for one test file: each folder is removed after each test (`'each'`) or once the
 * file's tests are done (`'all'`). Call at the top level of the test file.
 */
export function tempDirs(scope: 'each' | 'all' = 'each', prefix = 'weiquan-test-'): () => Promise<string> {
  const cleanups: Array<() => Promise<void>> = [];
  (scope === 'each' ? afterEach : afterAll)(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });
  return async () => {
    const temp = await makeTempDir(prefix);
    cleanups.push(temp.cleanup);
    return temp.dir;
  };
}
