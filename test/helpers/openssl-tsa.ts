/**
 * A throw-away RFC 3161 time-stamp authority for tests: openssl makes a CA and a TSA certificate
 * (extendedKeyUsage critical, timeStamping) in a temp folder, and `openssl ts -reply` answers each request
 * posted to a small HTTP server on 127.0.0.1.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type TestTsa = { url: string; requests: () => number; close: () => Promise<void> };

async function openssl(cwd: string, args: string[]): Promise<void> {
  await run('openssl', args, { cwd, timeout: 30_000 });
}

/** Make the CA, the TSA certificate and the openssl ts configuration under `dir`. */
export async function makeTsaFiles(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'tsa-ext.cnf'), 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\n');
  await writeFile(path.join(dir, 'serial'), '01\n');
  await writeFile(
    path.join(dir, 'ts.cnf'),
    [
      '[ tsa ]',
      'default_tsa = tsa_config',
      '[ tsa_config ]',
      `dir = ${dir.replace(/\\/g, '/')}`,
      'serial = $dir/serial',
      'signer_cert = $dir/tsa.crt',
      'certs = $dir/ca.crt',
      'signer_key = $dir/tsa.key',
      'signer_digest = sha256',
      'default_policy = 1.2.3.4.1',
      'digests = sha256',
      'accuracy = secs:1',
      'ess_cert_id_chain = no',
      'ess_cert_id_alg = sha256',
      '',
    ].join('\n'),
  );
  await openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '3650', '-subj', '/CN=Test Root CA/O=weiquan tests', '-set_serial', '1', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  await openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'tsa.key', '-out', 'tsa.csr', '-subj', '/CN=Test TSA/O=weiquan tests']);
  await openssl(dir, ['x509', '-req', '-in', 'tsa.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-set_serial', '2', '-days', '3650', '-extfile', 'tsa-ext.cnf', '-out', 'tsa.crt']);
}

/** Serve `openssl ts -reply` on 127.0.0.1 (a random port). One request at a time; each reply has a fresh serial. */
export async function startTestTsa(dir: string): Promise<TestTsa> {
  await makeTsaFiles(dir);
  let count = 0;
  let queue = Promise.resolve();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      queue = queue.then(async () => {
        count += 1;
        const query = path.join(dir, `q${count}.tsq`);
        const reply = path.join(dir, `r${count}.tsr`);
        try {
          await writeFile(query, Buffer.concat(chunks));
          await openssl(dir, ['ts', '-reply', '-config', 'ts.cnf', '-queryfile', query, '-chain', 'ca.crt', '-out', reply]);
          const body = await readFile(reply);
          response.writeHead(200, { 'content-type': 'application/timestamp-reply', 'content-length': body.length });
          response.end(body);
        } catch (error) {
          response.writeHead(500);
          response.end(String(error));
        }
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    requests: () => count,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
