/**
 * Debugging, node maintenance and workload controls in VS Code: an ephemeral debug container with
 * a shell, copying files to and from a container, pods by CPU or memory, cordon/uncordon/drain,
 * running and suspending CronJobs, pausing rollouts and setting an image. The work is done by the
 * cluster module's operations; this file asks, confirms (twice in a production context) and shows.
 */
import * as vscode from 'vscode';
import type { ApiClient } from '../cluster/api';
import type { NodeRef, TreeNode } from '../cluster/tree';
import { confirmAction, load, MemoryDocuments, showProblem } from './common';
import { READONLY_SCHEME, ShellTerminal, type ExplorerAccess } from './operations';

type Target = { context: string; namespace: string; kind: string; name: string; container?: string };

/** Registers the commands (all of them also in the command palette). */
export function registerMaintenance(context: vscode.ExtensionContext, access: ExplorerAccess): void {
  const docs = new MemoryDocuments(`${READONLY_SCHEME}-maintenance`, 50);
  const showMarkdown = async (name: string, markdown: string): Promise<void> => {
    await vscode.commands.executeCommand('markdown.showPreview', docs.put(name, markdown));
  };
  const showError = showProblem;
  const confirm = confirmAction;
  const api = async (ctx: string): Promise<ApiClient> => (await access.tree()).api(ctx);

  /** The current context and namespace (from the node, else the first context's namespace). */
  const where = async (r: NodeRef | undefined): Promise<{ context: string; namespace: string } | undefined> => {
    const tree = await access.tree();
    const ctx = r?.context || tree.roots()[0]?.ref?.context;
    if (!ctx) return void vscode.window.showWarningMessage('No Kubernetes context: check the kubeconfig.');
    return { context: ctx, namespace: r?.namespace ?? tree.namespaceOf(ctx) };
  };

  /** The node's object when it is one of `kinds`, else one picked from its namespace. */
  const pick = async (node: TreeNode | undefined, kinds: readonly string[]): Promise<Target | undefined> => {
    const r = node?.ref;
    if (r?.name && r.kind && kinds.includes(r.kind) && (r.namespace || r.kind === 'Node'))
      return { context: r.context, namespace: r.namespace ?? '', kind: r.kind, name: r.name, container: r.container };
    const w = await where(r);
    if (!w) return undefined;
    const [, ops] = await load();
    const items: (vscode.QuickPickItem & { objectKind: string })[] = [];
    try {
      for (const kind of kinds)
        for (const o of await ops.listObjects(await api(w.context), kind, kind === 'Node' ? undefined : w.namespace))
          items.push({ label: o.metadata.name, description: kind, objectKind: kind });
    } catch (e) {
      return void (await showError(e));
    }
    const chosen = await vscode.window.showQuickPick(items, {
      title: `${kinds.join(' / ')} in ${w.context}${kinds.includes('Node') ? '' : ` / ${w.namespace}`}`,
    });
    return chosen ? { ...w, kind: chosen.objectKind, name: chosen.label } : undefined;
  };

  /** The container to work in: the node's, the only one, or one picked. */
  const container = async (t: Target, prompt: string): Promise<string | undefined> => {
    if (t.container) return t.container;
    const [, ops] = await load();
    const p = await ops.getObject(await api(t.context), { kind: 'Pod', namespace: t.namespace, name: t.name });
    const names = ops.containerImages({ ...p, kind: 'Pod' }).filter((c) => !c.init);
    if (names.length === 1) return names[0]!.name;
    const chosen = await vscode.window.showQuickPick(
      names.map((c) => ({ label: c.name, description: c.image })),
      { title: prompt },
    );
    return chosen?.label;
  };

  const objectName = (t: Target): string => (t.kind === 'Node' ? `Node ${t.name}` : `${t.kind} ${t.namespace}/${t.name}`);

  const commands: Record<string, (node?: TreeNode) => Promise<void>> = {
    'shipshape.debugContainer': async (node) => {
      const t = await pick(node, ['Pod']);
      if (!t) return;
      const [, ops] = await load();
      try {
        const other = 'Other image…';
        const image = await vscode.window.showQuickPick([...ops.DEBUG_IMAGES, other], { title: `Debug image for ${t.name}` });
        if (!image) return;
        const chosenImage =
          image === other
            ? await vscode.window.showInputBox({
                title: 'Debug image',
                prompt: 'An image with the tools you need',
                validateInput: ops.validateImage,
              })
            : image;
        if (!chosenImage) return;
        const targetContainer = await container(t, `Share the process namespace of which container in ${t.name}?`);
        if (!targetContainer) return;
        if (
          !(await confirm(
            'Add debug container',
            `${chosenImage} to ${objectName(t)} (targeting ${targetContainer})`,
            t.context,
            'Ephemeral containers cannot be removed from a pod; it goes when the pod is replaced.',
          ))
        )
          return;
        const a = await api(t.context);
        const name = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Starting a debug container in ${t.name}…`, cancellable: true },
          async (progress, token) => {
            const added = await ops.addDebugContainer(a, t.namespace, t.name, { image: chosenImage.trim(), target: targetContainer });
            const controller = new AbortController();
            token.onCancellationRequested(() => controller.abort());
            await ops.waitForEphemeral(a, t.namespace, t.name, added, {
              signal: controller.signal,
              onState: (s) => progress.report({ message: s.state === 'waiting' ? `waiting (${s.reason ?? 'creating'})` : s.state }),
            });
            return added;
          },
        );
        const shells = ops.shellCandidates(vscode.workspace.getConfiguration('shipshape').get<string>('exec.shell'));
        const pty = new ShellTerminal(a, { namespace: t.namespace, pod: t.name, container: name }, shells);
        vscode.window.createTerminal({ name: `debug: ${t.name}/${name}`, pty, iconPath: new vscode.ThemeIcon('debug') }).show();
      } catch (e) {
        await showError(e);
      }
    },
    'shipshape.copyFromContainer': async (node) => {
      const t = await pick(node, ['Pod']);
      if (!t) return;
      const [, ops] = await load();
      try {
        const c = await container(t, `Copy from which container of ${t.name}?`);
        if (!c) return;
        const remote = await vscode.window.showInputBox({
          title: `Copy from ${t.name}/${c}`,
          prompt: 'A file or directory in the container',
          value: '/',
        });
        if (!remote) return;
        const base = remote.replace(/\/+$/, '').split('/').pop() || 'copy';
        const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
        const dest = await vscode.window.showSaveDialog({
          title: `Save ${remote} as…`,
          defaultUri: folder ? vscode.Uri.joinPath(folder, base) : undefined,
        });
        if (!dest) return;
        const r = await ops.copyFromContainer(
          await api(t.context),
          { namespace: t.namespace, pod: t.name, container: c },
          remote,
          dest.fsPath,
        );
        void vscode.window.showInformationMessage(
          `Copied ${r.files} file(s), ${ops.formatBytes(r.bytes)} from ${t.name}:${remote}.${r.skipped.length ? ` Skipped: ${r.skipped.join('; ')}` : ''}`,
        );
      } catch (e) {
        await showError(e);
      }
    },
    'shipshape.copyToContainer': async (node) => {
      const t = await pick(node, ['Pod']);
      if (!t) return;
      const [, ops] = await load();
      try {
        const c = await container(t, `Copy into which container of ${t.name}?`);
        if (!c) return;
        const src = await vscode.window.showOpenDialog({ title: 'File or folder to copy', canSelectFolders: true, canSelectFiles: true });
        if (!src?.[0]) return;
        const base = src[0].path.split('/').pop() ?? 'file';
        const remote = await vscode.window.showInputBox({
          title: `Copy into ${t.name}/${c}`,
          prompt: 'The path in the container',
          value: `/tmp/${base}`,
        });
        if (!remote) return;
        if (!(await confirm('Copy', `${base} to ${objectName(t)}:${remote} (container ${c})`, t.context))) return;
        const r = await ops.copyToContainer(
          await api(t.context),
          { namespace: t.namespace, pod: t.name, container: c },
          src[0].fsPath,
          remote,
        );
        void vscode.window.showInformationMessage(
          `Copied ${r.files} file(s), ${ops.formatBytes(r.bytes)} to ${t.name}:${remote}.${r.skipped.length ? ` Skipped: ${r.skipped.join('; ')}` : ''}`,
        );
      } catch (e) {
        await showError(e);
      }
    },
    'shipshape.topPods': async (node) => {
      const w = await where(node?.ref);
      if (!w) return;
      const sort = await vscode.window.showQuickPick(
        [
          { label: 'CPU', by: 'cpu' as const },
          { label: 'Memory', by: 'memory' as const },
        ],
        { title: `Sort pods in ${w.namespace} by` },
      );
      if (!sort) return;
      const [, ops] = await load();
      try {
        const rows = await ops.topPods(await api(w.context), w.namespace, sort.by);
        await showMarkdown(`Top pods ${w.namespace}.md`, ops.topPodsMarkdown(rows, w.context, w.namespace, sort.by));
      } catch (e) {
        await showError(e);
      }
    },
    'shipshape.cordonNode': async (node) => nodeSchedulable(node, true),
    'shipshape.uncordonNode': async (node) => nodeSchedulable(node, false),
    'shipshape.drainNode': async (node) => {
      const t = await pick(node, ['Node']);
      if (!t) return;
      const [, ops] = await load();
      try {
        const a = await api(t.context);
        const opts = await vscode.window.showQuickPick(
          [
            { label: 'Evict pods no controller manages', description: '--force', picked: false, key: 'force' as const },
            {
              label: 'Evict pods with emptyDir data (it is lost)',
              description: '--delete-emptydir-data',
              picked: false,
              key: 'emptyDir' as const,
            },
          ],
          { title: `Drain ${t.name}: also…`, canPickMany: true, placeHolder: 'Press Enter for neither' },
        );
        if (!opts) return;
        const options = { force: opts.some((o) => o.key === 'force'), deleteEmptyDirData: opts.some((o) => o.key === 'emptyDir') };
        const plan = await ops.drainPlan(a, t.name, options);
        const count = (fn: (p: (typeof plan)[number]) => boolean): number => plan.filter(fn).length;
        const detail = [
          `Cordons the node, then evicts ${count((p) => p.action === 'evict' || p.action === 'delete-finished')} pod(s) through the Eviction API (PodDisruptionBudgets respected).`,
          `Skips ${count((p) => p.action.startsWith('skip'))} DaemonSet/mirror pod(s); leaves ${count((p) => p.action.startsWith('refuse'))} pod(s) because of the options.`,
        ].join('\n');
        if (!(await confirm('Drain', objectName(t), t.context, detail))) return;
        const result = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Draining ${t.name}`, cancellable: true },
          (progress, token) => {
            const controller = new AbortController();
            token.onCancellationRequested(() => controller.abort());
            const total = Math.max(
              1,
              count((p) => p.action === 'evict' || p.action === 'delete-finished'),
            );
            return ops.drainNode(a, t.name, { ...options, signal: controller.signal }, (e) => {
              if (e.type === 'evicted') progress.report({ increment: 100 / total, message: `${e.pod.namespace}/${e.pod.name} evicted` });
              else if (e.type === 'blocked') progress.report({ message: `${e.pod.namespace}/${e.pod.name}: ${e.message} (retrying)` });
              else if (e.type === 'failed') progress.report({ message: `${e.pod.namespace}/${e.pod.name}: ${e.message}` });
              else if (e.type === 'cordoned') progress.report({ message: 'cordoned' });
            });
          },
        );
        await showMarkdown(`Drain ${t.name}.md`, ops.drainReport(result, t.context));
        access.refresh();
      } catch (e) {
        await showError(e);
      }
    },
    'shipshape.triggerCronJob': async (node) => {
      const t = await pick(node, ['CronJob']);
      if (
        !t ||
        !(await confirm('Run now', objectName(t), t.context, 'Creates a Job from its template, as kubectl create job --from=cronjob does.'))
      )
        return;
      const [, ops] = await load();
      try {
        const job = await ops.triggerCronJob(await api(t.context), t);
        void vscode.window.showInformationMessage(
          `Created Job ${job.metadata.namespace ?? t.namespace}/${job.metadata.name} from CronJob ${t.name}.`,
        );
        access.refresh();
      } catch (e) {
        await showError(e);
      }
    },
    'shipshape.suspendCronJob': async (node) => cronSuspend(node, true),
    'shipshape.resumeCronJob': async (node) => cronSuspend(node, false),
    'shipshape.pauseRollout': async (node) => rolloutPause(node, true),
    'shipshape.resumeRollout': async (node) => rolloutPause(node, false),
    'shipshape.setImage': async (node) => {
      const [, ops] = await load();
      const t = await pick(node, ['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob', 'Job', 'ReplicaSet', 'Pod']);
      if (!t) return;
      try {
        const obj = await ops.getObject(await api(t.context), t);
        const images = ops.containerImages({ ...obj, kind: t.kind });
        const chosen =
          images.length === 1
            ? images[0]
            : (
                await vscode.window.showQuickPick(
                  images.map((c) => ({ label: c.name, description: `${c.init ? 'init · ' : ''}${c.image}`, c })),
                  { title: `Set the image of which container of ${t.name}?` },
                )
              )?.c;
        if (!chosen) return;
        const image = await vscode.window.showInputBox({
          title: `New image for ${t.name}/${chosen.name}`,
          value: chosen.image,
          validateInput: ops.validateImage,
        });
        if (!image || image.trim() === chosen.image) return;
        if (!(await confirm('Set image', `${objectName(t)} container ${chosen.name}: ${chosen.image} → ${image.trim()}`, t.context)))
          return;
        await ops.setImage(await api(t.context), t, chosen.name, image);
        void vscode.window.showInformationMessage(`${t.kind} ${t.name}: ${chosen.name} now runs ${image.trim()}.`);
        access.refresh();
      } catch (e) {
        await showError(e);
      }
    },
  };

  async function nodeSchedulable(node: TreeNode | undefined, cordon: boolean): Promise<void> {
    const t = await pick(node, ['Node']);
    if (!t || !(await confirm(cordon ? 'Cordon' : 'Uncordon', objectName(t), t.context))) return;
    const [, ops] = await load();
    try {
      await ops.setUnschedulable(await api(t.context), t.name, cordon);
      void vscode.window.showInformationMessage(`Node ${t.name} ${cordon ? 'cordoned: no new pods are scheduled on it' : 'uncordoned'}.`);
      access.refresh();
    } catch (e) {
      await showError(e);
    }
  }

  async function cronSuspend(node: TreeNode | undefined, suspend: boolean): Promise<void> {
    const t = await pick(node, ['CronJob']);
    if (!t || !(await confirm(suspend ? 'Suspend' : 'Resume', objectName(t), t.context))) return;
    const [, ops] = await load();
    try {
      await ops.setCronJobSuspended(await api(t.context), t, suspend);
      void vscode.window.showInformationMessage(`CronJob ${t.name} ${suspend ? 'suspended' : 'resumed'}.`);
      access.refresh();
    } catch (e) {
      await showError(e);
    }
  }

  async function rolloutPause(node: TreeNode | undefined, pause: boolean): Promise<void> {
    const t = await pick(node, ['Deployment']);
    if (!t || !(await confirm(pause ? 'Pause rollout of' : 'Resume rollout of', objectName(t), t.context))) return;
    const [, ops] = await load();
    try {
      await ops.setRolloutPaused(await api(t.context), t, pause);
      void vscode.window.showInformationMessage(`Rollout of Deployment ${t.name} ${pause ? 'paused' : 'resumed'}.`);
      access.refresh();
    } catch (e) {
      await showError(e);
    }
  }

  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(`${READONLY_SCHEME}-maintenance`, docs),
    ...Object.entries(commands).map(([id, fn]) => vscode.commands.registerCommand(id, (node?: TreeNode) => fn(node))),
  );
}
