/**
 * `shipshape check` over a pool of threads: this one and `jobs - 1` worker threads. Each thread reads
 * and indexes a share of the project; the workers send their index entries back serialised; the
 * parent passes each worker the other threads' bytes and the order one process would make the
 * entries in, and each thread, with the whole index, lints its share. Findings come back per file and
 * are put in the parent's file order, so the output does not depend on the number of threads.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { LintResult } from '../engine/engine';
import { pathToFileUri } from '../engine/uri';
import type { Project } from '../engine/project';
import {
  POOL_WORKER_ROLE,
  type FromPoolWorker,
  type IndexJob,
  type PoolWorkerData,
  type ReadOutcome,
  type ToPoolWorker,
} from './pool-protocol';
import { entriesByUri, PoolShare, serialiseEntries } from './pool-worker';

/**
 * The worker's entry is the CLI itself, which runs as a check worker when started as one: the
 * bundle (dist/cli.js, whose folder is this code's) or, in the tsc output, the `cli.js` above this folder.
 */
function workerEntry(): string {
  const bundled = path.join(__dirname, 'cli.js');
  return fs.existsSync(bundled) ? bundled : path.join(__dirname, '..', 'cli.js');
}

/** What the pool gives back (the parent's project then holds the whole index, in `files` order). */
export interface PoolOutcome {
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
 * Indexes and lints `files` on `jobs` threads: `project`'s (the parent's own share, which spares a
 * worker's start, its copy of the engine and the copying of its findings back) and `jobs - 1`
 * workers. Files to lint are dealt out in runs (see {@link workerOf}); files only indexed are dealt
 * out the same way.
 */
export async function checkInPool(
  files: readonly PoolFile[],
  jobs: number,
  data: Omit<PoolWorkerData, 'role'>,
  onConfigProblem: (file: string, detail: string) => void,
  project: Project,
): Promise<PoolOutcome> {
  const seen = new Set<string>();
  const saidOnce = (file: string, detail: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    onConfigProblem(file, detail);
  };
  const workers = Array.from({ length: jobs - 1 }, () => new PoolWorker({ ...data, role: POOL_WORKER_ROLE }, saidOnce));
  try {
    // Share 0 is this thread's.
    const shares: IndexJob[][] = Array.from({ length: jobs }, () => []);
    const lintCount = files.filter((f) => f.lint).length;
    const indexCount = files.length - lintCount;
    let lintTurn = 0;
    let indexTurn = 0;
    for (const f of files) shares[f.lint ? workerOf(lintTurn++, lintCount, jobs) : workerOf(indexTurn++, indexCount, jobs)]!.push(f);
    const asked = workers.map((w, i) => w.ask({ t: 'index', files: shares[i + 1]! }));
    const local = new PoolShare(project, data.keptParseChars);
    const mine = local.index(shares[0]!);
    const made = new Set<string>(mine.entries.map((e) => e.uri));
    const reads = new Map<string, ReadOutcome>(mine.reads.map((r) => [r.path, r]));
    // The entries of each thread, serialised: this thread's first, then each worker's.
    const parts: Uint8Array[] = [serialiseEntries(mine.entries)];
    for (const m of await Promise.all(asked)) {
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
    // Entries travel serialised, and are read only by the threads that did not make them: the
    // parent reading and cloning every entry again for each worker was most of the pool's serial time.
    const linting = workers.map((w, i) => w.ask({ t: 'lint', order, others: parts.filter((_, j) => j !== i + 1) }));
    const results = new Map<string, LintResult>();
    for (const r of local.lint(order, entriesByUri(parts.slice(1)))) results.set(r.path, r.result);
    for (const m of await Promise.all(linting)) {
      if (m.t !== 'linted') throw new Error(`a check worker answered ${m.t} to lint`);
      for (const r of m.results) results.set(r.path, r.result);
    }
    return { reads, results };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
}
