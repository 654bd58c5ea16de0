import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TreeNode } from '../../../client/src/cluster/tree';
import { kubeconfigYaml } from '../../kube-api-server/kubeconfig';
import { KubeApiServer, type KObject } from '../../kube-api-server/server';
import { EXTENSION_ID, pollUntil, screenshot, setSetting, typeInWorkbench, waitUntil, type ShipshapeApi } from '../util';
import { roundTrip } from '../../kube-api-server/tcp';

/**
 * The cluster explorer (client/src/explorer) in the real workbench, against the Kubernetes API test
 * server (test/kube-api-server) running in this extension host: its TreeDataProvider and the
 * contributed view list the contexts, namespaces and pods with their statuses, Follow Logs streams
 * into a terminal, Port Forward carries bytes through a local port and shows it in the status bar.
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

/** Resolves with the next terminal the workbench opens. */
function nextTerminal(): Promise<vscode.Terminal> {
  return new Promise((resolve) => {
    const sub = vscode.window.onDidOpenTerminal((t) => {
      sub.dispose();
      resolve(t);
    });
  });
}

/**
 * The lines a terminal shows once one contains `expected`, read the way a user copies them (in a
 * test run the workbench's clipboard is in memory). Nothing announces terminal output, so this polls.
 */
async function terminalLines(terminal: vscode.Terminal, expected: string): Promise<string[]> {
  let text = '';
  terminal.show(false);
  await pollUntil(
    async () => {
      await vscode.commands.executeCommand('workbench.action.terminal.selectAll');
      await vscode.commands.executeCommand('workbench.action.terminal.copySelection');
      text = await vscode.env.clipboard.readText();
      return text.includes(expected);
    },
    () => `"${expected}" in the terminal ${terminal.name} (it shows ${JSON.stringify(text)})`,
  );
  await vscode.commands.executeCommand('workbench.action.terminal.clearSelection');
  return text
    .split('\n')
    .map((l) => l.trimEnd())
    .filter(Boolean);
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

  test('Follow Logs streams a pod log into a terminal', async () => {
    const target = await podNode('web-7d9c5b-x2x4q');
    for (const [i, path] of ['/', '/healthz', '/api/cart'].entries())
      server.appendLog(NS, 'web-7d9c5b-x2x4q', 'app', `10.244.0.${7 + i} - "GET ${path} HTTP/1.1" 200 ${512 + i * 97}`);
    const opened = nextTerminal();
    const following = new Promise<void>((resolve) => server.events.once('log-follow', () => resolve()));
    await vscode.commands.executeCommand('shipshape.followLogs', target, 'tail');
    const terminal = await opened;
    assert.equal(terminal.name, 'logs: Pod/web-7d9c5b-x2x4q');
    // Lines written while following arrive too, after the ones that were there.
    await following;
    server.appendLog(NS, 'web-7d9c5b-x2x4q', 'app', 'cart: checkout completed order=4711 total=42.50 EUR');
    assert.deepEqual(await terminalLines(terminal, 'order=4711'), [
      '[web-7d9c5b-x2x4q/app] 10.244.0.7 - "GET / HTTP/1.1" 200 512',
      '[web-7d9c5b-x2x4q/app] 10.244.0.8 - "GET /healthz HTTP/1.1" 200 609',
      '[web-7d9c5b-x2x4q/app] 10.244.0.9 - "GET /api/cart HTTP/1.1" 200 706',
      '[web-7d9c5b-x2x4q/app] cart: checkout completed order=4711 total=42.50 EUR',
    ]);
    await screenshot('log-stream', '.terminal-wrapper.active', { mustShow: true });
  });

  test('Follow Logs from the menu asks how to follow', async function () {
    // The launcher's wait for the quick pick's DOM is the only signal that it is open.
    if (!process.env.SCREENSHOT_DIR) this.skip();
    const target = await podNode('cache-0');
    server.appendLog(NS, 'cache-0', 'app', 'Ready to accept connections tcp');
    const opened = nextTerminal();
    const done = vscode.commands.executeCommand('shipshape.followLogs', target);
    await screenshot('log-options', '.quick-input-widget .monaco-list-row:has-text("Follow (last 100 lines)")', { mustShow: true });
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await done;
    const terminal = await opened;
    assert.equal(terminal.name, 'logs: Pod/cache-0');
    assert.deepEqual(await terminalLines(terminal, 'Ready'), ['[cache-0/app] Ready to accept connections tcp']);
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
