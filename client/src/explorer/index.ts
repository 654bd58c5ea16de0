/**
 * The cluster explorer in VS Code: the tree view, its commands, log views and port-forward
 * sessions with a status bar item. Registration is cheap; the cluster module (client-node) is
 * loaded on the first expansion or command, so activation stays fast.
 */
import * as vscode from 'vscode';
import type { ClusterTree, TreeNode, NodeRef } from '../cluster/tree';
import type { LogScope } from '../cluster/logs';
import type { PortForwardSession } from '../cluster/portforward';
import { registerCodeLens } from './codelens';
import { registerLogViewer } from './logviewer';
import { registerEventViewer } from './events-live';
import { registerFilter } from './filter';
import { decorateChildren, registerOperations } from './operations';
import { registerHelmWorkflows } from './helm-workflows';
import { registerMaintenance } from './maintenance';
import { registerLive } from './live';
import type { ListFilter } from '../cluster/filter';

type ClusterModule = typeof import('../cluster/index.js');

let modules: Promise<ClusterModule> | undefined;
/** The cluster module (and client-node) load on first use, not at activation. */
function load(): Promise<ClusterModule> {
  modules ??= import('../cluster/index.js');
  return modules;
}

const SEVERITY_COLOR: Record<string, string | undefined> = {
  ok: 'testing.iconPassed',
  progress: 'charts.blue',
  warning: 'list.warningForeground',
  error: 'list.errorForeground',
  done: 'disabledForeground',
  info: undefined,
};

/** When the kubeconfig is first read if nothing asked before (the status bar names the context). */
const CONTEXT_STATUS_DELAY_MS = 3_000;

const NS_STATE_KEY = 'shipshape.explorer.namespaces';
const CTX_STATE_KEY = 'shipshape.explorer.context';

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('shipshape');
}

/** One port-forward session as the tree and status bar show it. */
interface ForwardEntry {
  id: number;
  label: string;
  session: PortForwardSession;
}

class ExplorerProvider implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private model: ClusterTree | undefined;
  readonly forwards = new Map<number, ForwardEntry>();
  /** List filters by node id, kept across refreshes. */
  readonly filters = new Map<string, ListFilter>();
  /** Parents of the nodes handed out, for `TreeView.reveal`. */
  private readonly parents = new WeakMap<TreeNode, TreeNode>();
  /**
   * One object per expandable node id: the model builds fresh nodes on every call, but the view
   * only redraws (and reveals) elements it was given, so every caller gets the same object.
   */
  private readonly byId = new Map<string, TreeNode>();
  private readonly loadedEmitter = new vscode.EventEmitter<ClusterTree>();
  /** A model was built (first use, or after a refresh once one had been built). */
  readonly onDidLoad = this.loadedEmitter.event;
  private building: Promise<ClusterTree> | undefined;
  private everLoaded = false;

  constructor(private readonly state: vscode.Memento) {}

  /** The model, once something has loaded it (this never loads it itself). */
  loadedTree(): Promise<ClusterTree> {
    if (this.everLoaded) return this.tree();
    return new Promise((resolve) => {
      const sub = this.onDidLoad((t) => {
        sub.dispose();
        resolve(t);
      });
    });
  }

  tree(): Promise<ClusterTree> {
    if (this.model) return Promise.resolve(this.model);
    this.building ??= this.build().finally(() => (this.building = undefined));
    return this.building;
  }

  private async build(): Promise<ClusterTree> {
    const m = await load();
    const loaded = m.loadKubeconfig({
      setting: config().get<string>('kubeconfig') ?? '',
      env: process.env.KUBECONFIG,
      inCluster: { host: process.env.KUBERNETES_SERVICE_HOST, port: process.env.KUBERNETES_SERVICE_PORT },
    });
    let kc = loaded;
    if (!m.isProblem(loaded)) {
      const chosen = this.state.get<string>(CTX_STATE_KEY);
      if (chosen && loaded.kc.getContextObject(chosen)) loaded.kc.setCurrentContext(chosen);
      kc = loaded;
    }
    this.model = new m.ClusterTree(m.isProblem(kc) ? kc : kc.kc, {
      maxItems: config().get<number>('explorer.maxItems') ?? 500,
      timeoutMs: config().get<number>('cluster.requestTimeout') ?? 15_000,
      namespaceOverrides: this.state.get<Record<string, string>>(NS_STATE_KEY) ?? {},
      filters: this.filters,
    });
    this.model.onChange((n) => this.changed.fire(n && (this.byId.get(n.view.id) ?? n)));
    this.everLoaded = true;
    this.loadedEmitter.fire(this.model);
    return this.model;
  }

  refresh(): void {
    this.model?.dispose();
    this.model = undefined;
    this.byId.clear();
    this.changed.fire(undefined);
    // Whoever shows the context (status bar, lenses) hears of the new one.
    if (this.everLoaded) void this.tree();
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const v = node.view;
    const item = new vscode.TreeItem(
      v.label,
      v.collapsible ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = v.id;
    item.description = v.description;
    item.tooltip = v.tooltip;
    item.contextValue = v.contextValue;
    if (v.command) item.command = { command: v.command, title: v.label, arguments: [node] };
    if (v.icon)
      item.iconPath = new vscode.ThemeIcon(
        v.icon,
        v.severity && SEVERITY_COLOR[v.severity] ? new vscode.ThemeColor(SEVERITY_COLOR[v.severity]!) : undefined,
      );
    return item;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) {
      const children = (node.children ? await decorateChildren(this, node, await node.children()) : []).map((c) => this.canonical(c));
      for (const c of children) this.parents.set(c, node);
      return children;
    }
    const roots = (await this.tree()).roots();
    if (this.forwards.size) {
      roots.unshift({
        view: {
          id: 'forwards',
          label: 'Port forwards',
          description: String(this.forwards.size),
          icon: 'plug',
          contextValue: 'forwards',
          collapsible: true,
        },
        children: async () =>
          [...this.forwards.values()].map((f) => ({
            view: {
              id: `forward:${f.id}`,
              label: `${f.session.address}:${f.session.localPort}`,
              description: `→ ${f.label}${f.session.current ? ` (pod ${f.session.current.pod}:${f.session.current.port})` : ''}`,
              icon: 'plug',
              contextValue: 'forward',
              collapsible: false,
            },
            ref: { context: '', name: String(f.id) },
          })),
      });
    }
    return roots.map((c) => this.canonical(c));
  }

  private canonical(fresh: TreeNode): TreeNode {
    if (!fresh.view.collapsible) return fresh;
    const known = this.byId.get(fresh.view.id);
    if (!known) {
      this.byId.set(fresh.view.id, fresh);
      return fresh;
    }
    Object.assign(known, fresh);
    return known;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return this.parents.get(node);
  }

  /** Redraws the root (the port-forward section lives there). */
  refreshForwards(): void {
    this.changed.fire(undefined);
  }

  collapsed(node: TreeNode): void {
    this.model?.release(node);
  }

  /** The "N more" node was clicked: page on (the collection's event redraws its parent). */
  async loadMore(node: TreeNode): Promise<void> {
    try {
      await this.model?.loadMore(node);
    } catch (e) {
      void vscode.window.showWarningMessage(e instanceof Error ? e.message : String(e));
    }
  }
}

const LOG_MODES = [
  { label: 'Follow (last 100 lines)', id: 'tail' },
  { label: 'Follow (everything)', id: 'all' },
  { label: 'Follow since 10 minutes ago', id: 'since' },
  { label: 'Previous (crashed) container', id: 'previous' },
  { label: 'Follow with timestamps', id: 'timestamps' },
] as const;

/** The second argument of `shipshape.followLogs` (keybindings, other extensions): skips the pick. */
export type LogMode = (typeof LOG_MODES)[number]['id'];

async function pickLogOptions(
  mode?: LogMode,
): Promise<{ previous: boolean; tailLines?: number; sinceSeconds?: number; timestamps: boolean } | undefined> {
  const id = mode ?? (await vscode.window.showQuickPick(LOG_MODES, { title: 'Shipshape: Follow Logs' }))?.id;
  if (!id) return undefined;
  return {
    previous: id === 'previous',
    tailLines: id === 'tail' || id === 'timestamps' ? 100 : undefined,
    sinceSeconds: id === 'since' ? 600 : undefined,
    timestamps: id === 'timestamps',
  };
}

/** The second argument of `shipshape.portForward`: the ports, instead of asking. */
export interface PortForwardArgs {
  /** Port number or name on the target. */
  remotePort: number | string;
  /** Local port (default: a free one). */
  localPort?: number;
}

/** What `registerExplorer` made: the tree's data provider and its view. */
export interface ClusterExplorer {
  readonly provider: vscode.TreeDataProvider<TreeNode>;
  readonly view: vscode.TreeView<TreeNode>;
}

/** Registers the view and the commands; everything goes to `context.subscriptions`. */
export function registerExplorer(context: vscode.ExtensionContext): ClusterExplorer {
  const provider = new ExplorerProvider(context.globalState);
  const secretViews = new SecretViews();
  registerOperations(context, provider);
  registerHelmWorkflows(context, provider);
  registerMaintenance(context, provider);
  registerLive(context, provider);
  const logViewer = registerLogViewer(context, load);
  registerEventViewer(context, { tree: () => provider.tree(), operations: () => import('../cluster/operations/index.js') });
  const view = vscode.window.createTreeView('shipshape.clusterExplorer', { treeDataProvider: provider, showCollapseAll: true });
  const status = vscode.window.createStatusBarItem('shipshape.portForwards', vscode.StatusBarAlignment.Left, 9);
  status.name = 'Shipshape port-forwards';
  status.command = 'shipshape.stopAllPortForwards';
  const contextStatus = vscode.window.createStatusBarItem('shipshape.context', vscode.StatusBarAlignment.Left, 8);
  contextStatus.name = 'Shipshape Kubernetes context';
  contextStatus.command = 'shipshape.explorer.switchContext';
  const lensesChanged = registerCodeLens(context, { load, loadedTree: () => provider.loadedTree() });
  const showContext = (tree: ClusterTree): void => {
    const ctx = tree.roots()[0]?.ref?.context;
    if (!ctx) return contextStatus.hide();
    const ns = tree.namespaceOf(ctx);
    contextStatus.text = `$(server) ${ctx} / ${ns}`;
    contextStatus.tooltip = `Kubernetes context ${ctx}, namespace ${ns} (Shipshape). Click to switch context.`;
    contextStatus.show();
  };
  // The kubeconfig is read a few seconds after activation (or on the explorer's first use), never during it.
  const readLater = setTimeout(() => void provider.tree().catch(() => undefined), CONTEXT_STATUS_DELAY_MS);
  let nextForward = 1;
  const updateStatus = (): void => {
    const f = [...provider.forwards.values()];
    if (!f.length) return status.hide();
    status.text = `$(plug) ${f.map((x) => `${x.session.address}:${x.session.localPort}`).join(' ')}`;
    status.tooltip = `Shipshape port-forwards:\n${f.map((x) => `${x.session.address}:${x.session.localPort} → ${x.label}`).join('\n')}\nClick to stop all.`;
    status.show();
  };
  const showError = async (e: unknown): Promise<void> => {
    const m = await load();
    const p = m.toProblem(e);
    void vscode.window.showErrorMessage(`${p.message} ${p.hint}`);
  };

  const followLogs = async (node?: TreeNode, mode?: unknown): Promise<void> => {
    const ref = node?.ref;
    if (!ref?.name || !ref.namespace)
      return void vscode.window.showInformationMessage('Pick a pod, container or workload in the Shipshape cluster explorer.');
    const opts = await pickLogOptions(LOG_MODES.find((m) => m.id === mode)?.id);
    if (!opts) return;
    const m = await load();
    const tree = await provider.tree();
    const api = tree.api(ref.context);
    let scope: LogScope;
    if (ref.container) scope = { kind: 'container', namespace: ref.namespace, pod: ref.name, container: ref.container };
    else if (ref.kind === 'Pod') scope = { kind: 'pod', namespace: ref.namespace, pod: ref.name };
    else {
      const selector = ref.object ? m.selectorOf(ref.object) : undefined;
      if (!selector) return void vscode.window.showWarningMessage(`${ref.kind} ${ref.name} has no pod selector.`);
      scope = { kind: 'selector', namespace: ref.namespace, selector, title: `${ref.kind}/${ref.name}` };
    }
    const title = `logs: ${ref.container ? `${ref.name}/${ref.container}` : `${ref.kind}/${ref.name}`}`;
    try {
      await logViewer.open(m, api, scope, { follow: !opts.previous, ...opts }, title);
    } catch (e) {
      await showError(e);
    }
  };

  const portForward = async (node?: TreeNode, args?: unknown): Promise<void> => {
    const ref = node?.ref;
    const kinds = ['Pod', 'Service', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'] as const;
    const kind = kinds.find((k) => k === ref?.kind);
    if (!ref?.name || !ref.namespace || !kind)
      return void vscode.window.showInformationMessage('Pick a pod, Service or workload in the Shipshape cluster explorer.');
    const given = args && typeof args === 'object' && 'remotePort' in args ? (args as PortForwardArgs) : undefined;
    const remote =
      given?.remotePort.toString() ??
      (await vscode.window.showInputBox({
        title: `Port on ${kind} ${ref.name}`,
        prompt: 'Port number or name',
        validateInput: (v) => (v.trim() ? undefined : 'Required'),
      }));
    if (!remote) return;
    const local = given
      ? String(given.localPort ?? '')
      : await vscode.window.showInputBox({
          title: 'Local port',
          prompt: 'Leave empty for a free port',
          validateInput: (v) => (!v || /^\d+$/.test(v) ? undefined : 'A number'),
        });
    if (local === undefined) return;
    const m = await load();
    const tree = await provider.tree();
    const port = /^\d+$/.test(remote.trim()) ? Number(remote.trim()) : remote.trim();
    const session = new m.PortForwardSession(
      tree.api(ref.context),
      { kind, namespace: ref.namespace, name: ref.name, port },
      // Port-forwards from the explorer listen on loopback only (the session refuses any other address).
      { localPort: local ? Number(local) : 0 },
    );
    try {
      await session.start();
    } catch (e) {
      return showError(e);
    }
    const entry: ForwardEntry = { id: nextForward++, label: `${kind}/${ref.name}:${remote}`, session };
    provider.forwards.set(entry.id, entry);
    session.on('notice', (n: { kind: string; message: string }) => {
      if (n.kind === 'error') void vscode.window.showWarningMessage(n.message);
      else void vscode.window.showInformationMessage(n.message);
      provider.refreshForwards();
    });
    updateStatus();
    provider.refreshForwards();
    void vscode.window.showInformationMessage(`Forwarding ${session.address}:${session.localPort} → ${entry.label}`);
  };

  const stopForward = async (id: number): Promise<void> => {
    const f = provider.forwards.get(id);
    if (!f) return;
    provider.forwards.delete(id);
    await f.session.stop();
    updateStatus();
    provider.refreshForwards();
  };

  context.subscriptions.push(
    view,
    status,
    contextStatus,
    { dispose: () => clearTimeout(readLater) },
    provider.onDidLoad((tree) => {
      showContext(tree);
      lensesChanged();
    }),
    view.onDidCollapseElement((e) => provider.collapsed(e.element)),
    vscode.commands.registerCommand('shipshape.explorer.refresh', () => provider.refresh()),
    vscode.commands.registerCommand('shipshape.explorer.loadMore', (node?: TreeNode) => (node ? provider.loadMore(node) : undefined)),
    registerFilter(() => provider.tree()),
    vscode.commands.registerCommand('shipshape.explorer.switchContext', async (node?: TreeNode) => {
      const tree = await provider.tree();
      const names = tree
        .roots()
        .filter((r) => r.ref)
        .map((r) => r.ref!.context);
      const pick = node?.ref?.context ?? (await vscode.window.showQuickPick(names, { title: 'Shipshape: Switch Context' }));
      if (!pick) return;
      await context.globalState.update(CTX_STATE_KEY, pick);
      provider.refresh();
    }),
    vscode.commands.registerCommand('shipshape.explorer.setNamespace', async (node?: TreeNode) => {
      const tree = await provider.tree();
      const ctx = node?.ref?.context ?? tree.roots()[0]?.ref?.context;
      if (!ctx) return;
      const ns =
        node?.ref?.namespace ?? (await vscode.window.showInputBox({ title: `Default namespace for ${ctx}`, value: tree.namespaceOf(ctx) }));
      if (!ns) return;
      const all = { ...(context.globalState.get<Record<string, string>>(NS_STATE_KEY) ?? {}), [ctx]: ns };
      await context.globalState.update(NS_STATE_KEY, all);
      provider.refresh();
    }),
    vscode.commands.registerCommand('shipshape.followLogs', followLogs),
    vscode.commands.registerCommand('shipshape.portForward', portForward),
    vscode.commands.registerCommand('shipshape.stopPortForward', async (node?: TreeNode) => {
      const id = Number(node?.ref?.name);
      if (id) return stopForward(id);
      const pick = await vscode.window.showQuickPick(
        [...provider.forwards.values()].map((f) => ({
          label: `${f.session.address}:${f.session.localPort}`,
          description: f.label,
          id: f.id,
        })),
        { title: 'Stop port-forward' },
      );
      if (pick) await stopForward(pick.id);
    }),
    vscode.commands.registerCommand('shipshape.stopAllPortForwards', async () => {
      for (const id of [...provider.forwards.keys()]) await stopForward(id);
    }),
    secretViews,
    vscode.commands.registerCommand('shipshape.revealSecretValue', async (node?: TreeNode) => {
      const ref: NodeRef | undefined = node?.ref;
      if (!ref?.key || !ref.name || !ref.namespace) return;
      const ok = await vscode.window.showWarningMessage(
        `Reveal key "${ref.key}" of Secret ${ref.namespace}/${ref.name} (context ${ref.context})?`,
        { modal: true },
        'Reveal',
      );
      if (ok !== 'Reveal') return;
      const m = await load();
      try {
        const value = await m.revealSecretValue((await provider.tree()).api(ref.context), ref.namespace, ref.name, ref.key);
        await secretViews.show(`${ref.namespace}/${ref.name}/${ref.key}`, value);
      } catch (e) {
        await showError(e);
      }
    }),
    { dispose: () => void Promise.all([...provider.forwards.values()].map((f) => f.session.stop())) },
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (
        e.affectsConfiguration('shipshape.kubeconfig') ||
        e.affectsConfiguration('shipshape.explorer') ||
        e.affectsConfiguration('shipshape.cluster')
      )
        provider.refresh();
    }),
  );
  return { provider, view };
}

/**
 * Revealed Secret values, shown as read-only virtual documents (`shipshape-secret:` URIs). An
 * untitled editor would be backed up to disk by hot exit and could be saved by mistake; a virtual
 * document is neither, and its value is dropped from memory when the editor closes.
 */
class SecretViews implements vscode.TextDocumentContentProvider, vscode.Disposable {
  static readonly scheme = 'shipshape-secret';
  private readonly values = new Map<string, string>();
  private readonly subscriptions: vscode.Disposable[];
  private seq = 0;

  constructor() {
    this.subscriptions = [
      vscode.workspace.registerTextDocumentContentProvider(SecretViews.scheme, this),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.uri.scheme === SecretViews.scheme) this.values.delete(d.uri.toString());
      }),
    ];
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.values.get(uri.toString()) ?? '(This value is no longer held: reveal it again.)';
  }

  async show(label: string, value: string): Promise<void> {
    const uri = vscode.Uri.from({ scheme: SecretViews.scheme, path: `/${label}`, query: String(++this.seq) });
    this.values.set(uri.toString(), value);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: true });
  }

  dispose(): void {
    this.values.clear();
    for (const d of this.subscriptions) d.dispose();
  }
}
