import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as vscode from 'vscode';
import type { TreeNode } from '../../../client/src/cluster/tree';
import { kubeconfigYaml } from '../../kube-api-server/kubeconfig';
import { KubeApiServer, type KObject } from '../../kube-api-server/server';
import { EXTENSION_ID, pollUntil, screenshot, setSetting, waitUntil, type ShipshapeApi } from '../util';

/**
 * A Helm release's revisions in the real workbench: the release in the cluster explorer, and
 * "Helm Show Release Manifest and Values" opening a revision's rendered manifest and values, read
 * from the release Secrets of the test API server (no helm involved).
 */

const NS = 'shop';

function manifest(replicas: number, tag: string): string {
  return [
    '---\n# Source: storefront/templates/deployment.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: storefront\n  labels:\n    app.kubernetes.io/name: storefront\nspec:\n',
    `  replicas: ${replicas}\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: storefront\n  template:\n    metadata:\n      labels:\n        app.kubernetes.io/name: storefront\n    spec:\n      containers:\n        - name: web\n          image: registry.example.com/storefront:${tag}\n`,
    '---\n# Source: storefront/templates/service.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: storefront\nspec:\n  selector:\n    app.kubernetes.io/name: storefront\n  ports:\n    - port: 80\n',
  ].join('');
}

function release(revision: number, status: string, replicas: number, tag: string): KObject {
  const body = {
    name: 'storefront',
    namespace: NS,
    version: revision,
    manifest: manifest(replicas, tag),
    config: { replicaCount: replicas, image: { tag } },
    info: {
      status,
      last_deployed: `2026-12-0${revision}T10:00:00Z`,
      description: revision === 1 ? 'Install complete' : 'Upgrade complete',
    },
    chart: {
      metadata: { name: 'storefront', version: `1.${revision}.0`, appVersion: tag },
      values: { replicaCount: 1, image: { tag: 'latest' } },
    },
  };
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'helm.sh/release.v1',
    metadata: {
      name: `sh.helm.release.v1.storefront.v${revision}`,
      namespace: NS,
      labels: { owner: 'helm', name: 'storefront', version: String(revision), status },
    },
    data: { release: Buffer.from(gzipSync(Buffer.from(JSON.stringify(body))).toString('base64')).toString('base64') },
  } as KObject;
}

suite('helm release revisions', () => {
  let server: KubeApiServer;
  let api: ShipshapeApi;
  let dir: string;
  let restore: () => Promise<void>;

  suiteSetup(async () => {
    server = await new KubeApiServer({ token: 'helm-release-test-token' }).start();
    server.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
    server.put(release(1, 'superseded', 2, '2.4.0'));
    server.put(release(2, 'deployed', 3, '2.4.1'));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-kubeconfig-'));
    const kubeconfig = path.join(dir, 'config');
    fs.writeFileSync(kubeconfig, kubeconfigYaml(server, { context: 'kind-shipshape', namespace: NS }));
    restore = await setSetting('shipshape', 'kubeconfig', kubeconfig);
    const ext = vscode.extensions.getExtension<ShipshapeApi>(EXTENSION_ID);
    assert.ok(ext);
    api = await ext.activate();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await restore?.();
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test("shows a revision's rendered manifest and values from the release Secret", async () => {
    const provider = api.explorer.provider;
    const kids = async (n?: TreeNode): Promise<TreeNode[]> => (await provider.getChildren(n)) ?? [];
    let ctx: TreeNode | undefined;
    // The tree re-reads the kubeconfig when the setting changes.
    await pollUntil(
      async () => (ctx = (await kids()).find((n) => n.view.label === 'kind-shipshape')) !== undefined,
      () => 'the kind-shipshape context',
    );
    const ns = (await kids(ctx)).find((n) => n.view.label === NS);
    assert.ok(ns, 'the shop namespace');
    const helm = (await kids(ns)).find((n) => n.view.label === 'Helm releases');
    assert.ok(helm, 'the Helm releases node');
    const releases = await kids(helm);
    assert.deepEqual(
      releases.map((r) => [r.view.label, r.view.description, r.view.contextValue]),
      [['storefront', 'storefront-1.2.0 · rev 2 · deployed', 'helmRelease']],
    );

    await vscode.commands.executeCommand('shipshape.helmShowRevision', releases[0], 2);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    assert.equal(editor.document.uri.scheme, 'shipshape-helm');
    assert.equal(editor.document.languageId, 'yaml');
    assert.equal(
      editor.document.getText(),
      `# Helm release shop/storefront, revision 2 (deployed, chart storefront-1.2.0)\n${manifest(3, '2.4.1').trim()}\n`,
    );
    const values = vscode.window.visibleTextEditors.find((e) => e.document.uri.path.endsWith('values.yaml'));
    assert.ok(values, 'the values editor beside it');
    assert.equal(
      values.document.getText(),
      '# Helm release shop/storefront, revision 2: user-supplied values\nreplicaCount: 3\nimage:\n  tag: 2.4.1\n---\n# Chart defaults (storefront-1.2.0)\n# replicaCount: 1\n# image:\n#   tag: latest\n',
    );

    await vscode.commands.executeCommand('shipshape.clusterExplorer.focus');
    await waitUntil(() => api.explorer.view.visible, 'the Clusters view to be visible');
    await api.explorer.view.reveal(releases[0]!, { select: true, focus: false });
    await screenshot('helm-release', '.monaco-list-row:has-text("storefront-1.2.0")', { mustShow: true });
  });
});
