import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TreeNode } from '../../../client/src/cluster/tree';
import { kubeconfigYaml } from '../../kube-api-server/kubeconfig';
import { KubeApiServer, type KObject } from '../../kube-api-server/server';
import { EXTENSION_ID, screenshot, setSetting, typeInWorkbench, waitUntil, type ShipshapeApi } from '../util';

/**
 * Live objects in the real workbench, against the Kubernetes API test server: Edit Live Object
 * opens a Deployment's YAML (no managedFields, no status) in a `shipshape-live:` editor, and a
 * filter on the "All namespaces" Pods list keeps the pods that restart, and says so on the node.
 */

function pod(name: string, ns: string, restarts = 0): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns, labels: { app: name.split('-')[0]! } },
    spec: { containers: [{ name: 'app', image: `registry.example.com/${name.split('-')[0]}:2.4.1` }] },
    status: {
      phase: 'Running',
      containerStatuses: [
        restarts
          ? { name: 'app', ready: false, restartCount: restarts, state: { waiting: { reason: 'CrashLoopBackOff' } } }
          : { name: 'app', ready: true, restartCount: 0, state: { running: { startedAt: '2026-11-23T09:00:00Z' } } },
      ],
    },
  };
}

suite('live objects', () => {
  let server: KubeApiServer;
  let api: ShipshapeApi;
  let dir: string;
  let restore: () => Promise<void>;

  const provider = (): vscode.TreeDataProvider<TreeNode> => api.explorer.provider;
  const child = async (node: TreeNode | undefined, label: string): Promise<TreeNode> => {
    const all = (await provider().getChildren(node)) ?? [];
    const found = all.find((n) => n.view.label === label);
    assert.ok(found, `no "${label}" under ${node?.view.label ?? 'the root'}; there are ${all.map((n) => n.view.label).join(', ')}`);
    return found;
  };

  suiteSetup(async () => {
    server = await new KubeApiServer({ token: 'live-edit-test-token' }).start();
    for (const ns of ['default', 'shop', 'billing']) server.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    server.put(pod('web-7d9c5b-x2x4q', 'shop'));
    server.put(pod('worker-6c8f9d-lq9zt', 'shop', 7));
    server.put(pod('invoicer-5f7b8-9kq2m', 'billing', 3));
    server.put(pod('api-84c6d-2xv7p', 'billing'));
    server.put({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'web',
        namespace: 'shop',
        labels: { app: 'web' },
        managedFields: [{ manager: 'helm', operation: 'Apply', apiVersion: 'apps/v1', fieldsType: 'FieldsV1', fieldsV1: {} }],
      },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'app', image: 'registry.example.com/web:2.4.1', ports: [{ containerPort: 8080 }] }] },
        },
      },
      status: { replicas: 2, readyReplicas: 2 },
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-live-'));
    const kubeconfig = path.join(dir, 'config');
    fs.writeFileSync(kubeconfig, kubeconfigYaml(server, { context: 'kind-shipshape', namespace: 'shop' }));
    restore = await setSetting('shipshape', 'kubeconfig', kubeconfig);
    const ext = vscode.extensions.getExtension<ShipshapeApi>(EXTENSION_ID);
    assert.ok(ext);
    api = await ext.activate();
    await vscode.commands.executeCommand('shipshape.explorer.refresh');
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await restore?.();
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('Edit Live Object opens the YAML without managedFields or status', async () => {
    const web = await child(await child(await child(await child(undefined, 'kind-shipshape'), 'shop'), 'Deployments'), 'web');
    await vscode.commands.executeCommand('shipshape.editLive', web);
    await waitUntil(() => vscode.window.activeTextEditor?.document.uri.scheme === 'shipshape-live', 'the live editor');
    const doc = vscode.window.activeTextEditor!.document;
    assert.equal(doc.uri.path, '/kind-shipshape/shop/Deployment/web.yaml');
    assert.equal(doc.languageId, 'yaml');
    const text = doc.getText();
    assert.ok(text.includes('kind: Deployment\nmetadata:\n  name: web\n  namespace: shop\n'), text);
    assert.ok(!text.includes('managedFields') && !text.includes('readyReplicas'), text);
    await screenshot('live-edit', '.monaco-editor:has-text("registry.example.com/web:2.4.1")', { mustShow: true });
  });

  test('a filter on the All namespaces Pods list keeps the restarting pods', async function () {
    // The input box can only be filled through the launcher.
    if (!process.env.SCREENSHOT_DIR) this.skip();
    const all = await child(await child(undefined, 'kind-shipshape'), 'All namespaces');
    const pods = await child(all, 'Pods');
    await vscode.commands.executeCommand('shipshape.clusterExplorer.focus');
    await waitUntil(() => api.explorer.view.visible, 'the Clusters view to be visible');
    await api.explorer.view.reveal(pods, { select: true, focus: true });
    const redrawn = new Promise<void>((resolve) => {
      const sub = provider().onDidChangeTreeData!(() => {
        sub.dispose();
        resolve();
      });
    });
    const done = vscode.commands.executeCommand('shipshape.explorer.filter', pods);
    await typeInWorkbench('explorer-filter-input', 'is:restarting');
    await done;
    await redrawn;
    assert.equal(pods.view.description, 'filter: is:restarting');
    const rows = (await provider().getChildren(pods)) ?? [];
    const shown = rows.map((n) => [n.view.label, n.view.description]);
    assert.deepEqual(shown, [
      ['invoicer-5f7b8-9kq2m', 'billing · CrashLoopBackOff 0/1 ↻3'],
      ['worker-6c8f9d-lq9zt', 'shop · CrashLoopBackOff 0/1 ↻7'],
    ]);
    // Revealing a filtered row expands the list in the view (as the explorer test reveals its pods).
    await api.explorer.view.reveal(rows[1]!, { select: true, focus: true });
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    for (let i = 0; i < 4; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
    await screenshot('explorer-filter', '.monaco-list-row:has-text("worker-6c8f9d-lq9zt")', { mustShow: true });
    await vscode.commands.executeCommand('shipshape.explorer.clearFilter', pods);
    assert.equal(pods.view.description, undefined);
  });
});
