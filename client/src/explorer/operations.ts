/**
 * Cluster operations in VS Code: diagnose, describe, events, exec, rollout, scale, delete, apply
 * with a reviewed diff, Helm history/rollback and top. The work is done by the cluster module's
 * operations (plain Node, tested against the test API server); this file only asks, confirms and
 * shows. Every mutating action names the context in a modal confirmation, twice for contexts that
 * match `shipshape.cluster.productionContextPattern`.
 */
import * as vscode from 'vscode';
import type { ApiClient } from '../cluster/api';
import type { ClusterTree, NodeRef, TreeNode } from '../cluster/tree';
import type { ExecSession } from '../cluster/operations/exec';
import type { ApplyReview, ManifestProblem } from '../cluster/operations/apply';
import { config, confirmAction, load, MemoryDocuments, showProblem, type OperationsModule } from './common';
import { keepDescribeEventsLive } from './events-live';

/** The read-only documents' scheme (describe, events, reports, the two sides of an apply diff). */
export const READONLY_SCHEME = 'shipshape-cluster';

/** What the explorer hands the operations. */
export interface ExplorerAccess {
  tree(): Promise<ClusterTree>;
  refresh(): void;
}

/** A shell in a container as a VS Code terminal. */
export class ShellTerminal implements vscode.Pseudoterminal {
  private readonly write = new vscode.EventEmitter<string>();
  readonly onDidWrite = this.write.event;
  private readonly closeEmitter = new vscode.EventEmitter<number | void>();
  readonly onDidClose = this.closeEmitter.event;
  private session: ExecSession | undefined;

  constructor(
    private readonly api: ApiClient,
    private readonly target: { namespace: string; pod: string; container?: string },
    private readonly shells: string[],
  ) {}

  open(dims: vscode.TerminalDimensions | undefined): void {
    void this.start(dims);
  }

  private async start(dims: vscode.TerminalDimensions | undefined): Promise<void> {
    const [, ops] = await load();
    const where = `${this.target.pod}${this.target.container ? `/${this.target.container}` : ''}`;
    this.write.fire(`\x1b[2mConnecting to ${where} (trying ${this.shells.join(', ')})…\x1b[0m\r\n`);
    try {
      const { session, shell, initial } = await ops.openShell(this.api, this.target, this.shells, {
        columns: dims?.columns,
        rows: dims?.rows,
      });
      this.session = session;
      this.write.fire(`\x1b[2m${shell} in ${where}\x1b[0m\r\n`);
      for (const b of initial) this.write.fire(b.toString('utf8'));
      session.on('stdout', (d: Buffer) => this.write.fire(d.toString('utf8')));
      session.on('stderr', (d: Buffer) => this.write.fire(d.toString('utf8')));
      const exit = await session.done;
      this.write.fire(
        `\r\n\x1b[2m[${shell} exited${exit.code !== undefined ? ` with code ${exit.code}` : ''}${exit.message && exit.code === undefined ? `: ${exit.message}` : ''}]\x1b[0m\r\n`,
      );
    } catch (e) {
      const [m] = await load();
      const p = m.toProblem(e);
      this.write.fire(`\x1b[31m${p.message}\x1b[0m\r\n${p.hint}\r\n`);
    }
  }

  handleInput(data: string): void {
    this.session?.write(data);
  }

  setDimensions(d: vscode.TerminalDimensions): void {
    this.session?.resize(d.columns, d.rows);
  }

  close(): void {
    this.session?.close();
  }
}

/** Pod use cached per context/namespace; a missing metrics API is remembered so the tree stays quiet. */
class MetricsCache {
  private readonly pods = new Map<string, { at: number; value: Promise<Map<string, { cpu: number; memory: number }> | undefined> }>();

  podUsage(
    api: ApiClient,
    context: string,
    namespace: string,
    ops: OperationsModule,
  ): Promise<Map<string, { cpu: number; memory: number }> | undefined> {
    const key = `${context}/${namespace}`;
    const hit = this.pods.get(key);
    if (hit && Date.now() - hit.at < 15_000) return hit.value;
    const value = ops.podMetrics(api, namespace).catch(() => undefined);
    this.pods.set(key, { at: Date.now(), value });
    return value;
  }
}

/**
 * Adds what the operations contribute to the tree: a "Nodes" node (with use from metrics-server)
 * under each context, and CPU/memory in pod descriptions.
 */
export async function decorateChildren(
  access: ExplorerAccess,
  parent: TreeNode | undefined,
  kids: TreeNode[],
  cache = metricsCache,
): Promise<TreeNode[]> {
  const ref = parent?.ref;
  if (!ref) return kids;
  if (parent.view.contextValue.startsWith('context') && !ref.namespace) {
    const context = ref.context;
    const nodes: TreeNode = {
      view: { id: `nodes:${context}`, label: 'Nodes', icon: 'server', contextValue: 'nodes', collapsible: true },
      ref: { context },
      children: async () => {
        const [m, ops] = await load();
        const api = (await access.tree()).api(context);
        try {
          const { rows, metricsProblem } = await ops.nodeRows(api);
          const out: TreeNode[] = rows.map((r) => ({
            view: {
              id: `node:${context}/${r.name}`,
              label: r.name,
              description: r.description,
              tooltip: r.tooltip,
              icon: r.ready ? 'server' : 'error',
              severity: r.ready ? 'ok' : 'error',
              contextValue: 'object.Node',
              collapsible: false,
            },
            ref: { context, kind: 'Node', name: r.name },
          }));
          if (metricsProblem)
            out.unshift({
              view: {
                id: `nodes:${context}:metrics`,
                label: metricsProblem,
                icon: 'info',
                severity: 'info',
                contextValue: 'message',
                collapsible: false,
              },
            });
          return out;
        } catch (e) {
          return [m.messageNode(`nodes:${context}:error`, m.toProblem(e, api.server))];
        }
      },
    };
    // After the namespaces: browsing namespaces is what people come for.
    return kids.length && kids[0].view.contextValue === 'message' ? kids : [...kids, nodes];
  }
  const pods = kids.filter((k) => k.view.contextValue === 'object.Pod' && k.ref?.namespace);
  if (!pods.length) return kids;
  const [, ops] = await load();
  const ns = pods[0].ref!.namespace!;
  const usage = await cache.podUsage((await access.tree()).api(ref.context), ref.context, ns, ops);
  if (!usage) return kids;
  return kids.map((k) => {
    // Under "All namespaces" the pods come from several namespaces; the use read is the first one's.
    const u = k.view.contextValue === 'object.Pod' && k.ref?.name && k.ref.namespace === ns ? usage.get(k.ref.name) : undefined;
    return u ? { ...k, view: { ...k.view, description: `${k.view.description ?? ''} · ${ops.formatUsage(u)}`.trim() } } : k;
  });
}

const metricsCache = new MetricsCache();

/** Registers the operation commands and the read-only document provider. */
export function registerOperations(context: vscode.ExtensionContext, access: ExplorerAccess): void {
  const docs = new MemoryDocuments(READONLY_SCHEME, 100);
  const applyDiagnostics = vscode.languages.createDiagnosticCollection('shipshape-apply');

  const showError = showProblem;

  const confirm = confirmAction;

  /** The node's target, or one picked from the current context's default namespace. */
  const target = async (
    node: TreeNode | undefined,
    kinds: readonly string[],
  ): Promise<(Required<Pick<NodeRef, 'context' | 'namespace' | 'kind' | 'name'>> & NodeRef) | undefined> => {
    const r = node?.ref;
    if (r?.name && r.kind && kinds.includes(r.kind) && r.namespace)
      return { ...r, context: r.context, namespace: r.namespace, kind: r.kind, name: r.name };
    if (r?.kind === 'Pod' && r.container && r.name && r.namespace && kinds.includes('Pod'))
      return { ...r, context: r.context, namespace: r.namespace, kind: 'Pod', name: r.name };
    const tree = await access.tree();
    const ctx = r?.context || tree.roots()[0]?.ref?.context;
    if (!ctx) return void vscode.window.showWarningMessage('No Kubernetes context: check the kubeconfig.');
    const ns = r?.namespace ?? tree.namespaceOf(ctx);
    const [, ops] = await load();
    const items: { label: string; description: string; objectKind: string }[] = [];
    try {
      for (const kind of kinds) {
        for (const o of await ops.listObjects(tree.api(ctx), kind, ns))
          items.push({ label: o.metadata.name, description: kind, objectKind: kind });
      }
    } catch (e) {
      return void (await showError(e));
    }
    const pick = await vscode.window.showQuickPick(items, { title: `${kinds.join(' / ')} in ${ctx} / ${ns}`, matchOnDescription: true });
    return pick ? { context: ctx, namespace: ns, kind: pick.objectKind, name: pick.label } : undefined;
  };

  const showMarkdown = async (name: string, markdown: string): Promise<void> => {
    const uri = docs.put(name, markdown);
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  };

  const api = async (ctx: string): Promise<ApiClient> => (await access.tree()).api(ctx);

  const commands: Record<string, (node?: TreeNode) => Promise<void>> = {
    'shipshape.diagnosePod': async (node) => {
      const t = await target(node, ['Pod']);
      if (!t) return;
      const [, ops] = await load();
      try {
        const d = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Diagnosing pod ${t.name}…` },
          async () => ops.gatherDiagnosis(await api(t.context), t.namespace, t.name),
        );
        await showMarkdown(`Diagnosis ${t.namespace}-${t.name}.md`, ops.diagnosisMarkdown(d, t.context));
      } catch (e) {
        await showError(e);
      }
    },
    'shipshape.describe': async (node) => {
      const r = node?.ref;
      const t =
        r?.name && r.kind && r.kind !== 'HelmRelease'
          ? { ...r, kind: r.kind, name: r.name }
          : await target(node, ['Deployment', 'StatefulSet', 'DaemonSet', 'Pod', 'Service']);
      if (!t) return;
      const [, ops] = await load();
      try {
        const apiVersion = t.object?.apiVersion;
        const d = await ops.describeObject(await api(t.context), {
          context: t.context,
          kind: t.kind,
          apiVersion,
          namespace: t.namespace,
          name: t.name,
        });
        const uri = docs.put(`${t.kind}-${t.namespace ? `${t.namespace}-` : ''}${t.name}.yaml`, d.text);
        const doc = await vscode.workspace.openTextDocument(uri);
        await vscode.window.showTextDocument(doc, { preview: true });
        context.subscriptions.push(keepDescribeEventsLive(ops, await api(t.context), t.context, uri, d, (text) => docs.update(uri, text)));
      } catch (e) {
        await showError(e);
      }
    },
    'shipshape.showEvents': async (node) => {
      const tree = await access.tree();
      const ctx = node?.ref?.context || tree.roots()[0]?.ref?.context;
      if (!ctx) return;
      const ns = node?.ref?.namespace ?? tree.namespaceOf(ctx);
      const [, ops] = await load();
      try {
        const { markdown } = await ops.namespaceEventsMarkdown(tree.api(ctx), ctx, ns);
        await showMarkdown(`Events ${ns}.md`, markdown);
      } catch (e) {
        await showError(e);
      }
    },
    'shipshape.exec': async (node) => {
      const t = await target(node, ['Pod']);
      if (!t) return;
      const [, ops] = await load();
      const shells = ops.shellCandidates(config().get<string>('exec.shell'));
      const term = new ShellTerminal(
        await api(t.context),
        { namespace: t.namespace, pod: t.name, container: node?.ref?.container },
        shells,
      );
      const terminal = vscode.window.createTerminal({
        name: `shell: ${t.name}${node?.ref?.container ? `/${node.ref.container}` : ''}`,
        pty: term,
        iconPath: new vscode.ThemeIcon('terminal'),
      });
      terminal.show();
    },
    'shipshape.rolloutRestart': async (node) => {
      const t = await target(node, ['Deployment', 'StatefulSet', 'DaemonSet']);
      if (
        !t ||
        !(await confirm(
          'Restart',
          `${t.kind} ${t.namespace}/${t.name}`,
          t.context,
          'Every pod is replaced, following the rollout strategy.',
        ))
      )
        return;
      const [, ops] = await load();
      try {
        await ops.rolloutRestart(await api(t.context), t);
        await commands['shipshape.rolloutStatus'](node ?? { view: { id: '', label: '', contextValue: '', collapsible: false }, ref: t });
      } catch (e) {
        await showError(e);
      }
    },
    'shipshape.rolloutStatus': async (node) => {
      const t = await target(node, ['Deployment', 'StatefulSet', 'DaemonSet']);
      if (!t) return;
      const [, ops] = await load();
      try {
        const final = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Rollout of ${t.kind} ${t.name}`, cancellable: true },
          async (progress, token) => {
            const ac = new AbortController();
            token.onCancellationRequested(() => ac.abort());
            return ops.followRollout(await api(t.context), t, (s) => progress.report({ message: s.message }), ac.signal);
          },
        );
        if (final.failed) void vscode.window.showErrorMessage(final.message);
        else if (final.done) void vscode.window.showInformationMessage(final.message);
      } catch (e) {
        await showError(e);
      }
    },
    'shipshape.rolloutHistory': async (node) => {
      const t = await target(node, ['Deployment', 'StatefulSet', 'DaemonSet']);
      if (!t) return;
      const [, ops] = await load();
      try {
        const revs = await ops.rolloutHistory(await api(t.context), t);
        const md = [
          `# Rollout history: ${t.kind} ${t.namespace}/${t.name}\n`,
          `Context \`${t.context}\`\n`,
          '| Revision | Images | Change cause | Created | Source |',
          '|---|---|---|---|---|',
          ...revs
            .slice()
            .reverse()
            .map(
              (r) =>
                `| ${r.revision}${r.current ? ' (current)' : ''} | ${ops.cell(r.images.join(', '))} | ${ops.cell(r.changeCause ?? '')} | ${r.created ? ops.ago(r.created) : ''} | ${r.source} |`,
            ),
        ].join('\n');
        await showMarkdown(`History ${t.name}.md`, md);
      } catch (e) {
        await showError(e);
      }
    },
    'shipshape.rolloutUndo': async (node) => {
      const t = await target(node, ['Deployment', 'StatefulSet', 'DaemonSet']);
      if (!t) return;
      const [, ops] = await load();
      try {
        const a = await api(t.context);
        const revs = (await ops.rolloutHistory(a, t)).filter((r) => !r.current).reverse();
        if (!revs.length) return void vscode.window.showInformationMessage(`${t.kind} ${t.name} has no earlier revision.`);
        const pick = await vscode.window.showQuickPick(
          revs.map((r) => ({
            label: `Revision ${r.revision}`,
            description: r.images.join(', '),
            detail: r.changeCause,
            revision: r.revision,
          })),
          { title: `Roll back ${t.kind} ${t.name} to…` },
        );
        if (
          !pick ||
          !(await confirm('Roll back', `${t.kind} ${t.namespace}/${t.name} to revision ${pick.revision}`, t.context, pick.description))
        )
          return;
        await ops.rolloutUndo(a, t, pick.revision);
        void vscode.window.showInformationMessage(`${t.kind} ${t.name} rolled back to revision ${pick.revision}.`);
      } catch (e) {
        await showError(e);
      }
    },
    'shipshape.scale': async (node) => {
      const t = await target(node, ['Deployment', 'StatefulSet', 'ReplicaSet']);
      if (!t) return;
      const [, ops] = await load();
      const current = (t.object?.spec as { replicas?: number } | undefined)?.replicas;
      const text = await vscode.window.showInputBox({
        title: `Scale ${t.kind} ${t.name} (context ${t.context})`,
        prompt: 'Replicas',
        value: current !== undefined ? String(current) : '',
        validateInput: ops.validateReplicas,
      });
      if (text === undefined) return;
      const n = Number(text.trim());
      if (!(await confirm('Scale', `${t.kind} ${t.namespace}/${t.name} to ${n} replicas`, t.context))) return;
      try {
        await ops.scaleObject(await api(t.context), t, n);
        void vscode.window.showInformationMessage(`${t.kind} ${t.name} scaled to ${n}.`);
      } catch (e) {
        await showError(e);
      }
    },
    'shipshape.deleteObject': async (node) => {
      const r = node?.ref;
      const t =
        r?.name && r.kind && r.kind !== 'HelmRelease' && !r.key
          ? { ...r, kind: r.kind, name: r.name }
          : await target(node, ['Pod', 'Deployment', 'StatefulSet', 'Service']);
      if (!t) return;
      const [, ops] = await load();
      const what = `${t.kind} ${t.namespace ? `${t.namespace}/` : ''}${t.name}`;
      if (!(await confirm('Delete', what, t.context, 'Objects it owns are deleted in the background.'))) return;
      try {
        await ops.deleteObject(await api(t.context), {
          kind: t.kind,
          apiVersion: t.object?.apiVersion,
          namespace: t.namespace,
          name: t.name,
        });
        void vscode.window.showInformationMessage(`Deleted ${what} (context ${t.context}).`);
      } catch (e) {
        await showError(e);
      }
    },
    'shipshape.applyToCluster': async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return void vscode.window.showInformationMessage('Open a Kubernetes manifest to apply.');
      const document = editor.document;
      const tree = await access.tree();
      const roots = tree.roots().filter((n) => n.ref);
      if (!roots.length) return void vscode.window.showWarningMessage('No Kubernetes context: check the kubeconfig.');
      const ctx = roots[0].ref!.context;
      const ns = tree.namespaceOf(ctx);
      const [, ops] = await load();
      const toDiagnostics = (problems: ManifestProblem[]): vscode.Diagnostic[] =>
        problems.map((p) => {
          const d = new vscode.Diagnostic(
            new vscode.Range(document.positionAt(p.start), document.positionAt(p.end)),
            p.message,
            vscode.DiagnosticSeverity.Error,
          );
          d.source = 'shipshape';
          d.code = `apply/${p.source}`;
          return d;
        });
      let review: ApplyReview;
      try {
        review = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Server-side dry-run against ${ctx}…` },
          async () => ops.reviewApply(tree.api(ctx), document.getText(), ns),
        );
      } catch (e) {
        return showError(e);
      }
      applyDiagnostics.set(document.uri, toDiagnostics(review.problems));
      const accepted = review.objects.filter((o) => !o.problem);
      if (!accepted.length)
        return void vscode.window.showErrorMessage(`Nothing to apply: ${review.problems.length} problem(s) are shown on the manifest.`);
      const file = vscode.workspace.asRelativePath(document.uri);
      const left = docs.put(`live ${file}`.replace(/[\\/]/g, '_') + '.yaml', review.liveText);
      const right = docs.put(`dry-run ${file}`.replace(/[\\/]/g, '_') + '.yaml', review.dryRunText);
      await vscode.commands.executeCommand('vscode.diff', left, right, `${file}: live ↔ dry-run (${ctx})`, { preview: true });
      if (!review.changed)
        return void vscode.window.showInformationMessage(`${file} matches the live objects in ${ctx}; nothing to apply.`);
      const names = accepted.map((o) => `${o.ref.kind} ${o.ref.namespace ? `${o.ref.namespace}/` : ''}${o.ref.name}`);
      const detail = `${names.join('\n')}${review.problems.length ? `\n\n${review.problems.length} refused object(s) are skipped (see Problems).` : ''}\n\nServer-side apply as field manager "shipshape".`;
      if (!(await confirm('Apply', `${accepted.length} object(s) from ${file}`, ctx, detail))) return;
      try {
        const { applied, problems } = await ops.applyReviewed(tree.api(ctx), review);
        applyDiagnostics.set(document.uri, toDiagnostics([...review.problems, ...problems]));
        if (problems.length)
          void vscode.window.showErrorMessage(`Applied ${applied.length} object(s); ${problems.length} failed (see Problems).`);
        else void vscode.window.showInformationMessage(`Applied ${applied.length} object(s) to ${ctx}.`);
      } catch (e) {
        await showError(e);
      }
    },
    'shipshape.helmHistory': async (node) => {
      const r = node?.ref;
      if (!r?.name || !r.namespace)
        return void vscode.window.showInformationMessage('Pick a Helm release in the Shipshape cluster explorer.');
      const [, ops] = await load();
      try {
        const h = await ops.helmReleaseHistory(await api(r.context), r.namespace, r.name);
        const md = [
          `# Helm release ${r.namespace}/${r.name}\n`,
          `Context \`${r.context}\`\n`,
          '| Revision | Status | Chart | App version | Updated | Description |',
          '|---|---|---|---|---|---|',
          ...h.map(
            (x) =>
              `| ${x.revision} | ${x.status} | ${x.chart}-${x.chartVersion} | ${x.appVersion ?? ''} | ${x.updated ?? ''} | ${ops.cell(x.description ?? '')} |`,
          ),
        ].join('\n');
        await showMarkdown(`Helm ${r.name}.md`, md);
      } catch (e) {
        await showError(e);
      }
    },
    'shipshape.helmRollback': async (node) => {
      const r = node?.ref;
      if (!r?.name || !r.namespace)
        return void vscode.window.showInformationMessage('Pick a Helm release in the Shipshape cluster explorer.');
      const [, ops] = await load();
      try {
        const helmPath = config().get<string>('helm.path') ?? '';
        if (!(await ops.helmVersion(helmPath || 'helm')))
          return void vscode.window.showWarningMessage(
            `Rollback needs Helm, and \`${helmPath || 'helm'}\` could not be run. Install Helm 3 or set shipshape.helm.path; the history is available without it.`,
          );
        const h = (await ops.helmReleaseHistory(await api(r.context), r.namespace, r.name)).slice(1);
        const pick = await vscode.window.showQuickPick(
          h.map((x) => ({
            label: `Revision ${x.revision}`,
            description: `${x.chart}-${x.chartVersion} · ${x.status}`,
            detail: x.description,
            revision: x.revision,
          })),
          { title: `Roll back Helm release ${r.name} to…` },
        );
        if (!pick || !(await confirm('Roll back', `Helm release ${r.namespace}/${r.name} to revision ${pick.revision}`, r.context))) return;
        const out = await ops.helmRollback({
          release: r.name,
          revision: pick.revision,
          namespace: r.namespace,
          context: r.context,
          kubeconfig: config().get<string>('kubeconfig') || undefined,
          helmPath,
        });
        void vscode.window.showInformationMessage(out || `Rolled back ${r.name} to revision ${pick.revision}.`);
        access.refresh();
      } catch (e) {
        await showError(e);
      }
    },
  };

  context.subscriptions.push(
    applyDiagnostics,
    vscode.workspace.registerTextDocumentContentProvider(READONLY_SCHEME, docs),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (applyDiagnostics.has(e.document.uri)) applyDiagnostics.delete(e.document.uri);
    }),
    ...Object.entries(commands).map(([id, fn]) => vscode.commands.registerCommand(id, (node?: TreeNode) => fn(node))),
  );
}
