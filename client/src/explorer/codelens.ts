/**
 * "Diagnose" and "Describe" above each workload of a YAML manifest that exists (same kind, name
 * and namespace) in the current context. Lenses never wait long for the cluster: objects still
 * being looked up get their lenses when the answer comes (a changed-lenses event).
 */
import * as vscode from 'vscode';
import type { KubeObject } from '../cluster/api';
import type { DeployedCache } from '../cluster/deployed';
import type { ClusterTree, TreeNode } from '../cluster/tree';

type ClusterModule = typeof import('../cluster/index.js');

/** What the lenses need from the explorer. */
export interface LensAccess {
  /** The cluster module. */
  load(): Promise<ClusterModule>;
  /** The tree model; resolves only once the explorer has loaded it (never loads it itself). */
  loadedTree(): Promise<ClusterTree>;
}

/** The workload kinds that have lenses, for a cheap look at the text before parsing. */
const KIND_LINE = /^\s*kind:\s*["']?(Deployment|StatefulSet|DaemonSet|Pod|Job|CronJob|ReplicaSet)["']?\s*$/m;
/** How long a lens request waits for lookups before answering with what it has. */
const WAIT_MS = 1_500;

function lensNode(context: string, obj: KubeObject): TreeNode {
  return {
    view: { id: '', label: obj.metadata.name, contextValue: `object.${obj.kind ?? ''}`, collapsible: false },
    ref: { context, namespace: obj.metadata.namespace, kind: obj.kind, name: obj.metadata.name, object: obj },
  };
}

class WorkloadLenses implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private cache: DeployedCache | undefined;

  constructor(private readonly access: LensAccess) {}

  /** The context or namespace changed: look again. */
  reset(): void {
    this.cache?.clear();
    this.changed.fire();
  }

  async provideCodeLenses(doc: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    if (!vscode.workspace.getConfiguration('shipshape').get<boolean>('cluster.codeLens', true)) return [];
    const text = doc.getText();
    if (!KIND_LINE.test(text)) return [];
    const [m, tree] = await Promise.all([this.access.load(), this.access.loadedTree()]);
    const ctx = tree.roots()[0]?.ref?.context;
    if (!ctx || token.isCancellationRequested) return [];
    let api;
    try {
      api = tree.api(ctx);
    } catch {
      return [];
    }
    this.cache ??= new m.DeployedCache();
    const cache = this.cache;
    const fallbackNs = tree.namespaceOf(ctx);
    const workloads = m.manifestWorkloads(text);
    let pending = false;
    const found = await Promise.all(
      workloads.map(async (w) => {
        const lookup = cache.lookup(api, w.namespace ?? fallbackNs, w.kind, w.name);
        const timeout = new Promise<'later'>((r) => setTimeout(() => r('later'), WAIT_MS));
        const live = await Promise.race([lookup, timeout]);
        if (live === 'later') {
          pending = true;
          return undefined;
        }
        return live ? { w, live } : undefined;
      }),
    );
    if (pending) {
      void Promise.all(workloads.map((w) => cache.lookup(api, w.namespace ?? fallbackNs, w.kind, w.name))).then(() => this.changed.fire());
    }
    const lenses: vscode.CodeLens[] = [];
    for (const f of found) {
      if (!f) continue;
      const range = new vscode.Range(doc.positionAt(f.w.offset), doc.positionAt(f.w.offset));
      const node = lensNode(ctx, f.live);
      const where = `${f.w.kind} ${f.live.metadata.namespace ?? ''}/${f.w.name} in ${ctx}`;
      lenses.push(
        new vscode.CodeLens(range, {
          title: 'Diagnose',
          tooltip: `Diagnose the live ${where}`,
          command: f.w.kind === 'Pod' ? 'shipshape.diagnosePod' : 'shipshape.diagnoseWorkload',
          arguments: [node],
        }),
        new vscode.CodeLens(range, {
          title: 'Describe',
          tooltip: `Describe the live ${where}`,
          command: 'shipshape.describe',
          arguments: [node],
        }),
      );
    }
    return lenses;
  }
}

/**
 * Registers the lenses on YAML files and the command behind a workload's "Diagnose" (it diagnoses
 * one of the workload's pods). Returns how to tell the lenses that the context changed.
 */
export function registerCodeLens(context: vscode.ExtensionContext, access: LensAccess): () => void {
  const lenses = new WorkloadLenses(access);
  context.subscriptions.push(
    vscode.languages.registerCodeLensProvider([{ language: 'yaml' }], lenses),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('shipshape.cluster.codeLens')) lenses.reset();
    }),
    vscode.commands.registerCommand('shipshape.diagnoseWorkload', async (node?: TreeNode) => {
      const ref = node?.ref;
      if (!ref?.object) return;
      const [m, tree] = await Promise.all([access.load(), access.loadedTree()]);
      let pods: KubeObject[];
      try {
        pods = await m.workloadPods(tree.api(ref.context), ref.object);
      } catch (e) {
        const p = m.toProblem(e);
        return void vscode.window.showErrorMessage(`${p.message} ${p.hint}`);
      }
      if (!pods.length) return void vscode.window.showInformationMessage(`${ref.kind} ${ref.name} has no pods to diagnose.`);
      const summary = (s: { status: string; ready: number; total: number }): string => `${s.status} ${s.ready}/${s.total}`;
      const items = pods.map((p) => ({ label: p.metadata.name, description: summary(m.podSummary(p)), pod: p }));
      const pick =
        items.length === 1 ? items[0] : await vscode.window.showQuickPick(items, { title: `Diagnose a pod of ${ref.kind} ${ref.name}` });
      if (pick) await vscode.commands.executeCommand('shipshape.diagnosePod', lensNode(ref.context, pick.pod));
    }),
  );
  return () => lenses.reset();
}
