#!/usr/bin/env node
// Enable the on-disk compile cache where Node has one (22.1+), then hand over to the compiled CLI.
import module from 'node:module';

module.enableCompileCache?.();
// `weiquan due | head`: once the reader has gone, stop quietly (as `git log | head` does), not with a stack trace
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}
const { main } = await import('../dist/bundle/main.js');
process.exitCode = await main(process.argv.slice(2), {
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
