#!/usr/bin/env node
/** The `shipshape` command-line entry. */
import { main } from './cli/main';

void main(process.argv.slice(2), {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
  cwd: process.cwd(),
}).then((code) => {
  process.exitCode = code;
});
