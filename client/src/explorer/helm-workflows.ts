/**
 * Helm from the workspace in VS Code: install or upgrade a chart folder (values files picked,
 * server-side dry-run diff against the live release first, atomic by default), uninstall, and a
 * release's rendered manifest and values per revision. The work is done by the cluster module's
 * operations; this file only asks, confirms and shows. helm never runs in restricted mode.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TreeNode } from '../cluster/tree';
import { RESTRICTED_MESSAGE } from '../trust';
import { config, confirmAction, load, MemoryDocuments } from './common';
import type { ExplorerAccess } from './operations';

/** Scheme of the read-only release documents (revision manifests and values, the two sides of a dry-run diff). */
export const HELM_SCHEME = 'shipshape-helm';

/** The command ids this file registers. */
export const HELM_COMMANDS = {
  install: 'shipshape.helmInstallChart',
  upgrade: 'shipshape.helmUpgradeRelease',
  uninstall: 'shipshape.helmUninstall',
  showRevision: 'shipshape.helmShowRevision',
} as const;

/** Registers the Helm commands and their read-only documents. */
export function registerHelmWorkflows(context: vscode.ExtensionContext, access: ExplorerAccess): void {
  const docs = new MemoryDocuments(HELM_SCHEME, 50);
  const helmPath = (): string => config().get<string>('helm.path') ?? '';
  const kubeconfig = (): string | undefined => config().get<string>('kubeconfig') || undefined;

  const showError = async (e: unknown): Promise<void> => {
    const [m] = await load();
    const p = m.toProblem(e);
    const settings = 'Open Settings';
    const actions = p.kind === 'not-found' && /helm/i.test(p.message) ? [settings] : [];
    void vscode.window.showErrorMessage(`${p.message} ${p.hint}`, ...actions).then((pick) => {
      if (pick === settings) void vscode.commands.executeCommand('workbench.action.openSettings', 'shipshape.helm.path');
    });
  };

  const confirm = confirmAction;

  const trusted = (): boolean => {
    if (vscode.workspace.isTrusted) return true;
    const manage = 'Manage Workspace Trust';
    void vscode.window.showWarningMessage(RESTRICTED_MESSAGE, manage).then((pick) => {
      if (pick === manage) void vscode.commands.executeCommand('workbench.trust.manage');
    });
    return false;
  };

  const where = async (node: TreeNode | undefined): Promise<{ ctx: string; ns: string } | undefined> => {
    const tree = await access.tree();
    const ctx = node?.ref?.context || tree.roots().find((n) => n.ref)?.ref?.context;
    if (!ctx) return void vscode.window.showWarningMessage('No Kubernetes context: check the kubeconfig.');
    return { ctx, ns: node?.ref?.namespace ?? tree.namespaceOf(ctx) };
  };

  const pickChart = async (arg: unknown): Promise<string | undefined> => {
    if (arg instanceof vscode.Uri && arg.scheme === 'file') {
      const dir = path.basename(arg.fsPath) === 'Chart.yaml' ? path.dirname(arg.fsPath) : arg.fsPath;
      return dir;
    }
    const charts = await vscode.workspace.findFiles('**/Chart.yaml', '**/{node_modules,charts}/**', 200);
    const items = charts
      .map((u) => path.dirname(u.fsPath))
      .sort()
      .map((dir) => ({ label: path.basename(dir), description: vscode.workspace.asRelativePath(dir), dir }));
    if (!items.length) return void vscode.window.showInformationMessage('No Helm chart (a folder with Chart.yaml) in the workspace.');
    return (await vscode.window.showQuickPick(items, { title: 'Chart to install', matchOnDescription: true }))?.dir;
  };

  const installOrUpgrade = async (node: TreeNode | undefined, arg: unknown, fixedRelease?: string): Promise<void> => {
    if (!trusted()) return;
    const at = await where(node);
    if (!at) return;
    const chart = await pickChart(arg);
    if (!chart) return;
    const [, ops] = await load();
    const release =
      fixedRelease ??
      (await vscode.window.showInputBox({
        title: `Release name (context ${at.ctx})`,
        value: path.basename(chart).toLowerCase(),
        validateInput: ops.validateReleaseName,
      }));
    if (!release) return;
    const namespace = fixedRelease
      ? at.ns
      : await vscode.window.showInputBox({
          title: `Namespace of release ${release}`,
          value: at.ns,
          validateInput: (v) => (v.trim() ? undefined : 'A namespace.'),
        });
    if (!namespace) return;
    const workspaceValues = (await vscode.workspace.findFiles('**/*values*.{yaml,yml}', '**/node_modules/**', 500)).map((u) => u.fsPath);
    const candidates = ops.valuesFileCandidates(chart, workspaceValues);
    const picked = candidates.length
      ? await vscode.window.showQuickPick(
          candidates.map((f) => ({ label: vscode.workspace.asRelativePath(f), picked: false, file: f })),
          { title: `Values files for ${release} (in order; none: the chart's values.yaml only)`, canPickMany: true },
        )
      : [];
    if (!picked) return;
    const options = {
      release,
      chart,
      namespace: namespace.trim(),
      context: at.ctx,
      valuesFiles: picked.map((p) => p.file),
      kubeconfig: kubeconfig(),
      helmPath: helmPath(),
      atomic: true,
    };
    try {
      const tree = await access.tree();
      const dry = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `helm upgrade --install --dry-run=server (${at.ctx})…` },
        () => ops.helmDryRun(tree.api(at.ctx), options),
      );
      const { diff } = dry;
      const name = `${options.namespace}-${release}`;
      const left = docs.put(`${name} live.yaml`, diff.liveText || '# (not installed)\n');
      const right = docs.put(`${name} dry-run.yaml`, diff.nextText || '# (no objects)\n');
      await vscode.commands.executeCommand('vscode.diff', left, right, `${release}: live release ↔ dry-run (${at.ctx})`, { preview: true });
      const action = dry.upgrade ? 'Upgrade' : 'Install';
      const summary = [
        diff.added.length ? `Added: ${diff.added.join(', ')}` : '',
        diff.changed.length ? `Changed: ${diff.changed.join(', ')}` : '',
        diff.removed.length ? `Removed: ${diff.removed.join(', ')}` : '',
        `${diff.unchanged} unchanged object(s).`,
        `Values: ${options.valuesFiles.length ? options.valuesFiles.map((f) => vscode.workspace.asRelativePath(f)).join(', ') : 'chart defaults'}.`,
        'Atomic: a failed release is rolled back.',
      ]
        .filter(Boolean)
        .join('\n');
      if (
        !(await confirm(
          action,
          `Helm release ${options.namespace}/${release} from ${vscode.workspace.asRelativePath(chart)}`,
          at.ctx,
          summary,
        ))
      )
        return;
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `helm ${action.toLowerCase()} ${release} (${at.ctx})…` },
        () => ops.helmUpgrade(options),
      );
      void vscode.window.showInformationMessage(
        `Helm release ${options.namespace}/${release}: ${action.toLowerCase()} complete in ${at.ctx}.`,
      );
      access.refresh();
    } catch (e) {
      await showError(e);
    }
  };

  const releaseOf = (node: TreeNode | undefined): { ctx: string; ns: string; name: string } | undefined => {
    const r = node?.ref;
    if (r?.kind === 'HelmRelease' && r.name && r.namespace) return { ctx: r.context, ns: r.namespace, name: r.name };
    void vscode.window.showInformationMessage('Pick a Helm release in the Shipshape cluster explorer.');
    return undefined;
  };

  const commands: Record<string, (node?: TreeNode, arg?: unknown) => Promise<void>> = {
    [HELM_COMMANDS.install]: (node, arg) => installOrUpgrade(node?.ref ? node : undefined, node instanceof vscode.Uri ? node : arg),
    [HELM_COMMANDS.upgrade]: async (node) => {
      const r = releaseOf(node);
      if (r) await installOrUpgrade(node, undefined, r.name);
    },
    [HELM_COMMANDS.uninstall]: async (node) => {
      const r = releaseOf(node);
      if (!r || !trusted()) return;
      if (
        !(await confirm('Uninstall', `Helm release ${r.ns}/${r.name}`, r.ctx, 'Every object of the release is deleted, and its history.'))
      )
        return;
      const [, ops] = await load();
      try {
        const out = await ops.helmUninstall({
          release: r.name,
          namespace: r.ns,
          context: r.ctx,
          kubeconfig: kubeconfig(),
          helmPath: helmPath(),
        });
        void vscode.window.showInformationMessage(out || `Uninstalled ${r.name}.`);
        access.refresh();
      } catch (e) {
        await showError(e);
      }
    },
    [HELM_COMMANDS.showRevision]: async (node, arg) => {
      const r = releaseOf(node);
      if (!r) return;
      const [, ops] = await load();
      try {
        const api = (await access.tree()).api(r.ctx);
        const history = await ops.helmReleaseHistory(api, r.ns, r.name);
        // A revision number as the second argument skips the pick (keybindings, tests).
        const pick =
          typeof arg === 'number'
            ? { revision: arg }
            : history.length === 1
              ? { revision: history[0].revision }
              : await vscode.window.showQuickPick(
                  history.map((x) => ({
                    label: `Revision ${x.revision}`,
                    description: `${x.chart}-${x.chartVersion} · ${x.status}`,
                    detail: [x.updated, x.description].filter(Boolean).join(' · '),
                    revision: x.revision,
                  })),
                  { title: `Helm release ${r.name}: revision to show` },
                );
        if (!pick) return;
        const rev = await ops.helmRevision(api, r.ns, r.name, pick.revision);
        const values = await vscode.workspace.openTextDocument(
          docs.put(`${r.name} v${rev.revision} values.yaml`, ops.revisionValuesText(rev)),
        );
        await vscode.window.showTextDocument(values, { preview: false, viewColumn: vscode.ViewColumn.Beside });
        const manifest = await vscode.workspace.openTextDocument(
          docs.put(`${r.name} v${rev.revision} manifest.yaml`, ops.revisionManifestText(rev)),
        );
        await vscode.window.showTextDocument(manifest, { preview: false, viewColumn: vscode.ViewColumn.One });
      } catch (e) {
        await showError(e);
      }
    },
  };

  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(HELM_SCHEME, docs),
    ...Object.entries(commands).map(([id, fn]) => vscode.commands.registerCommand(id, (node?: TreeNode, arg?: unknown) => fn(node, arg))),
  );
}
