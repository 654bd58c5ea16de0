/**
 * Live events in VS Code: "Watch Events" opens a read-only document (scheme `shipshape-events`)
 * with a namespace's or the whole cluster's events, warnings first, kept current by a watch and
 * filterable by object and type; and the Events section of a Describe view stays live. Every watch
 * stops when its view's tab closes. The streams and the text are plain logic in
 * cluster/operations/events.ts.
 */
import * as vscode from 'vscode';
import type { ApiClient } from '../cluster/api';
import type { ClusterTree, TreeNode } from '../cluster/tree';
import type { Description } from '../cluster/operations/describe';
import type { EventFilter, EventRow, EventScope, EventStream } from '../cluster/operations/events';

type OperationsModule = typeof import('../cluster/operations/index.js');

/** The live event documents' scheme. */
export const EVENTS_SCHEME = 'shipshape-events';

/** Redraws at most this often while events arrive; "3m ago" is refreshed at least this often. */
const RENDER_INTERVAL_MS = 250;
const AGE_REFRESH_MS = 30_000;

/** Calls `onClose` once no tab shows `uri` any more; returns the subscription. */
export function onTabClosed(uri: vscode.Uri, onClose: () => void): vscode.Disposable {
  const key = uri.toString();
  const sub = vscode.window.tabGroups.onDidChangeTabs((e) => {
    if (!e.closed.length) return;
    const open = vscode.window.tabGroups.all.some((g) =>
      g.tabs.some(
        (t) =>
          (t.input instanceof vscode.TabInputText && t.input.uri.toString() === key) ||
          (t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === key),
      ),
    );
    if (open) return;
    sub.dispose();
    onClose();
  });
  return sub;
}

/** One open live events view. */
interface EventView {
  uri: vscode.Uri;
  title: string;
  stream: EventStream;
  filter: EventFilter;
  text: string;
  timer?: NodeJS.Timeout;
}

/** What the event viewer needs from the explorer. */
export interface EventViewerAccess {
  tree(): Promise<ClusterTree>;
  operations(): Promise<OperationsModule>;
}

/** Serves the live event documents; opens, filters and closes them. */
export class EventViewer implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly views = new Map<string, EventView>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly warningDeco = vscode.window.createTextEditorDecorationType({
    color: new vscode.ThemeColor('list.warningForeground'),
    fontWeight: 'bold',
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.warningForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Right,
  });
  private readonly disposables: vscode.Disposable[];
  private readonly ageTimer: NodeJS.Timeout;
  private seq = 0;

  constructor(private readonly ops: () => Promise<OperationsModule>) {
    this.disposables = [
      vscode.workspace.registerTextDocumentContentProvider(EVENTS_SCHEME, this),
      this.changed,
      this.warningDeco,
      vscode.workspace.onDidChangeTextDocument((e) => this.decorateDocument(e.document)),
      vscode.window.onDidChangeVisibleTextEditors((eds) => eds.forEach((ed) => this.decorateDocument(ed.document))),
    ];
    this.ageTimer = setInterval(() => {
      for (const v of this.views.values()) this.schedule(v);
    }, AGE_REFRESH_MS);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.views.get(uri.toString())?.text ?? '(this events view was closed)\n';
  }

  /** Opens a live view of `scope`'s events in `api`'s cluster. */
  async open(api: ApiClient, scope: EventScope, title: string): Promise<vscode.TextEditor> {
    const ops = await this.ops();
    const uri = vscode.Uri.from({ scheme: EVENTS_SCHEME, path: `/${title.replace(/[/\\:]/g, '-')}.events`, query: String(++this.seq) });
    const view: EventView = { uri, title, stream: new ops.EventStream(api, scope), filter: {}, text: '' };
    view.text = ops.eventStreamText([], { title: `${title} (listing…)` });
    this.views.set(uri.toString(), view);
    view.stream.onChange(() => this.schedule(view));
    this.disposables.push(onTabClosed(uri, () => this.close(uri.toString())));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    await view.stream.start();
    this.render(view, ops);
    return editor;
  }

  /** The view of the active editor, or of `uri`. */
  view(uri?: unknown): EventView | undefined {
    if (uri instanceof vscode.Uri) return this.views.get(uri.toString());
    const active = vscode.window.activeTextEditor?.document.uri;
    return active ? this.views.get(active.toString()) : undefined;
  }

  async setFilter(view: EventView, filter: EventFilter): Promise<void> {
    view.filter = filter;
    this.render(view, await this.ops());
  }

  dispose(): void {
    clearInterval(this.ageTimer);
    for (const k of [...this.views.keys()]) this.close(k);
    for (const d of this.disposables) d.dispose();
  }

  private schedule(view: EventView): void {
    view.timer ??= setTimeout(() => {
      view.timer = undefined;
      void this.ops().then((ops) => this.views.has(view.uri.toString()) && this.render(view, ops));
    }, RENDER_INTERVAL_MS);
  }

  private render(view: EventView, ops: OperationsModule): void {
    const text = ops.eventStreamText(view.stream.rows(), { title: view.title, filter: view.filter, problem: view.stream.problem });
    if (text === view.text) return;
    view.text = text;
    this.changed.fire(view.uri);
  }

  private decorateDocument(doc: vscode.TextDocument): void {
    if (doc.uri.scheme !== EVENTS_SCHEME) return;
    const warnings: vscode.Range[] = [];
    for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.startsWith('! ')) warnings.push(doc.lineAt(i).range);
    for (const ed of vscode.window.visibleTextEditors) if (ed.document === doc) ed.setDecorations(this.warningDeco, warnings);
  }

  private close(key: string): void {
    const v = this.views.get(key);
    if (!v) return;
    v.stream.stop();
    if (v.timer) clearTimeout(v.timer);
    this.views.delete(key);
  }
}

/**
 * Keeps the Events section of a Describe view live: a watch on the object's events re-renders the
 * text through `update` whenever they change, until the view's tab closes.
 */
export function keepDescribeEventsLive(
  ops: OperationsModule,
  api: ApiClient,
  context: string,
  uri: vscode.Uri,
  d: Description,
  update: (text: string) => void,
): vscode.Disposable {
  const ns = d.object.metadata.namespace;
  if (!ns || !d.object.kind) return { dispose: () => undefined };
  const stream = new ops.EventStream(api, { namespace: ns, object: { kind: d.object.kind, name: d.object.metadata.name } });
  let shown: EventRow[] = d.events;
  stream.onChange((rows) => {
    if (rows.length === shown.length && rows.every((r, i) => JSON.stringify(r) === JSON.stringify(shown[i]))) return;
    shown = rows;
    update(ops.descriptionText({ ...d, events: rows }, context));
  });
  void stream.start();
  const closed = onTabClosed(uri, () => stream.stop());
  return {
    dispose: () => {
      closed.dispose();
      stream.stop();
    },
  };
}

/** Registers the event viewer and its commands. */
export function registerEventViewer(context: vscode.ExtensionContext, access: EventViewerAccess): EventViewer {
  const viewer = new EventViewer(access.operations);
  context.subscriptions.push(
    viewer,
    vscode.commands.registerCommand('shipshape.watchEvents', async (node?: TreeNode, namespace?: unknown) => {
      const tree = await access.tree();
      const ctx = node?.ref?.context || tree.roots()[0]?.ref?.context;
      if (!ctx) return void vscode.window.showWarningMessage('No Kubernetes context: check the kubeconfig.');
      let ns: string | undefined;
      if (typeof namespace === 'string') ns = namespace || undefined;
      else if (node?.ref?.namespace) ns = node.ref.namespace;
      else if (!node?.view.contextValue.startsWith('context')) {
        const current = tree.namespaceOf(ctx);
        const pick = await vscode.window.showQuickPick(
          [
            { label: `Namespace ${current}`, ns: current as string | undefined },
            { label: 'All namespaces', ns: undefined },
          ],
          { title: `Watch events in ${ctx}` },
        );
        if (!pick) return;
        ns = pick.ns;
      }
      try {
        await viewer.open(tree.api(ctx), { namespace: ns }, `Events ${ns ?? 'all namespaces'} (${ctx})`);
      } catch (e) {
        const m = await import('../cluster/index.js');
        const p = m.toProblem(e);
        void vscode.window.showErrorMessage(`${p.message} ${p.hint}`);
      }
    }),
    vscode.commands.registerCommand('shipshape.events.filter', async (uri?: unknown, given?: unknown) => {
      const view = viewer.view(uri);
      if (!view) return void vscode.window.showInformationMessage('Open a live events view first (Watch Events).');
      const ops = await access.operations();
      const input =
        typeof given === 'string'
          ? given
          : typeof uri === 'string'
            ? uri
            : await vscode.window.showInputBox({
                title: `Filter ${view.title}`,
                prompt:
                  'Kind/name (Pod/web-1), Kind/ (every Deployment), or part of a name; add "warning" or "normal" for one type. Empty shows all.',
                value: ops.eventFilterText(view.filter),
              });
      if (input === undefined) return;
      await viewer.setFilter(view, ops.parseEventFilter(input));
    }),
  );
  return viewer;
}
