/** A minimal LSP client that drives the built server (dist/server.js) over stdio with real JSON-RPC. */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
  CodeAction,
  CompletionList,
  Diagnostic,
  DocumentDiagnosticReport,
  Hover,
  Location,
  Position,
  PublishDiagnosticsParams,
  Range,
} from 'vscode-languageserver';
import { pathToFileUri } from '../../server/src/engine/uri';

export const SERVER = path.resolve(__dirname, '../../../dist/server.js');

/** A running server and helpers to talk to it. */
export class LspClient {
  readonly conn: MessageConnection;
  readonly proc: ChildProcess;
  /** Settings returned for `workspace/configuration` requests (section `shipshape`). */
  settings: Record<string, unknown> = {};
  /** Answers for other sections (`shipshape.helm`); sections not listed get `settings`. */
  sections: Record<string, unknown> = {};
  private readonly latest = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: {
    uri: string;
    pred: (p: PublishDiagnosticsParams) => boolean;
    resolve: (p: PublishDiagnosticsParams) => void;
  }[] = [];
  private readonly versions = new Map<string, number>();
  readonly notifications: { method: string; params: unknown }[] = [];
  private readonly notificationWaiters: { method: string; pred: (p: unknown) => boolean; resolve: (p: unknown) => void }[] = [];
  stderr = '';
  /** How many times the server asked for diagnostics to be pulled again. */
  refreshes = 0;
  private readonly refreshWaiters: (() => void)[] = [];

  /** `env` replaces the server's environment (for a PATH with or without some program); `cwd` is its working folder. */
  constructor(env?: NodeJS.ProcessEnv, cwd?: string) {
    this.proc = spawn(process.execPath, [SERVER, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(env ? { env } : {}),
      ...(cwd ? { cwd } : {}),
    });
    this.proc.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.latest.set(p.uri, p);
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && w.pred(p)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(p);
        }
      }
    });
    this.conn.onNotification((method: string, params: unknown) => {
      this.notifications.push({ method, params });
      for (const w of [...this.notificationWaiters]) {
        if (w.method === method && w.pred(params)) {
          this.notificationWaiters.splice(this.notificationWaiters.indexOf(w), 1);
          w.resolve(params);
        }
      }
    });
    this.conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map((i) => (i.section !== undefined && i.section in this.sections ? this.sections[i.section] : this.settings)),
    );
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes++;
      for (const w of this.refreshWaiters.splice(0)) w();
      return null;
    });
    this.conn.listen();
  }

  /**
   * `textDocument` replaces the text-document capabilities (the default declares push diagnostics
   * with every field); `workspace` is merged into the workspace capabilities.
   */
  async initialize(
    rootPath: string,
    initializationOptions?: unknown,
    capabilities?: { textDocument?: Record<string, unknown>; workspace?: Record<string, unknown> },
  ): Promise<unknown> {
    const res = await this.conn.sendRequest('initialize', {
      processId: process.pid,
      ...(initializationOptions === undefined ? {} : { initializationOptions }),
      rootUri: pathToFileUri(rootPath),
      workspaceFolders: [{ uri: pathToFileUri(rootPath), name: 'ws' }],
      capabilities: {
        workspace: {
          configuration: true,
          didChangeConfiguration: { dynamicRegistration: true },
          workspaceFolders: true,
          ...capabilities?.workspace,
        },
        window: { workDoneProgress: true },
        textDocument: capabilities?.textDocument ?? {
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        },
      },
    });
    await this.conn.sendNotification('initialized', {});
    return res;
  }

  /** The last diagnostics pushed for `file`, if any were. */
  published(file: string): PublishDiagnosticsParams | undefined {
    return this.latest.get(pathToFileUri(file));
  }

  /** Opens a document without waiting for diagnostics (for clients that pull them). */
  async openOnly(file: string, text: string, languageId: string): Promise<void> {
    this.versions.set(pathToFileUri(file), 1);
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: pathToFileUri(file), languageId, version: 1, text } });
  }

  /** Applies a single edit without waiting for diagnostics. */
  async editOnly(file: string, range: Range, text: string): Promise<void> {
    const uri = pathToFileUri(file);
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  /** Resolves at the server's next `workspace/diagnostic/refresh` request. */
  waitForRefresh(): Promise<void> {
    return new Promise((resolve) => this.refreshWaiters.push(resolve));
  }

  /** Pulls the diagnostics of `file` (LSP 3.17 `textDocument/diagnostic`). */
  pull(file: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return this.conn.sendRequest('textDocument/diagnostic', {
      textDocument: { uri: pathToFileUri(file) },
      ...(previousResultId === undefined ? {} : { previousResultId }),
    });
  }

  /** Resolves with the next publish for `uri` that satisfies `pred`. */
  waitFor(uri: string, pred: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => this.waiters.push({ uri, pred, resolve }));
  }

  /** Resolves with the first notification `method` (seen already or still to come) that satisfies `pred`. */
  waitForNotification(method: string, pred: (p: unknown) => boolean = () => true): Promise<unknown> {
    const seen = this.notifications.find((n) => n.method === method && pred(n.params));
    if (seen) return Promise.resolve(seen.params);
    return new Promise((resolve) => this.notificationWaiters.push({ method, pred, resolve }));
  }

  /** Opens a document and resolves with its first diagnostics of this version. */
  async open(file: string, text: string, languageId: string): Promise<Diagnostic[]> {
    const uri = pathToFileUri(file);
    this.versions.set(uri, 1);
    const wait = this.waitFor(uri, (p) => p.version === 1);
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return (await wait).diagnostics;
  }

  /** Applies a single edit and resolves with the diagnostics for the new version. */
  async edit(file: string, range: Range, text: string): Promise<Diagnostic[]> {
    const uri = pathToFileUri(file);
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const wait = this.waitFor(uri, (p) => p.version === version);
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return (await wait).diagnostics;
  }

  codeActions(file: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    return this.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: pathToFileUri(file) },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    });
  }

  hover(file: string, position: Position): Promise<Hover | null> {
    return this.conn.sendRequest('textDocument/hover', { textDocument: { uri: pathToFileUri(file) }, position });
  }

  definition(file: string, position: Position): Promise<Location[] | null> {
    return this.conn.sendRequest('textDocument/definition', { textDocument: { uri: pathToFileUri(file) }, position });
  }

  references(file: string, position: Position, includeDeclaration: boolean): Promise<Location[] | null> {
    return this.conn.sendRequest('textDocument/references', {
      textDocument: { uri: pathToFileUri(file) },
      position,
      context: { includeDeclaration },
    });
  }

  completion(file: string, position: Position, triggerCharacter?: string): Promise<CompletionList | null> {
    const context = triggerCharacter ? { triggerKind: 2, triggerCharacter } : { triggerKind: 1 };
    return this.conn.sendRequest('textDocument/completion', { textDocument: { uri: pathToFileUri(file) }, position, context });
  }

  async shutdown(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.proc.once('exit', (code) => resolve(code)));
    await this.conn.sendRequest('shutdown');
    await this.conn.sendNotification('exit');
    const code = await exited;
    this.conn.dispose();
    return code;
  }
}
