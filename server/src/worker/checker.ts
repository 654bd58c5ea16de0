/**
 * The check worker: runs every parse and every rule of the language server off the thread that
 * answers requests. The request thread gives each unit of work a time budget and replaces this
 * worker when one runs over (see `runner.ts`).
 */
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { CONFIG_FILE_NAMES } from '../engine/config';
import { onLoad } from '../engine/loads';
import { peerToolOf } from '../engine/peer-config';
import { readTextFile } from '../engine/files';
import { Project } from '../engine/project';
import { setWorkspaceFolders } from '../engine/tools';
import type { IndexedFile } from '../engine/workspace';
import { fileUriToPath, pathToFileUri } from '../engine/uri';
import { walkFiles } from '../engine/walk';
import { RULES } from '../rules';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocuments } from 'vscode-languageserver';
import { codeActions } from '../handlers/codeActions';
import { packFindings } from './pack';
import type { FileChange, FromWorker, ToWorker } from './protocol';

const port = parentPort!;
const send = (m: FromWorker) => port.postMessage(m);
const log = (level: 'info' | 'warn' | 'error', message: string) => send({ t: 'log', level, message });

// The shell parser's WebAssembly stays on V8's baseline compiler: optimising tree-sitter's lexer
// raised the server's peak RSS by about 30 MB, and edits were no slower without it (docs/performance.md).
setFlagsFromString('--liftoff-only');
onLoad((e) => log(e.error ? 'error' : 'info', e.error ? `Shipshape could not load ${e.name}: ${e.error}` : `Shipshape loaded ${e.name}.`));

// Each parser loads on the first check of a kind that needs it (see `Project.prepare`, awaited
// before every lint here): the worker holds only what the workspace's kinds use.
const ready: Promise<Project> = Promise.resolve(Project.lazy(RULES)).then((p) => {
  p.trusted = false;
  p.configs.onUnreadable = (file, detail) => log('warn', `Shipshape ignored ${file}: it ${detail}.`);
  return p;
});

/** Open documents: the index holds their buffers, which the walk and watched-file events leave alone. */
const open = new Set<string>();
let indexGeneration = 0;

const yieldTurn = () => new Promise<void>((r) => setImmediate(r));

/** Reads and indexes one file from disk; undefined when it is not indexed (gone, unreadable, too large). */
async function indexFromDisk(project: Project, uri: string): Promise<IndexedFile | undefined> {
  const file = fileUriToPath(uri);
  if (!file) return undefined;
  const read = await readTextFile(file, project.configFor(uri).maxFileSize);
  if (!read.ok) {
    if (read.reason !== 'missing' && read.reason !== 'too-large') log('warn', `Shipshape did not index ${file}: it ${read.detail}.`);
    return undefined;
  }
  send({ t: 'task', kind: 'index', uri });
  return project.updateIndex(uri, read.text);
}

async function buildIndex(project: Project, skip: ReadonlySet<string>): Promise<void> {
  const generation = ++indexGeneration;
  let count = 0;
  let batch: IndexedFile[] = [];
  for (const root of project.roots) {
    for (const file of walkFiles(root)) {
      if (generation !== indexGeneration) return;
      const uri = pathToFileUri(file);
      if (open.has(uri) || skip.has(uri)) continue;
      const entry = await indexFromDisk(project, uri);
      // The workspace has files of this kind: load its parsers now rather than on its first check.
      if (entry) void project.ready.prepare(entry.kind);
      if (!entry || open.has(uri)) continue;
      batch.push(entry);
      if (++count % 50 === 0) {
        send({ t: 'indexed', set: batch, deleted: [] });
        batch = [];
        await yieldTurn();
      }
    }
  }
  send({ t: 'indexed', set: batch, deleted: [] });
  send({ t: 'indexDone', files: project.index.size });
}

async function filesChanged(project: Project, changes: readonly FileChange[]): Promise<void> {
  const set: IndexedFile[] = [];
  const deleted: string[] = [];
  for (const c of changes) {
    const p = fileUriToPath(c.uri);
    if (!p) continue;
    project.probe.forget(p);
    if (CONFIG_FILE_NAMES.includes(path.basename(p)) || peerToolOf(p)) project.configs.invalidate(p);
    if (c.open || open.has(c.uri)) continue;
    const entry = c.deleted ? undefined : await indexFromDisk(project, c.uri);
    if (entry) set.push(entry);
    else {
      project.index.delete(c.uri);
      deleted.push(c.uri);
    }
  }
  send({ t: 'indexed', set, deleted });
  send({ t: 'idle' });
}

async function handle(m: ToWorker): Promise<void> {
  const project = await ready;
  switch (m.t) {
    case 'configure':
      project.roots = m.roots;
      setWorkspaceFolders(m.roots);
      project.trusted = m.trusted;
      project.setSettings(m.settings, (message) => log('warn', `Shipshape settings: ${message}`));
      return;
    case 'index':
      for (const u of m.open) open.add(u);
      void buildIndex(project, new Set(m.skip)).catch((e: unknown) => log('error', `Shipshape indexing failed: ${String(e)}`));
      return;
    case 'check': {
      open.add(m.uri);
      send({ t: 'task', kind: 'check', uri: m.uri });
      const input = { uri: m.uri, text: m.text, languageId: m.languageId };
      const entry = project.updateIndex(m.uri, m.text, m.languageId);
      const loading = project.prepare(input);
      if (loading) await loading;
      const { findings } = project.lint(input);
      // The findings go first: the index entry of a long manifest (its objects as data) takes as long
      // to copy across as to read, and the request thread can publish before it arrives.
      const packed = packFindings(findings);
      port.postMessage({ t: 'checked', uri: m.uri, version: m.version, findings: packed } satisfies FromWorker, [
        packed.numbers.buffer as ArrayBuffer,
      ]);
      send({ t: 'entry', entry });
      return;
    }
    case 'codeActions': {
      send({ t: 'task', kind: 'actions', uri: m.uri });
      const loading = project.prepare({ uri: m.uri, text: m.text, languageId: m.languageId });
      if (loading) await loading;
      const doc = TextDocument.create(m.uri, m.languageId, m.version, m.text);
      const one = { get: (uri: string) => (uri === m.uri ? doc : undefined) } as unknown as TextDocuments<TextDocument>;
      send({ t: 'codeActions', id: m.id, actions: codeActions(project, one, m.params) });
      return;
    }
    case 'close': {
      open.delete(m.uri);
      const entry = await indexFromDisk(project, m.uri);
      if (entry) send({ t: 'indexed', set: [entry], deleted: [] });
      else {
        project.index.delete(m.uri);
        send({ t: 'indexed', set: [], deleted: [m.uri] });
      }
      send({ t: 'idle' });
      return;
    }
    case 'files':
      await filesChanged(project, m.changes);
      return;
  }
}

// One message at a time, in order: a check never sees a half-applied configuration.
let chain: Promise<void> = Promise.resolve();
port.on('message', (m: ToWorker) => {
  chain = chain
    .then(() => handle(m))
    .catch((e: unknown) => {
      log('error', `Shipshape check worker: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      if (m.t === 'check') {
        send({ t: 'checked', uri: m.uri, version: m.version, findings: packFindings([]) });
        send({ t: 'entry', entry: emptyEntry(m.uri) });
      }
      if (m.t === 'codeActions') send({ t: 'codeActions', id: m.id, actions: [] });
    });
});

function emptyEntry(uri: string): IndexedFile {
  return { uri, path: fileUriToPath(uri), kind: 'other', chartRoot: undefined, objects: [] };
}
