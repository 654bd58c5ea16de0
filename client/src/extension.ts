/**
 * The extension entry: starts the language server and the cluster features, nothing else.
 * Every disposable goes to `context.subscriptions`.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { INDEX_STATUS_NOTIFICATION, type IndexStatus } from '../../server/src/protocol';
import { registerExplorer } from './explorer';

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

export async function activate(context: vscode.ExtensionContext): Promise<{ client: LanguageClient | undefined; activatedInMs: number }> {
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
  // Cluster explorer: only the view and commands here; the cluster module loads on first use.
  registerExplorer(context);
  await client.start();
  const activatedInMs = Date.now() - started;
  client.outputChannel.appendLine(`Shipshape activated in ${activatedInMs} ms`);
  return { client, activatedInMs };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
