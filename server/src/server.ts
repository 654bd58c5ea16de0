/**
 * The language server entry: a thin shim that wires LSP events to the engine.
 */
import * as path from 'node:path';
import {
  type CodeAction,
  CodeActionKind,
  type Diagnostic,
  DidChangeConfigurationNotification,
  FileChangeType,
  type HoverParams,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAMES } from './engine/config';
import { CHECK_TIMEOUT } from './engine/engine';
import { onLoad } from './engine/loads';
import { peerToolOf } from './engine/peer-config';
import { Project } from './engine/project';
import { setWorkspaceFolders } from './engine/tools';
import type { ResolvedFinding } from './engine/types';
import { fileUriToPath } from './engine/uri';
import { attachHelmRender, initialTrust, type HelmRenderHandle } from './handlers/helmRender';
import { attachKustomize } from './handlers/kustomize';
import { COMPLETION_TRIGGERS, completion } from './handlers/completion';
import { FULL_DIAGNOSTICS, toDiagnostic, type DiagnosticShape } from './handlers/convert';
import { DiagnosticsOut, diagnosticsMode } from './handlers/diagnostics';
import { definition, references } from './handlers/definition';
import { dependents } from './handlers/dependents';
import { hover, hoverNeeds } from './handlers/hover';
import { FIX_ALL_KIND, INDEX_STATUS_NOTIFICATION, WORKSPACE_TRUST_NOTIFICATION, type IndexStatus, type WorkspaceTrust } from './protocol';
import { ENGINE_RULES, RULES } from './rules';
import { DEFAULT_CHECK_TIMEOUT, DEFAULT_ENGINE_SETTINGS, checkTimeoutOf, type EngineSettings } from './settings';
import { unpackFindings } from './worker/pack';
import type { FileChange, FromWorker } from './worker/protocol';
import { CheckRunner } from './worker/runner';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const diagnosticsOut = new DiagnosticsOut(connection, documents);
/** What the client uses of a diagnostic. */
let shape: DiagnosticShape = FULL_DIAGNOSTICS;
/**
 * The request thread's project: hovers, definitions, completion and quick fixes. Its index is a
 * copy of the check worker's, which does every parse of the workspace and every check.
 */
let project!: Project;
let supportsConfiguration = false;
let settings: EngineSettings = DEFAULT_ENGINE_SETTINGS;

/** Open documents waiting for a check, oldest first (a newer edit replaces the waiting one). */
const waiting = new Set<string>();
/** The check the worker is running, if any (one at a time: a check's budget is its own). */
let running: { uri: string; version: number } | undefined;
/** Document versions whose check was stopped: reported once, not tried again until the next edit. */
const stopped = new Map<string, number>();
/** Files whose indexing stalled a worker: the next workers leave them out. */
const skipInIndex = new Set<string>();
/** Code-action requests waiting for the worker. */
const actionRequests = new Map<number, (actions: CodeAction[]) => void>();
let actionSeq = 0;
/** A running check of an older version is stopped once it has run this long and a newer edit came. */
const CANCEL_STALE_AFTER_MS = 1000;

/** Answers the waiting code-action requests with nothing (their worker is gone). */
function dropActionRequests(): void {
  for (const resolve of actionRequests.values()) resolve([]);
  actionRequests.clear();
}

const runner = new CheckRunner(
  {
    started: (restart) => {
      configureWorker();
      runner.post({ t: 'index', open: documents.all().map((d) => d.uri), skip: [...skipInIndex] });
      if (restart) {
        running = undefined;
        dropActionRequests();
        relintAll();
      }
    },
    message: onWorkerMessage,
    timedOut: (task, why) => {
      const what = why === 'time' ? `took longer than ${runner.budgetMs} ms` : 'ran out of memory';
      if (task.kind === 'actions') {
        connection.console.warn(`Shipshape gave up computing quick fixes for ${task.uri}: it ${what}.`);
        return;
      }
      if (task.kind === 'index') {
        skipInIndex.add(task.uri);
        connection.console.warn(`Shipshape left ${fileUriToPath(task.uri) ?? task.uri} out of its index: reading it ${what}.`);
        return;
      }
      const doc = documents.get(task.uri);
      const version = running?.uri === task.uri ? running.version : doc?.version;
      running = undefined;
      if (!doc || version === undefined) return;
      stopped.set(task.uri, version);
      const finding: ResolvedFinding = {
        ruleId: CHECK_TIMEOUT,
        severity: 'info',
        fixable: false,
        message: `Shipshape stopped checking this file: the check ${what}. Hovers, completion and other files are not held up; edit the file to check it again.`,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      };
      if (doc.version === version) diagnosticsOut.publish(doc.uri, version, [toDiagnostic(finding, shape)]);
    },
    log: (level, message) => connection.console[level](message),
  },
  DEFAULT_CHECK_TIMEOUT,
);
let runnerStarted = false;

function configureWorker(): void {
  runner.post({ t: 'configure', roots: project.roots, trusted: project.trusted, settings });
}

function onWorkerMessage(m: FromWorker): void {
  switch (m.t) {
    case 'checked': {
      if (running?.uri === m.uri && running.version === m.version) running = undefined;
      const doc = documents.get(m.uri);
      if (doc && doc.version === m.version) {
        let diagnostics: Diagnostic[];
        try {
          diagnostics = [...unpackFindings(m.findings), ...helmRender.findingsFor(doc.uri)].map((f) => toDiagnostic(f, shape));
        } catch (e) {
          connection.console.error(`Shipshape could not publish ${doc.uri}: ${String(e)}`);
          diagnostics = [];
        }
        diagnosticsOut.publish(doc.uri, doc.version, diagnostics);
      }
      pump();
      return;
    }
    case 'entry':
      project.index.set(m.entry);
      return;
    case 'codeActions':
      actionRequests.get(m.id)?.(m.actions);
      actionRequests.delete(m.id);
      return;
    case 'indexed':
      for (const e of m.set) if (!documents.get(e.uri)) project.index.set(e);
      for (const u of m.deleted) if (!documents.get(u)) project.index.delete(u);
      return;
    case 'indexDone':
      void connection.sendNotification(INDEX_STATUS_NOTIFICATION, { state: 'ready', files: m.files } satisfies IndexStatus);
      indexProgress?.done();
      indexProgress = undefined;
      relintAll();
      return;
    case 'log':
      connection.console[m.level](m.message);
      return;
    default:
      return;
  }
}

/** Queues a check of one open document; the newest version replaces one still waiting. */
function schedule(doc: TextDocument): void {
  waiting.delete(doc.uri);
  waiting.add(doc.uri);
  // A long check of an older version of this document is moot: stop it rather than wait.
  const busy = runner.current();
  if (
    running?.uri === doc.uri &&
    running.version !== doc.version &&
    busy?.kind === 'check' &&
    busy.uri === doc.uri &&
    busy.ms > CANCEL_STALE_AFTER_MS
  ) {
    running = undefined;
    runner.cancel();
    return;
  }
  pump();
}

/** Sends the next waiting check to the worker when it has none running. */
function pump(): void {
  if (!runnerStarted || running) return;
  for (const uri of waiting) {
    waiting.delete(uri);
    const doc = documents.get(uri);
    if (!doc || stopped.get(uri) === doc.version) continue;
    stopped.delete(uri);
    running = { uri, version: doc.version };
    runner.post({ t: 'check', uri, text: doc.getText(), languageId: doc.languageId, version: doc.version });
    return;
  }
}

/** Rendered-chart findings (helm template + manifest rules), published beside the rule findings. */
let helmRender!: HelmRenderHandle;

function relintAll(): void {
  for (const doc of documents.all()) schedule(doc);
}

/** Whether a request about this document should be answered (its size is within `maxFileSize`). */
function answerable(uri: string): boolean {
  const doc = documents.get(uri);
  return !doc || doc.getText().length <= project.configFor(uri).maxFileSize;
}

async function refreshSettings(): Promise<void> {
  if (!supportsConfiguration) return;
  try {
    const s = (await connection.workspace.getConfiguration('shipshape')) as Partial<EngineSettings> | null;
    applySettings(s ?? {});
  } catch (e) {
    connection.console.warn(`Shipshape could not read its settings: ${String(e)}`);
  }
}

function applySettings(s: Partial<EngineSettings>): void {
  settings = {
    rules: s.rules ?? DEFAULT_ENGINE_SETTINGS.rules,
    kubernetesVersion: s.kubernetesVersion ?? DEFAULT_ENGINE_SETTINGS.kubernetesVersion,
    maxFileSize: s.maxFileSize ?? DEFAULT_ENGINE_SETTINGS.maxFileSize,
  };
  project.setSettings(settings, (m) => connection.window.showWarningMessage(`Shipshape settings: ${m}`));
  configureWorker();
}

let indexProgress: Awaited<ReturnType<typeof connection.window.createWorkDoneProgress>> | undefined;

/** Starts the worker, which indexes the workspace folders and then asks for every open document to be checked. */
async function startChecking(): Promise<void> {
  indexProgress = await connection.window.createWorkDoneProgress().catch(() => undefined);
  indexProgress?.begin('Shipshape: indexing workspace', 0, undefined, false);
  void connection.sendNotification(INDEX_STATUS_NOTIFICATION, { state: 'indexing', files: 0 } satisfies IndexStatus);
  runnerStarted = true;
  runner.start();
  relintAll();
}

/** Workspace trust gates every external program: helm renders and rules that `require` one. */
function setTrusted(trusted: boolean): void {
  const changed = project.trusted !== trusted;
  project.trusted = trusted;
  helmRender.setTrusted(trusted);
  configureWorker();
  if (changed) relintAll();
}

connection.onNotification(WORKSPACE_TRUST_NOTIFICATION, (p: WorkspaceTrust) => setTrusted(p?.workspaceTrusted === true));

connection.onInitialize((params) => {
  project.trusted = initialTrust(params.initializationOptions);
  runner.budgetMs = checkTimeoutOf((params.initializationOptions as { checkTimeout?: unknown } | null)?.checkTimeout);
  helmRender.setTrusted(project.trusted);
  supportsConfiguration = params.capabilities.workspace?.configuration === true;
  const mode = diagnosticsMode(params.capabilities);
  diagnosticsOut.pull = mode.pull;
  diagnosticsOut.refresh = mode.refresh;
  shape = mode.shape;
  const folders = params.workspaceFolders?.map((f) => fileUriToPath(f.uri)).filter((p): p is string => !!p) ?? [];
  if (folders.length === 0 && params.rootUri) {
    const p = fileUriToPath(params.rootUri);
    if (p) folders.push(p);
  }
  project.roots = folders;
  setWorkspaceFolders(folders);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
      hoverProvider: true,
      // Pulled by clients that can (an unchanged result is then a few bytes); pushed to the others.
      ...(mode.pull ? { diagnosticProvider: { interFileDependencies: true, workspaceDiagnostics: false } } : {}),
      definitionProvider: true,
      referencesProvider: true,
      completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'shipshape', version: '0.1.0' },
  };
});

connection.onInitialized(async () => {
  if (supportsConfiguration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'shipshape' }).catch(() => undefined);
  }
  if (!project.trusted) {
    connection.console.info('Workspace not trusted: Shipshape runs no helm and no shellcheck until it is trusted; every other check runs.');
  }
  await refreshSettings();
  await startChecking().catch((e: unknown) => connection.console.error(`Shipshape could not start checking: ${String(e)}`));
});

connection.onDidChangeConfiguration(async (change) => {
  if (!supportsConfiguration) {
    const s = (change.settings as { shipshape?: Partial<EngineSettings> } | undefined)?.shipshape;
    if (s) applySettings(s);
  } else {
    await refreshSettings();
  }
  relintAll();
});

connection.onDidChangeWatchedFiles((params) => {
  const changes: FileChange[] = [];
  const affected = new Set<TextDocument>();
  for (const change of params.changes) {
    const p = fileUriToPath(change.uri);
    if (!p) continue;
    project.probe.forget(p);
    if (CONFIG_FILE_NAMES.includes(path.basename(p)) || peerToolOf(p)) project.configs.invalidate(p);
    changes.push({ uri: change.uri, deleted: change.type === FileChangeType.Deleted, open: documents.get(change.uri) !== undefined });
    for (const uri of dependents(p, documents.keys(), (u) => project.index.file(u))) affected.add(documents.get(uri)!);
  }
  if (changes.length === 0) return;
  // The worker reads the changed files (never this thread: one can be a link to a device or a FIFO).
  runner.post({ t: 'files', changes });
  for (const d of affected) schedule(d);
});

documents.onDidChangeContent((e) => schedule(e.document));
documents.onDidClose((e) => {
  waiting.delete(e.document.uri);
  stopped.delete(e.document.uri);
  // Back to what is on disk: the index describes files, not abandoned edits.
  runner.post({ t: 'close', uri: e.document.uri });
  diagnosticsOut.closed(e.document.uri);
});

const RULE_DOCS = [...RULES, ...ENGINE_RULES];

/** A request handler that answers `fallback`, logging the error, when it throws. */
function answer<P, R>(what: string, fallback: R, handler: (params: P) => R): (params: P) => R {
  return (params) => {
    try {
      return handler(params);
    } catch (e) {
      connection.console.error(`Shipshape ${what} failed: ${String(e)}`);
      return fallback;
    }
  };
}

// Requests run on this thread: a document over maxFileSize gets no hover or completion (its parse is the cost).
const hoverAnswer = answer('hover', null, (params: HoverParams) =>
  answerable(params.textDocument.uri) ? hover(project, documents, RULE_DOCS, params) : null,
);
connection.onHover(async (params) => {
  await hoverNeeds(project, documents, params);
  return hoverAnswer(params);
});
connection.onDefinition(answer('go-to-definition', null, (params) => definition(project, documents, params)));
connection.onReferences(answer('find-references', null, (params) => references(project, documents, params)));
connection.onCompletion(
  answer('completion', null, (params) => (answerable(params.textDocument.uri) ? completion(project, documents, RULE_DOCS, params) : null)),
);
// Quick fixes parse and lint the document: they run in the worker, like the checks.
connection.onCodeAction((params): Promise<CodeAction[]> => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc || !runnerStarted || !answerable(doc.uri)) return Promise.resolve([]);
  const id = ++actionSeq;
  return new Promise((resolve) => {
    actionRequests.set(id, resolve);
    runner.post({ t: 'codeActions', id, uri: doc.uri, text: doc.getText(), languageId: doc.languageId, version: doc.version, params });
  });
});
connection.languages.diagnostics.on((params) => diagnosticsOut.answer(params));
connection.onShutdown(() => runner.stop());

process.on('uncaughtException', (e) => connection.console.error(`Shipshape internal error: ${e.stack ?? e.message}`));

// Each parser loads on first need: the worker's before a check, this thread's before a hover that lints.
onLoad((e) =>
  e.error
    ? connection.console.error(`Shipshape could not load ${e.name}: ${e.error}`)
    : connection.console.info(`Shipshape loaded ${e.name}.`),
);
void Promise.resolve(Project.lazy(RULES)).then((opened) => {
  project = opened;
  // Until the client says otherwise, run no external program (helm, shellcheck).
  project.trusted = false;
  project.configs.onUnreadable = (file, detail) => connection.console.warn(`Shipshape ignored ${file}: it ${detail}.`);
  helmRender = attachHelmRender(connection, documents, project, (doc) => schedule(doc));
  attachKustomize(connection, project);
  documents.listen(connection);
  connection.listen();
});
