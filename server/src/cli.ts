#!/usr/bin/env node
/** The `shipshape` command-line entry. */
import { main } from './cli/main';
import { isPoolWorker, runPoolWorker } from './cli/pool-worker';

// `check --jobs N` starts this file again as its worker threads.
if (isPoolWorker()) runPoolWorker();
else
  void main(process.argv.slice(2), {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
    cwd: process.cwd(),
  }).then((code) => {
    process.exitCode = code;
  });
