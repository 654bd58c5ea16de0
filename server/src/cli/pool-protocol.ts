/** Messages between `shipshape check` and its pool of check workers (see `pool.ts`). */
import type { LintResult } from '../engine/engine';
import type { IndexedFile } from '../engine/workspace';

/** Marks a worker thread of dist/cli.js as a check worker. */
export const POOL_WORKER_ROLE = 'shipshape-check-pool';

/** What a worker is started with (its `workerData`). */
export interface PoolWorkerData {
  readonly role: typeof POOL_WORKER_ROLE;
  readonly roots: string[];
  /** `--config FILE`, read again by each worker (its problems are reported by the parent). */
  readonly configFile: string | undefined;
  /** Text of indexed manifests whose parse a worker keeps for their lint. */
  readonly keptParseChars: number;
}

/** One file to read and index; `lint` files are kept for the lint that follows. */
export interface IndexJob {
  readonly path: string;
  readonly cap: number;
  readonly lint: boolean;
}

/** How reading a file that is to be linted went (files only indexed are left out when unreadable). */
export type ReadOutcome =
  | { readonly path: string; readonly ok: true }
  | { readonly path: string; readonly ok: false; readonly reason: string; readonly detail: string };

export type ToPoolWorker =
  | { readonly t: 'index'; readonly files: readonly IndexJob[] }
  /** The index entries the other workers made; the worker adds them, then lints its files. */
  | { readonly t: 'lint'; readonly entries: readonly IndexedFile[] };

export type FromPoolWorker =
  | { readonly t: 'indexed'; readonly entries: IndexedFile[]; readonly reads: ReadOutcome[] }
  | { readonly t: 'linted'; readonly results: { readonly path: string; readonly result: LintResult }[] }
  | { readonly t: 'unreadable-config'; readonly file: string; readonly detail: string }
  | { readonly t: 'failed'; readonly message: string };
