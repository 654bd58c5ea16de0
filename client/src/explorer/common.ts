/**
 * What the explorer's command files share: the lazily loaded cluster modules, the settings, error
 * messages, the confirmation of mutating actions and read-only documents held in memory.
 */
import * as vscode from 'vscode';

export type ClusterModule = typeof import('../cluster/index.js');
export type OperationsModule = typeof import('../cluster/operations/index.js');

let loaded: Promise<[ClusterModule, OperationsModule]> | undefined;
/** The cluster module and its operations, loaded on first use (not at activation). */
export function load(): Promise<[ClusterModule, OperationsModule]> {
  loaded ??= Promise.all([import('../cluster/index.js'), import('../cluster/operations/index.js')]);
  return loaded;
}

/** Shipshape's settings. */
export function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('shipshape');
}

/** Shows an error as a problem message with its hint. */
export async function showProblem(e: unknown): Promise<void> {
  const [m] = await load();
  const p = m.toProblem(e);
  void vscode.window.showErrorMessage(`${p.message} ${p.hint}`);
}

/** Asks to confirm a mutating action in a modal, twice in a context matching the production pattern. */
export async function confirmAction(action: string, target: string, ctx: string, detail?: string): Promise<boolean> {
  const [, ops] = await load();
  const pattern = config().get<string>('cluster.productionContextPattern') ?? ops.DEFAULT_PRODUCTION_PATTERN;
  return ops.confirmAll(ops.confirmations(action, target, ctx, pattern, detail), (q) =>
    Promise.resolve(vscode.window.showWarningMessage(q.message, { modal: true, detail: q.detail }, q.button)),
  );
}

/** Read-only documents held in memory under one scheme, keyed by URI; the oldest go beyond `limit`. */
export class MemoryDocuments implements vscode.TextDocumentContentProvider {
  private readonly docs = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private seq = 0;

  constructor(
    private readonly scheme: string,
    private readonly limit: number,
  ) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.docs.get(uri.toString()) ?? '';
  }

  /** Stores `text` under a fresh URI ending in `name` (the extension decides the language). */
  put(name: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: this.scheme, path: `/${name}`, query: String(++this.seq) });
    this.docs.set(uri.toString(), text);
    if (this.docs.size > this.limit) this.docs.delete(this.docs.keys().next().value!);
    return uri;
  }

  /** Replaces the text of a document still held (a live view's update). */
  update(uri: vscode.Uri, text: string): void {
    if (!this.docs.has(uri.toString())) return;
    this.docs.set(uri.toString(), text);
    this.changed.fire(uri);
  }
}
