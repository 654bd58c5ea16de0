/**
 * How diagnostics reach the client: pulled (LSP 3.17 `textDocument/diagnostic`) when the client
 * supports it, pushed (`textDocument/publishDiagnostics`) otherwise. A pull is answered once the
 * document's current version is checked; a result equal to the one the client holds is answered
 * `unchanged`, a few bytes instead of every diagnostic again.
 */
import {
  DocumentDiagnosticReportKind,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DiagnosticShape } from './convert';

/** One document's latest diagnostics, as the pull model keeps them. */
interface Result {
  readonly version: number;
  readonly resultId: string;
  /** The diagnostics as JSON: an equal result keeps its id. */
  readonly key: string;
  readonly items: Diagnostic[];
}

/** Whether the client pulls diagnostics, and what it uses of them. */
export function diagnosticsMode(capabilities: ClientCapabilities): { pull: boolean; refresh: boolean; shape: DiagnosticShape } {
  return {
    pull: capabilities.textDocument?.diagnostic !== undefined,
    refresh: capabilities.workspace?.diagnostics?.refreshSupport === true,
    shape: { codeDescription: capabilities.textDocument?.publishDiagnostics?.codeDescriptionSupport === true },
  };
}

/** Hands each checked version's diagnostics to the client, by push or by pull. */
export class DiagnosticsOut {
  pull = false;
  /** Whether the client takes `workspace/diagnostic/refresh` (to pull again after a change it did not make). */
  refresh = false;
  private readonly results = new Map<string, Result>();
  /** The version of each document the client last got an answer for. */
  private readonly answered = new Map<string, number>();
  private readonly waiting = new Map<string, ((r: Result | undefined) => void)[]>();
  private seq = 0;
  private refreshQueued = false;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
  ) {}

  /** The diagnostics of `version` of an open document. */
  publish(uri: string, version: number, items: Diagnostic[]): void {
    if (!this.pull) {
      void this.connection.sendDiagnostics({ uri, version, diagnostics: items });
      return;
    }
    const key = JSON.stringify(items);
    const prev = this.results.get(uri);
    const result: Result = { version, key, items, resultId: prev?.key === key ? prev.resultId : String(++this.seq) };
    this.results.set(uri, result);
    const waiters = this.waiting.get(uri);
    if (waiters) {
      this.waiting.delete(uri);
      for (const w of waiters) w(result);
    } else if (this.answered.get(uri) === version && prev?.resultId !== result.resultId) {
      // The client has this version's diagnostics and will not ask again: something else changed them.
      this.queueRefresh();
    }
  }

  /** A document was closed: what was kept for it goes (a push client gets its diagnostics cleared). */
  closed(uri: string): void {
    if (!this.pull) {
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    this.results.delete(uri);
    this.answered.delete(uri);
    const waiters = this.waiting.get(uri);
    this.waiting.delete(uri);
    for (const w of waiters ?? []) w(undefined);
  }

  /** Answers a pull: at once when the current version is checked, else when it is. */
  async answer(params: DocumentDiagnosticParams): Promise<DocumentDiagnosticReport> {
    const uri = params.textDocument.uri;
    let result = this.current(uri);
    if (!result && this.documents.get(uri)) {
      result = await new Promise<Result | undefined>((resolve) => {
        const list = this.waiting.get(uri) ?? [];
        list.push(resolve);
        this.waiting.set(uri, list);
      });
    }
    if (!result) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    this.answered.set(uri, result.version);
    if (params.previousResultId === result.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: result.resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId: result.resultId, items: result.items };
  }

  private current(uri: string): Result | undefined {
    const r = this.results.get(uri);
    return r && r.version === this.documents.get(uri)?.version ? r : undefined;
  }

  private queueRefresh(): void {
    if (!this.refresh || this.refreshQueued) return;
    this.refreshQueued = true;
    setImmediate(() => {
      this.refreshQueued = false;
      this.connection.languages.diagnostics.refresh().catch(() => undefined);
    });
  }
}
