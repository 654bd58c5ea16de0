/**
 * The request thread's side of the check worker: starts it, gives each unit of work it reports a
 * time budget, and replaces a worker that runs over (terminate, start afresh, rebuild its index).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FromWorker, TaskKind, ToWorker } from './protocol';

/** What the runner tells the server. */
export interface RunnerEvents {
  message(m: FromWorker): void;
  /**
   * A unit of work ran over budget (`time`) or took the worker down (`crash`, such as running out
   * of its heap); the worker was replaced. The server does not retry a `check` of the same version.
   */
  timedOut(task: { kind: TaskKind; uri: string }, why: 'time' | 'crash'): void;
  /** A new worker is up: configure it, index, and queue the open documents again. */
  started(restart: boolean): void;
  log(level: 'info' | 'warn' | 'error', message: string): void;
}

/** The check worker's heap limit. */
const HEAP_LIMIT_MB = 1024;
/**
 * The check worker's young generation: V8's default (up to 48 MB) filled with a check's short-lived
 * garbage before collecting it. 8 MB keeps the server's peak within about 5 MB of 4 MB's on typical
 * files, while the edits of a 2,000-document manifest, which collect far more often at 4 MB, were
 * 8-10% faster in lockstep (docs/performance.md).
 */
const YOUNG_LIMIT_MB = 8;

/** The worker's entry: beside the bundle (dist/checker.js) or beside this file (tsc output). */
function workerEntry(): string {
  const beside = path.join(__dirname, 'checker.js');
  return fs.existsSync(beside) ? beside : path.join(__dirname, 'worker', 'checker.js');
}

/** One check worker at a time, replaced when it stalls or dies. */
export class CheckRunner {
  private worker: Worker | undefined;
  private timer: NodeJS.Timeout | undefined;
  private task: { kind: TaskKind; uri: string } | undefined;
  private taskStart = 0;
  private stopped = false;
  /** Milliseconds one unit of work may take. */
  budgetMs: number;

  constructor(
    private readonly events: RunnerEvents,
    budgetMs: number,
    private readonly entry = workerEntry(),
  ) {
    this.budgetMs = budgetMs;
  }

  start(): void {
    this.spawn(false);
  }

  post(m: ToWorker): void {
    this.worker?.postMessage(m);
  }

  /** The unit of work the worker reported last and how long it has been running, if it is busy. */
  current(): { kind: TaskKind; uri: string; ms: number } | undefined {
    return this.task ? { ...this.task, ms: Date.now() - this.taskStart } : undefined;
  }

  /** Stops the current unit of work by replacing the worker, without reporting it (a newer edit made it moot). */
  cancel(): void {
    this.task = undefined;
    this.replace();
  }

  /** Stops the worker for good (server shutdown). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    await this.worker?.terminate();
    this.worker = undefined;
  }

  private spawn(restart: boolean): void {
    // A heap cap: a file that makes a parse allocate without end takes down the worker, not the server.
    const w = new Worker(this.entry, {
      resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB, maxYoungGenerationSizeMb: YOUNG_LIMIT_MB },
    });
    this.worker = w;
    w.on('message', (m: FromWorker) => {
      if (this.worker !== w) return;
      this.watch(m);
      this.events.message(m);
    });
    w.on('error', (e) => {
      if (this.worker !== w) return;
      this.events.log('error', `Shipshape's check worker failed: ${e.stack ?? e.message}`);
    });
    w.on('exit', (code) => {
      if (this.worker !== w || this.stopped) return;
      // Died on its own (out of memory, a crash): blame what it was doing, as for a stall.
      this.events.log('error', `Shipshape's check worker stopped (exit code ${code}); starting a new one.`);
      this.replace();
    });
    this.events.started(restart);
  }

  private watch(m: FromWorker): void {
    if (m.t === 'task') {
      this.clearTimer();
      this.task = { kind: m.kind, uri: m.uri };
      this.taskStart = Date.now();
      this.timer = setTimeout(() => this.overBudget(), this.budgetMs);
    } else if (m.t === 'checked' || m.t === 'codeActions' || m.t === 'idle' || m.t === 'indexDone') {
      this.clearTimer();
      this.task = undefined;
    }
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private overBudget(): void {
    this.timer = undefined;
    const task = this.task;
    this.task = undefined;
    if (task) this.events.timedOut(task, 'time');
    this.replace();
  }

  private replace(): void {
    const old = this.worker;
    this.worker = undefined;
    this.clearTimer();
    const task = this.task;
    this.task = undefined;
    if (task) this.events.timedOut(task, 'crash');
    void old?.terminate();
    if (!this.stopped) this.spawn(true);
  }
}
