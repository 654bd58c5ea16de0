/**
 * A check worker of `shipshape check --jobs N`: reads and indexes its share of the project, takes
 * the whole index from the parent, and lints its share of the files.
 */
import * as v8 from 'node:v8';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { parseConfigText } from '../engine/config';
import { readTextFileSync } from '../engine/files';
import { Project } from '../engine/project';
import { pathToFileUri } from '../engine/uri';
import type { IndexedFile } from '../engine/workspace';
import { catalogue } from '../rules/catalogue';
import { RULES } from '../rules';
import { POOL_WORKER_ROLE, type FromPoolWorker, type PoolWorkerData, type ReadOutcome, type ToPoolWorker } from './pool-protocol';

/** Whether this thread was started as a check worker of the pool. */
export function isPoolWorker(): boolean {
  return !isMainThread && (workerData as PoolWorkerData | undefined)?.role === POOL_WORKER_ROLE;
}

/** Runs this thread as a check worker (dist/cli.js starts itself as one). */
export function runPoolWorker(): void {
  const port = parentPort!;
  const data = workerData as PoolWorkerData;
  const send = (m: FromPoolWorker) => port.postMessage(m);
  const ready = setUp(data, send);
  /** The files this worker lints, in the order it was given them, with their text. */
  const toLint: { path: string; uri: string; text: string }[] = [];
  /**
   * Entries this worker made, by URI. They stay the very objects the lint's parses produced, which
   * lets cross-file rules see that the index describes the linted text without comparing values.
   */
  const own = new Map<string, IndexedFile>();

  const handle = async (m: ToPoolWorker): Promise<void> => {
    const project = await ready;
    if (m.t === 'index') {
      const entries: IndexedFile[] = [];
      const reads: ReadOutcome[] = [];
      // Files only indexed first, without keeping their parses; then the files to lint, keeping them.
      const ordered = [...m.files.filter((j) => !j.lint), ...m.files.filter((j) => j.lint)];
      let keeping = false;
      for (const job of ordered) {
        if (job.lint && !keeping) {
          project.keepParses(data.keptParseChars);
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
        own.set(uri, entry);
        if (job.lint) {
          reads.push({ path: job.path, ok: true });
          toLint.push({ path: job.path, uri, text });
        }
      }
      const serialised = v8.serialize(entries);
      const bytes = new Uint8Array(serialised.buffer, serialised.byteOffset, serialised.byteLength);
      const msg: FromPoolWorker = { t: 'indexed', uris: entries.map((e) => e.uri), entries: bytes, reads };
      port.postMessage(
        msg,
        serialised.byteOffset === 0 && serialised.byteLength === serialised.buffer.byteLength ? [serialised.buffer] : [],
      );
    } else {
      // The whole index again, in the order one process builds it, so cross-file rules see the same lists.
      const others = new Map<string, IndexedFile>();
      for (const bytes of m.others) for (const e of v8.deserialize(bytes) as IndexedFile[]) others.set(e.uri, e);
      for (const uri of own.keys()) project.index.delete(uri);
      for (const uri of m.order) {
        const e = own.get(uri) ?? others.get(uri);
        if (e) project.index.set(e);
      }
      const results = toLint.map((f) => ({ path: f.path, result: project.lint({ uri: f.uri, text: f.text }) }));
      send({ t: 'linted', results });
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
