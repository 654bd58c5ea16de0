import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TreeNode } from '../../../client/src/cluster/tree';
import { kubeconfigYaml } from '../../kube-api-server/kubeconfig';
import { KubeApiServer, type KObject } from '../../kube-api-server/server';
import { EXTENSION_ID, screenshot, setSetting, typeInWorkbench, waitUntil, type ShipshapeApi } from '../util';
import { roundTrip } from '../../kube-api-server/tcp';

/**
 * The cluster explorer (client/src/explorer) in the real workbench, against the Kubernetes API test
 * server (test/kube-api-server) running in this extension host: its TreeDataProvider and the
 * contributed view list the contexts, namespaces and pods with their statuses, Follow Logs streams
 * into a log view (filter, jumps, timestamps, since, copy, save), Port Forward carries bytes through a local port and shows it in the status bar.
 */

const NS = 'shop';

/** A pod in `shop` with one `app` container; `status` replaces the Running, ready one. */
function pod(name: string, status?: Record<string, unknown>): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: NS, labels: { app: name.split('-')[0]! } },
    spec: { containers: [{ name: 'app', image: `registry.example.com/${name.split('-')[0]}:2.4.1` }] },
    status: status ?? {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: { running: { startedAt: '2026-11-23T09:00:00Z' } } }],
    },
  };
}

/** A TCP echo server standing in for the app inside the pod. */
async function echoServer(): Promise<net.Server> {
  const srv = net.createServer((s) => s.pipe(s));
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return srv;
}

/** The log view (a `shipshape-logs` document) whose path contains `name`, once its text contains `expected`. */
async function logDocument(name: string, expected: string): Promise<vscode.TextDocument> {
  let doc: vscode.TextDocument | undefined;
  await waitUntil(
    () => {
      doc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'shipshape-logs' && d.uri.path.includes(name));
      return doc?.getText().includes(expected) ?? false;
    },
    `"${expected}" in the log view ${name} (it shows ${JSON.stringify(doc?.getText())})`,
  );
  return doc!;
}

/** The lines of a document, without the final empty one. */
function lines(doc: vscode.TextDocument): string[] {
  return doc.getText().split('\n').slice(0, -1);
}

suite('cluster explorer', () => {
  let server: KubeApiServer;
  let echo: net.Server;
  let api: ShipshapeApi;
  let kubeconfigDir: string;
  let restoreKubeconfig: () => Promise<void>;

  const provider = (): vscode.TreeDataProvider<TreeNode> => api.explorer.provider;
  const children = async (node?: TreeNode): Promise<TreeNode[]> => (await provider().getChildren(node)) ?? [];
  const child = async (node: TreeNode | undefined, label: string): Promise<TreeNode> => {
    const all = await children(node);
    const found = all.find((n) => n.view.label === label);
    assert.ok(found, `no "${label}" under ${node?.view.label ?? 'the root'}; there are ${all.map((n) => n.view.label).join(', ')}`);
    return found;
  };
  const podNode = async (name: string): Promise<TreeNode> =>
    child(await child(await child(await child(undefined, 'kind-shipshape'), NS), 'Pods'), name);

  suiteSetup(async () => {
    server = await new KubeApiServer({ token: 'extension-host-test-token' }).start();
    for (const ns of ['default', 'kube-system', NS]) server.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    server.put(pod('web-7d9c5b-x2x4q'));
    server.put(
      pod('worker-6c8f9d-lq9zt', {
        phase: 'Running',
        containerStatuses: [
          {
            name: 'app',
            ready: false,
            restartCount: 7,
            state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container' } },
            lastState: { terminated: { reason: 'Error', exitCode: 1 } },
          },
        ],
      }),
    );
    server.put(
      pod('cache-0', {
        phase: 'Pending',
        containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }],
      }),
    );
    server.put(
      pod('migrate-29012-kd8fj', {
        phase: 'Succeeded',
        containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { terminated: { reason: 'Completed', exitCode: 0 } } }],
      }),
    );
    // Two contexts: the test server (current) and one that is never expanded, so never dialled.
    const current = JSON.parse(kubeconfigYaml(server, { context: 'kind-shipshape', namespace: NS })) as Record<string, unknown[]>;
    const other = JSON.parse(kubeconfigYaml(server, { context: 'staging', server: 'https://127.0.0.1:9' })) as Record<string, unknown[]>;
    for (const k of ['clusters', 'users', 'contexts']) current[k]!.push(...other[k]!);
    kubeconfigDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-kubeconfig-'));
    const kubeconfig = path.join(kubeconfigDir, 'config');
    fs.writeFileSync(kubeconfig, JSON.stringify(current, null, 2));
    restoreKubeconfig = await setSetting('shipshape', 'kubeconfig', kubeconfig);

    const ext = vscode.extensions.getExtension<ShipshapeApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded`);
    api = await ext.activate();
    echo = await echoServer();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('shipshape.stopAllPortForwards');
    for (const t of vscode.window.terminals) t.dispose();
    await restoreKubeconfig?.();
    await server?.stop();
    await new Promise<void>((r) => (echo ? echo.close(() => r()) : r()));
    if (kubeconfigDir) fs.rmSync(kubeconfigDir, { recursive: true, force: true });
  });

  test('lists contexts, namespaces and pods with their statuses, in the provider and the view', async () => {
    const roots = await children();
    assert.deepEqual(
      roots.map((r) => [r.view.label, r.view.description]),
      [
        ['kind-shipshape', `(current) ${server.url}`],
        ['staging', 'https://127.0.0.1:9'],
      ],
    );
    const namespaces = await children(roots[0]);
    assert.deepEqual(
      namespaces.map((n) => [n.view.label, n.view.description]),
      [
        ['All namespaces', undefined],
        [NS, 'default namespace'],
        ['default', undefined],
        ['kube-system', undefined],
        ['Nodes', undefined],
      ],
    );
    const pods = await children(await child(namespaces[1], 'Pods'));
    const items = await Promise.all(pods.map((p) => provider().getTreeItem(p)));
    assert.deepEqual(
      items.map((i) => [i.label, i.description, (i.iconPath as vscode.ThemeIcon).id, (i.iconPath as vscode.ThemeIcon).color?.id]),
      [
        ['cache-0', 'ContainerCreating 0/1', 'sync', 'charts.blue'],
        ['migrate-29012-kd8fj', 'Completed 0/1', 'check', 'disabledForeground'],
        ['web-7d9c5b-x2x4q', 'Running 1/1', 'pass', 'testing.iconPassed'],
        ['worker-6c8f9d-lq9zt', 'CrashLoopBackOff 0/1 ↻7', 'error', 'list.errorForeground'],
      ],
    );
    assert.equal(items[2]!.contextValue, 'object.Pod');

    // The contributed view: opened, the pods revealed (their parents expand on the way), and the
    // side bar widened so the statuses show.
    await vscode.commands.executeCommand('shipshape.clusterExplorer.focus');
    await waitUntil(() => api.explorer.view.visible, 'the Clusters view to be visible');
    await api.explorer.view.reveal(pods[0]!, { select: false, focus: false });
    await api.explorer.view.reveal(pods[3]!, { select: true, focus: true });
    // (The resize commands act on the focused part: the editor area gives up width.)
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    for (let i = 0; i < 4; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
    assert.deepEqual(
      api.explorer.view.selection.map((n) => n.view.label),
      ['worker-6c8f9d-lq9zt'],
    );
    // A change in the cluster reaches the open view through the watch: the pending pod starts.
    const redrawn = new Promise<void>((resolve) => {
      const sub = provider().onDidChangeTreeData!(() => {
        sub.dispose();
        resolve();
      });
    });
    server.put(pod('cache-0'));
    await redrawn;
    const after = await Promise.all((await children(await child(namespaces[1], 'Pods'))).map((p) => provider().getTreeItem(p)));
    assert.equal(after[0]!.description, 'Running 1/1');
    await screenshot('cluster-explorer', '.monaco-list-row:has-text("cache-0"):has-text("Running 1/1")', { mustShow: true });
  });

  test('Follow Logs streams a pod log into a log view', async () => {
    const target = await podNode('web-7d9c5b-x2x4q');
    for (const [i, path] of ['/', '/healthz', '/api/cart'].entries())
      server.appendLog(NS, 'web-7d9c5b-x2x4q', 'app', `10.244.0.${7 + i} - "GET ${path} HTTP/1.1" 200 ${512 + i * 97}`);
    const following = new Promise<void>((resolve) => server.events.once('log-follow', () => resolve()));
    await vscode.commands.executeCommand('shipshape.followLogs', target, 'tail');
    assert.equal(vscode.window.activeTextEditor?.document.uri.scheme, 'shipshape-logs');
    assert.equal(vscode.window.activeTextEditor?.document.uri.path, '/Pod-web-7d9c5b-x2x4q.log');
    // Lines written while following arrive too, after the ones that were there.
    await following;
    server.appendLog(NS, 'web-7d9c5b-x2x4q', 'app', 'cart: checkout completed order=4711 total=42.50 EUR');
    assert.deepEqual(lines(await logDocument('web-7d9c5b-x2x4q', 'order=4711')), [
      '[web-7d9c5b-x2x4q/app] 10.244.0.7 - "GET / HTTP/1.1" 200 512',
      '[web-7d9c5b-x2x4q/app] 10.244.0.8 - "GET /healthz HTTP/1.1" 200 609',
      '[web-7d9c5b-x2x4q/app] 10.244.0.9 - "GET /api/cart HTTP/1.1" 200 706',
      '[web-7d9c5b-x2x4q/app] cart: checkout completed order=4711 total=42.50 EUR',
    ]);
    await screenshot('log-stream', '#workbench\\.parts\\.editor', { mustShow: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the log view filters, jumps between matches, hides, toggles timestamps, reads since, saves and copies', async () => {
    const name = 'api-5f6d7c-9k2mz';
    server.put(pod(name));
    const requests = ['GET /api/cart 200', 'POST /api/checkout 502', 'GET /healthz 200', 'GET /api/orders 500', 'GET / 200'];
    for (const r of requests) server.appendLog(NS, name, 'app', `${r} ${r.endsWith('200') ? 'ok' : 'upstream timed out'}`);
    await vscode.commands.executeCommand('shipshape.followLogs', await podNode(name), 'all');
    const doc = await logDocument(name, 'GET / 200');
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document, doc);
    // A regular expression (RE2): the 5xx lines match; the others stay, dimmed.
    await vscode.commands.executeCommand('shipshape.logs.filter', '/ 5\\d\\d /');
    await vscode.commands.executeCommand('shipshape.logs.nextMatch');
    assert.deepEqual([editor.selection.start.line, editor.selection.start.character, editor.selection.end.character], [1, 41, 46]);
    assert.equal(doc.getText(editor.selection), ' 502 ');
    await vscode.commands.executeCommand('shipshape.logs.nextMatch');
    assert.equal(editor.selection.start.line, 3);
    await vscode.commands.executeCommand('shipshape.logs.nextMatch');
    assert.equal(editor.selection.start.line, 1, 'wraps around to the first match');
    await vscode.commands.executeCommand('shipshape.logs.previousMatch');
    assert.equal(editor.selection.start.line, 3);
    assert.equal(lines(doc).length, 5);
    await screenshot('log-search', '#workbench\\.parts\\.editor', { mustShow: true });

    // Only the matching lines.
    await vscode.commands.executeCommand('shipshape.logs.toggleHideUnmatched');
    await waitUntil(() => lines(doc).length === 2, 'the view to show only the matching lines');
    assert.deepEqual(lines(doc), [
      `[${name}/app] POST /api/checkout 502 upstream timed out`,
      `[${name}/app] GET /api/orders 500 upstream timed out`,
    ]);

    // Copy the selected range, and save what the view shows.
    editor.selection = new vscode.Selection(1, 0, 1, 5);
    await vscode.commands.executeCommand('shipshape.logs.copy');
    assert.equal(await vscode.env.clipboard.readText(), `[${name}/app] GET /api/orders 500 upstream timed out\n`);
    const saved = vscode.Uri.file(path.join(kubeconfigDir, 'saved.log'));
    await vscode.commands.executeCommand('shipshape.logs.save', doc.uri, saved);
    assert.equal(fs.readFileSync(saved.fsPath, 'utf8'), doc.getText());

    // Timestamps on, filter cleared.
    await vscode.commands.executeCommand('shipshape.logs.clearFilter');
    await vscode.commands.executeCommand('shipshape.logs.toggleTimestamps');
    await waitUntil(() => lines(doc).length === 5 && /^\[[^\]]+\] \d{4}-\d\d-\d\dT/.test(lines(doc)[0]!), 'timestamps');
    assert.match(
      lines(doc)[0]!,
      new RegExp(`^\\[${name}/app\\] \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z GET /api/cart 200 ok$`),
    );

    // Since: the log is read again from the server with sinceSeconds.
    const before = server.requests.length;
    await vscode.commands.executeCommand('shipshape.logs.since', '5m');
    await waitUntil(
      () => server.requests.slice(before).some((r) => r.path.endsWith(`/pods/${name}/log`) && r.query.get('sinceSeconds') === '300'),
      'a log request with sinceSeconds=300',
    );
    await waitUntil(() => lines(doc).length === 5, 'the lines of the last 5 minutes');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Watch Events streams a namespace live, warnings first, filtered by object; Describe keeps its events live', async () => {
    const event = (name: string, pod: string, type: string, reason: string, message: string): void => {
      server.put({
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace: NS },
        involvedObject: { apiVersion: 'v1', kind: 'Pod', name: pod, namespace: NS },
        type,
        reason,
        message,
        lastTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      });
    };
    event('ev-1', 'web-7d9c5b-x2x4q', 'Normal', 'Pulled', 'Container image already present on machine');
    event('ev-2', 'worker-6c8f9d-lq9zt', 'Warning', 'BackOff', 'Back-off restarting failed container app');
    await vscode.commands.executeCommand('shipshape.watchEvents', await child(await child(undefined, 'kind-shipshape'), NS));
    let doc: vscode.TextDocument | undefined;
    const eventsText = (): string =>
      (doc ??= vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'shipshape-events'))?.getText() ?? '';
    await waitUntil(() => eventsText().includes('Pulled'), 'the events view to list the events');
    const order = (): string[] =>
      eventsText()
        .split('\n')
        .filter((l) => /^[! ] /.test(l) && !l.includes('(none)'))
        .map((l) => l.split(/\s+/)[4]!);
    assert.deepEqual(order(), ['BackOff', 'Pulled']);
    event('ev-3', 'web-7d9c5b-x2x4q', 'Warning', 'Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 503');
    await waitUntil(() => eventsText().includes('Unhealthy'), 'the new event to arrive');
    assert.equal(order().length, 3);
    assert.deepEqual(order().slice(2), ['Pulled']);
    await vscode.commands.executeCommand('shipshape.events.filter', 'Pod/web-7d9c5b-x2x4q');
    await waitUntil(() => eventsText().includes('filter: object Pod/web-7d9c5b-x2x4q'), 'the filter');
    assert.deepEqual(order(), ['Unhealthy', 'Pulled']);
    await screenshot('events-live', '#workbench\\.parts\\.editor', { mustShow: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    await vscode.commands.executeCommand('shipshape.describe', await podNode('web-7d9c5b-x2x4q'));
    const described = vscode.window.activeTextEditor!.document;
    assert.match(described.getText(), /# ---- Events \(oldest first; ! = Warning\) ----\n# .*Pulled/);
    event('ev-4', 'web-7d9c5b-x2x4q', 'Normal', 'Killing', 'Stopping container app');
    await waitUntil(() => described.getText().includes('Stopping container app'), 'the Describe view to show the new event');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Follow Logs from the menu asks how to follow', async function () {
    // The launcher's wait for the quick pick's DOM is the only signal that it is open.
    if (!process.env.SCREENSHOT_DIR) this.skip();
    const target = await podNode('cache-0');
    server.appendLog(NS, 'cache-0', 'app', 'Ready to accept connections tcp');
    const done = vscode.commands.executeCommand('shipshape.followLogs', target);
    await screenshot('log-options', '.quick-input-widget .monaco-list-row:has-text("Follow (last 100 lines)")', { mustShow: true });
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await done;
    assert.deepEqual(lines(await logDocument('cache-0', 'Ready')), ['[cache-0/app] Ready to accept connections tcp']);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Port Forward carries bytes through a local port and shows it in the status bar', async () => {
    server.setPortTarget(NS, 'web-7d9c5b-x2x4q', 8080, (echo.address() as net.AddressInfo).port);
    const target = await podNode('web-7d9c5b-x2x4q');
    await vscode.commands.executeCommand('shipshape.portForward', target, { remotePort: 8080 });

    // The tree's "Port forwards" section names the local address.
    const forwards = await child(undefined, 'Port forwards');
    const [entry, ...more] = await children(forwards);
    assert.equal(more.length, 0);
    const m = /^127\.0\.0\.1:(\d+)$/.exec(entry!.view.label);
    assert.ok(m, `a local address, got ${entry!.view.label}`);
    assert.match(entry!.view.description ?? '', /→ Pod\/web-7d9c5b-x2x4q:8080/);
    const port = Number(m[1]);

    const payload = Buffer.from(`ping ${'x'.repeat(70_000)} pong`);
    const back = await roundTrip(port, payload);
    assert.equal(back.length, payload.length);
    assert.ok(back.equals(payload), 'the echo came back byte for byte');

    await vscode.commands.executeCommand('workbench.action.closePanel');
    await api.explorer.view.reveal(entry!, { select: true, focus: false });
    assert.deepEqual(
      api.explorer.view.selection.map((n) => n.view.label),
      [entry!.view.label],
    );
    await screenshot('port-forward', `#workbench\\.parts\\.statusbar .statusbar-item:has-text("127.0.0.1:${port}")`, {
      mustShow: true,
    });

    await vscode.commands.executeCommand('shipshape.stopAllPortForwards');
    await assert.rejects(roundTrip(port, payload), /ECONNREFUSED/);
  });

  test('Port Forward from the menu asks for the remote and the local port', async function () {
    // The launcher types into the input boxes and says when they are open.
    if (!process.env.SCREENSHOT_DIR) this.skip();
    const local = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const target = await podNode('web-7d9c5b-x2x4q');
    const done = vscode.commands.executeCommand('shipshape.portForward', target);
    await screenshot('port-forward-remote', '.quick-input-widget:has-text("Port on Pod web-7d9c5b-x2x4q")', { mustShow: true });
    await typeInWorkbench('remote-port', '8080');
    await screenshot('port-forward-local', '.quick-input-widget:has-text("Local port")', { mustShow: true });
    await typeInWorkbench('local-port', String(local));
    await done;
    const [entry] = await children(await child(undefined, 'Port forwards'));
    assert.equal(entry?.view.label, `127.0.0.1:${local}`);
    assert.equal((await roundTrip(local, Buffer.from('hello through the menu'))).toString(), 'hello through the menu');
    await vscode.commands.executeCommand('shipshape.stopAllPortForwards');
  });
});
