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
  type RunClaims,
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
 * How many runs of consecutive files each thread takes, on average, and the most files one run
 * holds. Runs keep the files of a folder together (a thread that reads a folder looks up its config
 * files and probes its paths once, where dealing single files in turn sent every thread to every
 * folder); runs taken one at a time as each thread gets to them balance the threads whatever each
 * one's start and speed (a worker starts after the parent thread has begun, and on a shared machine
 * threads do not run at the same speed).
 */
const RUNS_PER_THREAD = 16;
const MAX_RUN = 64;

/** The number of consecutive files a run holds when `n` files are checked on `jobs` threads. */
export function runLength(n: number, jobs: number): number {
  return Math.max(1, Math.min(MAX_RUN, Math.ceil(n / (jobs * RUNS_PER_THREAD))));
}

/**
 * Indexes and lints `files` on `jobs` threads: `project`'s (the parent's own share, which spares a
 * worker's start, its copy of the engine and the copying of its findings back) and `jobs - 1`
 * workers. Every thread takes runs of consecutive files (see {@link runLength}) from a counter they
 * share until none is left, the files only indexed first; each then lints the files it indexed.
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
    // Files only indexed first, so that a thread keeps the parses of the files it lints only.
    const jobList = [...files.filter((f) => !f.lint), ...files.filter((f) => f.lint)];
    const claims: RunClaims = { next: new Int32Array(new SharedArrayBuffer(4)), run: runLength(jobList.length, jobs) };
    const asked = workers.map((w) => w.ask({ t: 'index', files: jobList, claims }));
    const local = new PoolShare(project, data.keptParseChars);
    const mine = local.index(jobList, claims);
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
