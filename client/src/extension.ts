/**
 * The extension entry: starts the language server and the cluster features, nothing else.
 * Every disposable goes to `context.subscriptions`.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { INDEX_STATUS_NOTIFICATION, type IndexStatus } from '../../server/src/protocol';
import { RENDERED_MIDDLEWARE, registerRenderedManifest } from './helm';
import { initializationOptions, registerTrust } from './trust';
import { registerExplorer, type ClusterExplorer } from './explorer';

let client: LanguageClient | undefined;

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
];

/** What `activate` returns (for other extensions and the extension-host tests). */
export interface ShipshapeApi {
  client: LanguageClient | undefined;
  explorer: ClusterExplorer;
  /** Time spent in `activate` (the server starts afterwards, in the background). */
  activatedInMs: number;
}

export async function activate(context: vscode.ExtensionContext): Promise<ShipshapeApi> {
  const started = Date.now();
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio },
    debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
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
  client = new LanguageClient('shipshape', 'Shipshape', serverOptions, clientOptions);
  const status = vscode.window.createStatusBarItem('shipshape.index', vscode.StatusBarAlignment.Left, 10);
  status.name = 'Shipshape index';
  context.subscriptions.push(status);
  context.subscriptions.push(
    client.onNotification(INDEX_STATUS_NOTIFICATION, (s: IndexStatus) => {
      status.text = s.state === 'indexing' ? '$(sync~spin) Shipshape' : '$(check) Shipshape';
      status.tooltip = s.state === 'indexing' ? 'Shipshape is indexing the workspace' : `Shipshape indexed ${s.files} files`;
      status.show();
    }),
  );
  context.subscriptions.push(client);
  registerTrust(context, client);
  registerRenderedManifest(context, () => client);
  // Cluster explorer: only the view and commands here; the cluster module loads on first use.
  const explorer = registerExplorer(context);
  // Activation does not wait for the server. The client itself shows a failed start (with a link
  // to its output); the catch keeps the rejection from going unhandled.
  const starting = client;
  starting.start().catch((e: unknown) => starting.outputChannel.appendLine(`Shipshape language server did not start: ${String(e)}`));
  const activatedInMs = Date.now() - started;
  client.outputChannel.appendLine(`Shipshape activated in ${activatedInMs} ms`);
  return { client, explorer, activatedInMs };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
