/**
 * The language server entry: a thin shim that wires LSP events to the engine.
 */
import * as path from 'node:path';
import {
  CodeActionKind,
  type Diagnostic,
  DidChangeConfigurationNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as fs from 'node:fs';
import { CONFIG_FILE_NAMES } from './engine/config';
import { Project } from './engine/project';
import { fileUriToPath, pathToFileUri } from './engine/uri';
import { walkFiles } from './engine/walk';
import { codeActions } from './handlers/codeActions';
import { attachHelmRender, initialTrust, type HelmRenderHandle } from './handlers/helmRender';
import { COMPLETION_TRIGGERS, completion } from './handlers/completion';
import { toDiagnostic } from './handlers/convert';
import { definition, references } from './handlers/definition';
import { hover } from './handlers/hover';
import { FIX_ALL_KIND, INDEX_STATUS_NOTIFICATION, WORKSPACE_TRUST_NOTIFICATION, type IndexStatus, type WorkspaceTrust } from './protocol';
import { ENGINE_RULES, RULES } from './rules';
import { DEFAULT_ENGINE_SETTINGS, type EngineSettings } from './settings';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
/** Set, with `helmRender`, before the connection listens (see the end of this file). */
let project!: Project;
let supportsConfiguration = false;
let indexBuilt = false;
const pending = new Map<string, NodeJS.Immediate>();

/** Lints one open document and publishes; coalesces bursts of changes into the latest version. */
function schedule(doc: TextDocument): void {
  const prev = pending.get(doc.uri);
  if (prev) clearImmediate(prev);
  pending.set(
    doc.uri,
    setImmediate(() => {
      pending.delete(doc.uri);
      const current = documents.get(doc.uri);
      if (!current) return;
      publish(current);
    }),
  );
}

/** Rendered-chart findings (helm template + manifest rules), published beside the rule findings. */
let helmRender!: HelmRenderHandle;

function publish(doc: TextDocument): void {
  let diagnostics: Diagnostic[];
  try {
    const input = { uri: doc.uri, text: doc.getText(), languageId: doc.languageId };
    project.updateIndex(input.uri, input.text, input.languageId);
    diagnostics = [...project.lint(input).findings, ...helmRender.findingsFor(doc.uri)].map(toDiagnostic);
  } catch (e) {
    connection.console.error(`Shipshape could not check ${doc.uri}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    diagnostics = [];
  }
  void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
}

function relintAll(): void {
  for (const doc of documents.all()) schedule(doc);
}

async function refreshSettings(): Promise<void> {
  if (!supportsConfiguration) return;
  try {
    const s = (await connection.workspace.getConfiguration('shipshape')) as Partial<EngineSettings> | null;
    project.setSettings(
      {
        rules: s?.rules ?? DEFAULT_ENGINE_SETTINGS.rules,
        kubernetesVersion: s?.kubernetesVersion ?? DEFAULT_ENGINE_SETTINGS.kubernetesVersion,
        maxFileSize: s?.maxFileSize ?? DEFAULT_ENGINE_SETTINGS.maxFileSize,
      },
      (m) => connection.window.showWarningMessage(`Shipshape settings: ${m}`),
    );
  } catch (e) {
    connection.console.warn(`Shipshape could not read its settings: ${String(e)}`);
  }
}

/** Walks the workspace folders in the background, yielding between files so edits stay fast. */
async function buildIndex(): Promise<void> {
  const progress = await connection.window.createWorkDoneProgress().catch(() => undefined);
  progress?.begin('Shipshape: indexing workspace', 0, undefined, true);
  const status = (s: IndexStatus) => void connection.sendNotification(INDEX_STATUS_NOTIFICATION, s);
  status({ state: 'indexing', files: 0 });
  let count = 0;
  for (const root of project.roots) {
    for (const file of walkFiles(root)) {
      if (progress?.token.isCancellationRequested) break;
      const uri = pathToFileUri(file);
      if (documents.get(uri)) continue;
      try {
        const st = await fs.promises.stat(file);
        if (st.size > 5 * 1024 * 1024) continue;
        project.updateIndex(uri, await fs.promises.readFile(file, 'utf8'));
      } catch {
        continue;
      }
      if (++count % 100 === 0) {
        progress?.report(`${count} files`);
        await new Promise((r) => setImmediate(r));
      }
    }
  }
  progress?.done();
  indexBuilt = true;
  status({ state: 'ready', files: project.index.size });
  relintAll();
}

/** Workspace trust gates every external program: helm renders and rules that `require` one. */
function setTrusted(trusted: boolean): void {
  const changed = project.trusted !== trusted;
  project.trusted = trusted;
  helmRender.setTrusted(trusted);
  if (changed) relintAll();
}

connection.onNotification(WORKSPACE_TRUST_NOTIFICATION, (p: WorkspaceTrust) => setTrusted(p?.workspaceTrusted === true));

connection.onInitialize((params) => {
  project.trusted = initialTrust(params.initializationOptions);
  helmRender.setTrusted(project.trusted);
  supportsConfiguration = params.capabilities.workspace?.configuration === true;
  const folders = params.workspaceFolders?.map((f) => fileUriToPath(f.uri)).filter((p): p is string => !!p) ?? [];
  if (folders.length === 0 && params.rootUri) {
    const p = fileUriToPath(params.rootUri);
    if (p) folders.push(p);
  }
  project.roots = folders;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
      hoverProvider: true,
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
  for (const f of project.ready.failures) connection.console.error(`Shipshape could not load ${f.name}: ${f.message}`);
  await refreshSettings();
  relintAll();
  void buildIndex().catch((e) => connection.console.error(`Shipshape indexing failed: ${String(e)}`));
});

connection.onDidChangeConfiguration(async (change) => {
  if (!supportsConfiguration) {
    const s = (change.settings as { shipshape?: Partial<EngineSettings> } | undefined)?.shipshape;
    if (s) project.setSettings(s);
  } else {
    await refreshSettings();
  }
  relintAll();
});

connection.onDidChangeWatchedFiles((params) => {
  let configChanged = false;
  for (const change of params.changes) {
    const p = fileUriToPath(change.uri);
    if (!p) continue;
    project.probe.forget(p);
    if (CONFIG_FILE_NAMES.includes(path.basename(p))) {
      project.configs.invalidate(p);
      configChanged = true;
    }
    if (documents.get(change.uri)) continue;
    if (change.type === FileChangeType.Deleted) project.index.delete(change.uri);
    else {
      try {
        project.updateIndex(change.uri, fs.readFileSync(p, 'utf8'));
      } catch {
        project.index.delete(change.uri);
      }
    }
  }
  if (configChanged || indexBuilt) relintAll();
});

documents.onDidChangeContent((e) => schedule(e.document));
documents.onDidClose((e) => {
  const p = fileUriToPath(e.document.uri);
  // Back to what is on disk: the index describes files, not abandoned edits.
  try {
    if (p && fs.existsSync(p)) project.updateIndex(e.document.uri, fs.readFileSync(p, 'utf8'));
    else project.index.delete(e.document.uri);
  } catch {
    project.index.delete(e.document.uri);
  }
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
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

connection.onHover(answer('hover', null, (params) => hover(project, documents, RULE_DOCS, params)));
connection.onDefinition(answer('go-to-definition', null, (params) => definition(project, documents, params)));
connection.onReferences(answer('find-references', null, (params) => references(project, documents, params)));
connection.onCompletion(answer('completion', null, (params) => completion(project, documents, RULE_DOCS, params)));
connection.onCodeAction(answer('code actions', [], (params) => codeActions(project, documents, params)));

process.on('uncaughtException', (e) => connection.console.error(`Shipshape internal error: ${e.stack ?? e.message}`));

// Nothing is read from the client before the parsers are loaded: no request can lint around them.
void Project.open(RULES).then((opened) => {
  project = opened;
  // Until the client says otherwise, run no external program (helm, shellcheck).
  project.trusted = false;
  helmRender = attachHelmRender(connection, documents, project, (doc) => schedule(doc));
  documents.listen(connection);
  connection.listen();
});
