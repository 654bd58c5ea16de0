/** Messages between `shipshape check` and its pool of check workers (see `pool.ts`). */
import type { LintResult } from '../engine/engine';

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

/**
 * Runs of `run` consecutive files of the pool's list, taken by the threads in turn: `next[0]` (in
 * memory the threads share) counts the runs taken, and each thread adds one to take the next.
 */
export interface RunClaims {
  readonly next: Int32Array;
  readonly run: number;
}

export type ToPoolWorker =
  /** Every file of the check, in the order runs are taken; the worker indexes the runs it takes. */
  | { readonly t: 'index'; readonly files: readonly IndexJob[]; readonly claims: RunClaims }
  /**
   * The index as one process builds it: every entry's URI in order, and the entries the other
   * threads made (each as its thread serialised them). The worker adds them, then lints its files.
   */
  | { readonly t: 'lint'; readonly order: readonly string[]; readonly others: readonly Uint8Array[] };

export type FromPoolWorker =
  /**
   * `entries` is the `v8.serialize`d list of the entries the worker made, in `uris` order: the
   * parent hands it on to the other workers as it is, and reads it once for its own share.
   */
  | { readonly t: 'indexed'; readonly uris: string[]; readonly entries: Uint8Array; readonly reads: ReadOutcome[] }
  | { readonly t: 'linted'; readonly results: { readonly path: string; readonly result: LintResult }[] }
  | { readonly t: 'unreadable-config'; readonly file: string; readonly detail: string }
  | { readonly t: 'failed'; readonly message: string };
