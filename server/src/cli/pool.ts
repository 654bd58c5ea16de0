/**
 * `shipshape check` over a pool of worker threads. Each worker reads and indexes a share of the
 * project and sends its index entries back serialised; the parent passes each worker the other
 * workers' bytes and the order one process would make the entries in, and each worker, with the
 * whole index, lints its share. Findings come back per file and are put in the parent's file
 * order, so the output does not depend on the number of workers.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { LintResult } from '../engine/engine';
import { pathToFileUri } from '../engine/uri';
import type { IndexedFile } from '../engine/workspace';
import {
  POOL_WORKER_ROLE,
  type FromPoolWorker,
  type IndexJob,
  type PoolWorkerData,
  type ReadOutcome,
  type ToPoolWorker,
} from './pool-protocol';

/**
 * The worker's entry is the CLI itself, which runs as a check worker when started as one: the
 * bundle (dist/cli.js, whose folder is this code's) or, in the tsc output, the `cli.js` above this folder.
 */
function workerEntry(): string {
  const bundled = path.join(__dirname, 'cli.js');
  return fs.existsSync(bundled) ? bundled : path.join(__dirname, '..', 'cli.js');
}

/** What the pool gives back. */
export interface PoolOutcome {
  /** Index entries of every file read, in `files` order (read on demand: only charts need them). */
  entries(): IndexedFile[];
  /** How reading each file to lint went, by path. */
  readonly reads: Map<string, ReadOutcome>;
  /** Lint results by path. */
  readonly results: Map<string, LintResult>;
}

/** A file for the pool: read with `cap`, indexed, and linted when `lint`. */
export type PoolFile = IndexJob;

class PoolWorker {
  private readonly worker: Worker;
  private pending: { resolve(m: FromPoolWorker): void; reject(e: Error): void } | undefined;

  constructor(data: PoolWorkerData, onConfigProblem: (file: string, detail: string) => void) {
    this.worker = new Worker(workerEntry(), { workerData: data });
    this.worker.on('message', (m: FromPoolWorker) => {
      if (m.t === 'unreadable-config') return onConfigProblem(m.file, m.detail);
      const p = this.pending;
      this.pending = undefined;
      if (m.t === 'failed') p?.reject(new Error(m.message));
      else p?.resolve(m);
    });
    this.worker.on('error', (e) => {
      const p = this.pending;
      this.pending = undefined;
      p?.reject(e);
    });
    this.worker.on('exit', (code) => {
      const p = this.pending;
      this.pending = undefined;
      p?.reject(new Error(`a check worker stopped (exit code ${code})`));
    });
  }

  ask(m: ToPoolWorker): Promise<FromPoolWorker> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(m);
    });
  }

  stop(): Promise<number> {
    this.worker.removeAllListeners('exit');
    return this.worker.terminate();
  }
}

/**
 * Into how many runs of consecutive files each worker's share is cut. Runs keep the files of a
 * folder together (a worker that reads a folder looks up its config files and probes its paths
 * once, where dealing single files in turn sent every worker to every folder); several runs per
 * worker spread large and small files, which tend to sit together, across the workers.
 */
const RUNS_PER_WORKER = 8;

/** The worker of the `i`-th of `n` files, dealt out in runs of consecutive files. */
export function workerOf(i: number, n: number, jobs: number): number {
  const run = Math.max(1, Math.ceil(n / (jobs * RUNS_PER_WORKER)));
  return Math.floor(i / run) % jobs;
}

/**
 * Indexes and lints `files` on `jobs` workers. Files to lint are dealt out in runs (see
 * {@link workerOf}); files only indexed are dealt out the same way.
 */
export async function checkInPool(
  files: readonly PoolFile[],
  jobs: number,
  data: Omit<PoolWorkerData, 'role'>,
  onConfigProblem: (file: string, detail: string) => void,
): Promise<PoolOutcome> {
  const seen = new Set<string>();
  const saidOnce = (file: string, detail: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    onConfigProblem(file, detail);
  };
  const workers = Array.from({ length: jobs }, () => new PoolWorker({ ...data, role: POOL_WORKER_ROLE }, saidOnce));
  try {
    const shares: IndexJob[][] = workers.map(() => []);
    const lintCount = files.filter((f) => f.lint).length;
    const indexCount = files.length - lintCount;
    let lintTurn = 0;
    let indexTurn = 0;
    for (const f of files) shares[f.lint ? workerOf(lintTurn++, lintCount, jobs) : workerOf(indexTurn++, indexCount, jobs)]!.push(f);
    const indexed = await Promise.all(workers.map((w, i) => w.ask({ t: 'index', files: shares[i]! })));
    const made = new Set<string>();
    const reads = new Map<string, ReadOutcome>();
    const parts: Uint8Array[] = [];
    for (const m of indexed) {
      if (m.t !== 'indexed') throw new Error(`a check worker answered ${m.t} to index`);
      for (const uri of m.uris) made.add(uri);
      for (const r of m.reads) reads.set(r.path, r);
      parts.push(m.entries);
    }
    const order: string[] = [];
    for (const f of files) {
      const uri = pathToFileUri(f.path);
      if (made.has(uri)) order.push(uri);
    }
    // Entries travel serialised, and are read only by the workers that did not make them: the
    // parent reading and cloning every entry again for each worker was most of the pool's serial time.
    const linted = await Promise.all(workers.map((w, i) => w.ask({ t: 'lint', order, others: parts.filter((_, j) => j !== i) })));
    const results = new Map<string, LintResult>();
    for (const m of linted) {
      if (m.t !== 'linted') throw new Error(`a check worker answered ${m.t} to lint`);
      for (const r of m.results) results.set(r.path, r.result);
    }
    const entries = () => {
      const byUri = new Map<string, IndexedFile>();
      for (const part of parts) for (const e of v8.deserialize(part) as IndexedFile[]) byUri.set(e.uri, e);
      return order.map((uri) => byUri.get(uri)!);
    };
    return { entries, reads, results };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
}
