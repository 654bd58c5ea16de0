// A small LSP client for the benchmark and the fuzz run: spawns a server over stdio, speaks
// JSON-RPC, answers the requests servers make of their client, and times what it is asked to.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');

/** Peak resident set (VmHWM) and current RSS of a process, in bytes (Linux only). */
export function memoryOf(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? NaN) * 1024;
    return { peak: kb('VmHWM'), rss: kb('VmRSS') };
  } catch {
    return { peak: NaN, rss: NaN };
  }
}

export const uriOf = (file) => pathToFileURL(file).href;

export class LspServer {
  /**
   * @param {string[]} argv node arguments (script first)
   * @param {Record<string, unknown>} settings answers to workspace/configuration, by section
   * @param {{ pull?: boolean, env?: Record<string, string> }} options `pull`: declare LSP 3.17 pull diagnostics and pull after each open and edit, as VS Code does; `env`: added to this process's environment for the server's
   */
  constructor(name, argv, settings = {}, options = {}) {
    this.name = name;
    this.pull = options.pull === true;
    this.resultIds = new Map();
    this.settings = settings;
    this.proc = spawn(process.execPath, argv, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    this.stderr = '';
    this.proc.stderr.on('data', (d) => {
      if (this.stderr.length < 100_000) this.stderr += d.toString();
    });
    this.exited = new Promise((resolve) => this.proc.once('exit', (code, signal) => resolve({ code, signal })));
    this.conn = rpc.createMessageConnection(new rpc.StreamMessageReader(this.proc.stdout), new rpc.StreamMessageWriter(this.proc.stdin));
    this.waiters = [];
    this.latest = new Map();
    this.notifications = [];
    this.versions = new Map();
    this.texts = new Map();
    this.lastPublish = new Map();
    this.conn.onNotification('textDocument/publishDiagnostics', (p) => {
      this.latest.set(p.uri, p);
      this.lastPublish.set(p.uri, performance.now());
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && (p.version === undefined || p.version === null || w.version === undefined || p.version === w.version)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(p);
        }
      }
    });
    this.conn.onNotification((method, params) => {
      this.notifications.push({ method, params, at: performance.now() });
      for (const w of [...this.waiters]) {
        if (w.method === method && w.pred(params)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(params);
        }
      }
    });
    this.conn.onRequest('workspace/configuration', (p) => p.items.map((i) => (i.section ? (this.settings[i.section] ?? null) : null)));
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('client/unregisterCapability', () => null);
    this.conn.onRequest('workspace/workspaceFolders', () => this.folders ?? null);
    this.conn.onError(() => undefined);
    this.conn.listen();
  }

  get pid() {
    return this.proc.pid;
  }

  async initialize(rootPath) {
    this.folders = rootPath ? [{ uri: uriOf(rootPath), name: 'ws' }] : null;
    await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: rootPath ? uriOf(rootPath) : null,
      workspaceFolders: this.folders,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
        window: { workDoneProgress: true },
        textDocument: {
          synchronization: { dynamicRegistration: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          ...(this.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
        },
      },
    });
    await this.conn.sendNotification('initialized', {});
    await this.conn.sendNotification('workspace/didChangeConfiguration', { settings: this.settings });
  }

  /** The next notification `method` whose params satisfy `pred` (rejects after `timeoutMs`). */
  waitNotification(method, pred = () => true, timeoutMs = 600_000) {
    return this.withTimeout(new Promise((resolve) => this.waiters.push({ method, pred, resolve })), timeoutMs, method);
  }

  withTimeout(promise, ms, what) {
    let t;
    const timeout = new Promise((_, reject) => {
      t = setTimeout(() => reject(new Error(`${this.name}: no ${what} within ${ms} ms`)), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(t));
  }

  waitPublish(uri, version, timeoutMs) {
    return this.withTimeout(new Promise((resolve) => this.waiters.push({ uri, version, resolve })), timeoutMs, `publishDiagnostics for ${uri}`);
  }

  /** Opens a document; resolves with `{ ms, diagnostics }` for its first publish. */
  async open(uri, languageId, text, timeoutMs = 600_000) {
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    const t0 = performance.now();
    const wait = this.pull ? undefined : this.waitPublish(uri, 1, timeoutMs);
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    const p = wait ? await wait : await this.pullDiagnostics(uri, timeoutMs);
    return { ms: performance.now() - t0, diagnostics: p.diagnostics };
  }

  /** Replaces [start, end) offsets with `insert`; resolves with `{ ms, diagnostics }` for that version. */
  async edit(uri, start, end, insert, timeoutMs = 600_000) {
    const text = this.texts.get(uri);
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const range = { start: positionAt(text, start), end: positionAt(text, end) };
    this.texts.set(uri, text.slice(0, start) + insert + text.slice(end));
    const t0 = performance.now();
    const wait = this.pull ? undefined : this.waitPublish(uri, version, timeoutMs);
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: insert }] });
    const p = wait ? await wait : await this.pullDiagnostics(uri, timeoutMs);
    return { ms: performance.now() - t0, diagnostics: p.diagnostics };
  }

  /** Pulls the diagnostics of `uri` with the last result id; an `unchanged` answer keeps the last items. */
  async pullDiagnostics(uri, timeoutMs) {
    const previous = this.resultIds.get(uri);
    const r = await this.withTimeout(
      this.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri }, ...(previous ? { previousResultId: previous.id } : {}) }),
      timeoutMs,
      'textDocument/diagnostic answer',
    );
    const items = r.kind === 'unchanged' ? (previous?.items ?? []) : r.items;
    if (r.resultId) this.resultIds.set(uri, { id: r.resultId, items });
    const p = { uri, diagnostics: items };
    this.latest.set(uri, p);
    this.lastPublish.set(uri, performance.now());
    return p;
  }

  /**
   * Resolves once no publish for `uri` has arrived for `quietMs` (at most `maxMs`). Servers that do
   * not put the version in their publishes may publish a document again after opening it (when
   * their settings arrive); waiting for quiet keeps such a late publish from answering an edit.
   */
  async settle(uri, quietMs = 300, maxMs = 5000) {
    const t0 = performance.now();
    for (;;) {
      const since = performance.now() - (this.lastPublish.get(uri) ?? t0);
      if (since >= quietMs || performance.now() - t0 >= maxMs) return;
      await new Promise((r) => setTimeout(r, quietMs - since));
    }
  }

  async close(uri) {
    await this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Code actions for one diagnostic; resolves with `{ ms, actions }`. */
  async codeAction(uri, diagnostic, timeoutMs = 600_000) {
    const t0 = performance.now();
    const actions = await this.withTimeout(
      this.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } }),
      timeoutMs,
      'codeAction answer',
    );
    return { ms: performance.now() - t0, actions: actions ?? [] };
  }

  memory() {
    return memoryOf(this.pid);
  }

  async shutdown(timeoutMs = 10_000) {
    try {
      await this.withTimeout(this.conn.sendRequest('shutdown'), timeoutMs, 'shutdown answer');
      await this.conn.sendNotification('exit');
      await this.withTimeout(this.exited, timeoutMs, 'exit');
    } catch {
      this.proc.kill('SIGKILL');
    }
    this.conn.dispose();
  }
}

/** LSP position (UTF-16) of a string offset. */
export function positionAt(text, offset) {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}
