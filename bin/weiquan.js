#!/usr/bin/env node
// Enable the on-disk compile cache where Node has one (22.1+), then hand over to the compiled CLI.
import module from 'node:module';

module.enableCompileCache?.();
const { main } = await import('../dist/bundle/main.js');
process.exitCode = await main(process.argv.slice(2), {
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
