/**
 * The extension entry: starts the language server and the cluster features, nothing else.
 * Every disposable goes to `context.subscriptions`.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient, LanguageClientOptions } from 'vscode-languageclient/node';
import { INDEX_STATUS_NOTIFICATION, type IndexStatus } from '../../server/src/protocol';
import { RENDERED_MIDDLEWARE, registerRenderedManifest } from './helm';
import { registerKustomize } from './kustomize';
import { initializationOptions, registerTrust } from './trust';
import { registerExplorer, type ClusterExplorer } from './explorer';
import { serverOptions } from './launch';

let client: LanguageClient | undefined;
/** The language client's start, begun by `activate`; `deactivate` waits for it before stopping. */
let starting: Promise<LanguageClient> | undefined;

/** The documents the server is told about (classification happens in the server). */
export const DOCUMENT_SELECTOR: LanguageClientOptions['documentSelector'] = [
  { language: 'dockerfile' },
  { language: 'yaml' },
  { language: 'helm' },
  { scheme: 'file', pattern: '**/{Dockerfile,Containerfile,*.Dockerfile,Dockerfile.*,*.dockerfile}' },
  { scheme: 'file', pattern: '**/templates/**' },
  { scheme: 'file', pattern: '**/values.schema.json' },
  { scheme: 'file', pattern: '**/*.dockerignore' },
  { scheme: 'file', pattern: '**/.dockerignore' },
  // VS Code gives Compose files the `dockercompose` language.
  { language: 'dockercompose' },
];

/** What `activate` returns (for other extensions and the extension-host tests). */
export interface ShipshapeApi {
  /** The language client once its server has started (it rejects when the server cannot start). */
  client: Promise<LanguageClient>;
  explorer: ClusterExplorer;
  /** Time spent in `activate` (the language client loads and starts afterwards, in the background). */
  activatedInMs: number;
}

export async function activate(context: vscode.ExtensionContext): Promise<ShipshapeApi> {
  const started = Date.now();
  const status = vscode.window.createStatusBarItem('shipshape.index', vscode.StatusBarAlignment.Left, 10);
  status.name = 'Shipshape index';
  context.subscriptions.push(status);
  registerRenderedManifest(context, () => client);
  registerKustomize(context, () => client);
  // Cluster explorer: only the view and commands here; the cluster module loads on first use.
  const explorer = registerExplorer(context);
  // The language client is a file of its own (most of what the extension loads): it is loaded and
  // started on the next turn, after activation has returned. A client that cannot be created says
  // so; one whose server fails to start shows that itself (with a link to its output).
  const activatedInMs = Date.now() - started;
  const ready = new Promise<void>((r) => setImmediate(r)).then(() => startLanguageClient(context, status, activatedInMs));
  starting = ready;
  ready.catch((e: unknown) => {
    if (!client)
      void vscode.window.showErrorMessage(`Shipshape: the language client did not load: ${e instanceof Error ? e.message : String(e)}`);
  });
  return { client: ready, explorer, activatedInMs };
}

/** Loads the language client, connects it to dist/server.js and waits for the server to start. */
async function startLanguageClient(
  context: vscode.ExtensionContext,
  status: vscode.StatusBarItem,
  activatedInMs: number,
): Promise<LanguageClient> {
  const { LanguageClient, TransportKind } = await import('vscode-languageclient/node');
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const options = serverOptions(serverModule, TransportKind.stdio);
  const watcher = vscode.workspace.createFileSystemWatcher(
    '**/{*.yaml,*.yml,*.json,*.tpl,Dockerfile*,*.Dockerfile,Containerfile,.dockerignore,.shipshape.yaml}',
  );
  context.subscriptions.push(watcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: { fileEvents: watcher },
    diagnosticCollectionName: 'shipshape',
    // Read when the server starts: whether it may run helm and shellcheck.
    initializationOptions,
    middleware: RENDERED_MIDDLEWARE,
  };
  client = new LanguageClient('shipshape', 'Shipshape', options, clientOptions);
  context.subscriptions.push(
    client.onNotification(INDEX_STATUS_NOTIFICATION, (s: IndexStatus) => {
      status.text = s.state === 'indexing' ? '$(sync~spin) Shipshape' : '$(check) Shipshape';
      status.tooltip = s.state === 'indexing' ? 'Shipshape is indexing the workspace' : `Shipshape indexed ${s.files} files`;
      status.show();
    }),
  );
  context.subscriptions.push(client);
  registerTrust(context, client);
  client.outputChannel.appendLine(`Shipshape activated in ${activatedInMs} ms`);
  await client.start();
  return client;
}

export async function deactivate(): Promise<void> {
  // A client still loading would otherwise start a server after deactivation and leave it running.
  await starting?.catch(() => undefined);
  await client?.stop();
  client = undefined;
}
