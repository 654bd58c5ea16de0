/**
 * A check worker of `shipshape check --jobs N`: reads and indexes its share of the project, takes
 * the whole index from the parent, and lints its share of the files. The parent thread checks one
 * share itself, with the same {@link PoolShare}.
 */
import * as v8 from 'node:v8';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { LintResult } from '../engine/engine';
import { parseConfigText } from '../engine/config';
import { readTextFileSync } from '../engine/files';
import { Project } from '../engine/project';
import { pathToFileUri } from '../engine/uri';
import type { IndexedFile } from '../engine/workspace';
import { catalogue } from '../rules/catalogue';
import { RULES } from '../rules';
import {
  POOL_WORKER_ROLE,
  type FromPoolWorker,
  type IndexJob,
  type PoolWorkerData,
  type ReadOutcome,
  type RunClaims,
  type ToPoolWorker,
} from './pool-protocol';

/** Whether this thread was started as a check worker of the pool. */
export function isPoolWorker(): boolean {
  return !isMainThread && (workerData as PoolWorkerData | undefined)?.role === POOL_WORKER_ROLE;
}

/** One share of a pooled check, on one thread's project: index the share's files, then lint them against the whole index. */
export class PoolShare {
  /** The files this share lints, in the order it was given them, with their text. */
  private readonly toLint: { path: string; uri: string; text: string }[] = [];
  /**
   * Entries this share made, by URI. They stay the very objects the lint's parses produced, which
   * lets cross-file rules see that the index describes the linted text without comparing values.
   */
  private readonly own = new Map<string, IndexedFile>();

  constructor(
    readonly project: Project,
    private readonly keptParseChars: number,
  ) {}

  /**
   * Reads and indexes the runs of `files` this thread takes (see {@link RunClaims}) until none is
   * left: the entries made, in order, and how reading each file to lint went. The runs are taken in
   * the order of `files`, which puts the files only indexed first: from the first file to lint on,
   * the parses are kept for the lint.
   */
  index(files: readonly IndexJob[], claims: RunClaims): { entries: IndexedFile[]; reads: ReadOutcome[] } {
    const { project } = this;
    const entries: IndexedFile[] = [];
    const reads: ReadOutcome[] = [];
    let keeping = false;
    for (let run = takeRun(claims, files.length); run; run = takeRun(claims, files.length)) {
      for (const job of files.slice(run[0], run[1])) {
        if (job.lint && !keeping) {
          project.keepParses(this.keptParseChars);
          keeping = true;
        }
        const read = readTextFileSync(job.path, job.cap);
        if (!read.ok) {
          if (job.lint) reads.push({ path: job.path, ok: false, reason: read.reason, detail: read.detail });
          continue;
        }
        const text = read.text.startsWith('\uFEFF') ? read.text.slice(1) : read.text;
        const uri = pathToFileUri(job.path);
        const entry = project.updateIndex(uri, text);
        entries.push(entry);
        this.own.set(uri, entry);
        if (job.lint) {
          reads.push({ path: job.path, ok: true });
          this.toLint.push({ path: job.path, uri, text });
        }
      }
    }
    return { entries, reads };
  }

  /** Puts the whole index in the order one process builds it (so cross-file rules see the same lists), and lints the share. */
  lint(order: readonly string[], others: ReadonlyMap<string, IndexedFile>): { path: string; result: LintResult }[] {
    const { project, own } = this;
    for (const uri of own.keys()) project.index.delete(uri);
    for (const uri of order) {
      const e = own.get(uri) ?? others.get(uri);
      if (e) project.index.set(e);
    }
    return this.toLint.map((f) => ({ path: f.path, result: project.lint({ uri: f.uri, text: f.text }) }));
  }
}

/** The next run of `claims` in a list of `total` files, as [start, end), or undefined when all are taken. */
export function takeRun(claims: RunClaims, total: number): readonly [number, number] | undefined {
  const start = Atomics.add(claims.next, 0, 1) * claims.run;
  return start < total ? [start, Math.min(start + claims.run, total)] : undefined;
}

/** Entries serialised as the pool passes them between threads. */
export function serialiseEntries(entries: readonly IndexedFile[]): Uint8Array {
  const serialised = v8.serialize(entries);
  return new Uint8Array(serialised.buffer, serialised.byteOffset, serialised.byteLength);
}

/** The entries of several {@link serialiseEntries} outputs, by URI. */
export function entriesByUri(parts: readonly Uint8Array[]): Map<string, IndexedFile> {
  const out = new Map<string, IndexedFile>();
  for (const bytes of parts) for (const e of v8.deserialize(bytes) as IndexedFile[]) out.set(e.uri, e);
  return out;
}

/** Runs this thread as a check worker (dist/cli.js starts itself as one). */
export function runPoolWorker(): void {
  const port = parentPort!;
  const data = workerData as PoolWorkerData;
  const send = (m: FromPoolWorker) => port.postMessage(m);
  const ready = setUp(data, send).then((project) => new PoolShare(project, data.keptParseChars));

  const handle = async (m: ToPoolWorker): Promise<void> => {
    const share = await ready;
    if (m.t === 'index') {
      const { entries, reads } = share.index(m.files, m.claims);
      const bytes = serialiseEntries(entries);
      const msg: FromPoolWorker = { t: 'indexed', uris: entries.map((e) => e.uri), entries: bytes, reads };
      const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
      port.postMessage(msg, whole ? [bytes.buffer as ArrayBuffer] : []);
    } else {
      send({ t: 'linted', results: share.lint(m.order, entriesByUri(m.others)) });
    }
  };

  port.on('message', (m: ToPoolWorker) => {
    handle(m).catch((e: unknown) => send({ t: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) }));
  });
}

async function setUp(data: PoolWorkerData, send: (m: FromPoolWorker) => void): Promise<Project> {
  const project = await Project.open(RULES, data.roots);
  project.configs.rememberFolders = true;
  project.configs.onUnreadable = (file, detail) => send({ t: 'unreadable-config', file, detail });
  if (data.configFile) {
    const read = readTextFileSync(data.configFile);
    if (read.ok) project.setExplicitConfig(parseConfigText(read.text, catalogue()).layer);
  }
  return project;
}
