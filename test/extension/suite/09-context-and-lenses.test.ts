import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { kubeconfigYaml } from '../../kube-api-server/kubeconfig';
import { KubeApiServer } from '../../kube-api-server/server';
import { EXTENSION_ID, closeAll, pollUntil, screenshot, setSetting, type ShipshapeApi } from '../util';

/**
 * The Kubernetes context in the status bar and the "Diagnose" / "Describe" lenses above workloads
 * of a manifest that exist in that context, against the Kubernetes API test server.
 */

const NS = 'team-a';

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: app
          image: registry.example.com/web:2.4.1
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: not-deployed
spec:
  selector:
    matchLabels: { app: other }
  template:
    metadata:
      labels: { app: other }
    spec:
      containers:
        - name: app
          image: registry.example.com/other:1.0.0
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: { app: web }
  ports: [{ port: 80 }]
`;

suite('kube context status and workload lenses', () => {
  let server: KubeApiServer;
  let kubeconfigDir: string;
  let restoreKubeconfig: () => Promise<void>;

  suiteSetup(async () => {
    server = await new KubeApiServer({ token: 'lens-test-token' }).start();
    for (const ns of ['default', NS, 'team-b']) server.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    server.put({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: NS },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'app', image: 'registry.example.com/web:2.4.1' }] },
        },
      },
    });
    kubeconfigDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-kubeconfig-'));
    const kubeconfig = path.join(kubeconfigDir, 'config');
    fs.writeFileSync(kubeconfig, kubeconfigYaml(server, { context: 'kind-dev', namespace: NS }));
    const ext = vscode.extensions.getExtension<ShipshapeApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded`);
    await ext.activate();
    restoreKubeconfig = await setSetting('shipshape', 'kubeconfig', kubeconfig);
  });

  suiteTeardown(async () => {
    await closeAll();
    await restoreKubeconfig?.();
    await server?.stop();
    if (kubeconfigDir) fs.rmSync(kubeconfigDir, { recursive: true, force: true });
  });

  const lensesOf = async (uri: vscode.Uri): Promise<vscode.CodeLens[]> =>
    (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)) ?? [];
  const shipshapeLenses = (all: vscode.CodeLens[]): [number, string, string][] =>
    all
      .filter((l) => l.command?.command.startsWith('shipshape.'))
      .map((l): [number, string, string] => [l.range.start.line, l.command!.title, l.command!.command])
      .sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));

  test('the status bar names the context and namespace, and follows a namespace switch', async () => {
    await screenshot('context-status', '#workbench\\.parts\\.statusbar .statusbar-item:has-text("kind-dev / team-a")', { mustShow: true });
    await vscode.commands.executeCommand('shipshape.explorer.setNamespace', {
      view: {},
      ref: { context: 'kind-dev', namespace: 'team-b' },
    });
    await screenshot('context-status-namespace', '#workbench\\.parts\\.statusbar .statusbar-item:has-text("kind-dev / team-b")', {
      mustShow: true,
    });
    await vscode.commands.executeCommand('shipshape.explorer.setNamespace', { view: {}, ref: { context: 'kind-dev', namespace: NS } });
  });

  test('Diagnose and Describe lenses sit above the deployed workload only', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: MANIFEST });
    await vscode.window.showTextDocument(doc);
    let lenses: [number, string, string][] = [];
    // The lookups answer in the background; the provider's later answer is what is awaited.
    await pollUntil(
      async () => {
        lenses = shipshapeLenses(await lensesOf(doc.uri));
        return lenses.length > 0;
      },
      () => `lenses on the manifest (got ${JSON.stringify(lenses)})`,
    );
    // Every lookup is cached now: a second request answers for all three objects at once.
    assert.deepEqual(shipshapeLenses(await lensesOf(doc.uri)), [
      [0, 'Describe', 'shipshape.describe'],
      [0, 'Diagnose', 'shipshape.diagnoseWorkload'],
    ]);
    // The lens runs the explorer's Describe on the live object.
    const describe = (await lensesOf(doc.uri)).find((l) => l.command?.title === 'Describe')!;
    await vscode.commands.executeCommand(describe.command!.command, ...(describe.command!.arguments ?? []));
    const shown = vscode.window.activeTextEditor?.document;
    assert.equal(shown?.uri.scheme, 'shipshape-cluster');
    assert.match(shown.getText(), /name: web/);
    assert.match(shown.getText(), new RegExp(`namespace: ${NS}`));
  });

  test('no lenses when the setting is off', async () => {
    const restore = await setSetting('shipshape', 'cluster.codeLens', false);
    try {
      const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: MANIFEST });
      assert.deepEqual(shipshapeLenses(await lensesOf(doc.uri)), []);
    } finally {
      await restore();
    }
  });
});
