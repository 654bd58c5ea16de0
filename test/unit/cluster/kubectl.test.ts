/**
 * Fidelity: the real `kubectl` talks to the test API server (TLS + bearer token) through a
 * generated kubeconfig. Skips when kubectl is not on PATH.
 *
 * Not covered by kubectl here, by design: `kubectl port-forward` (1.31+) tunnels SPDY over a
 * WebSocket (`SPDY/3.1+portforward.k8s.io`) or uses plain SPDY upgrades; the test server speaks
 * only the WebSocket channel protocol (`v4.channel.k8s.io`), which is what client-node and
 * Shipshape use, so that path is proven by the port-forward tests instead. `kubectl exec` speaks
 * `v5.channel.k8s.io` over WebSocket, which the server does offer (tested below).
 */
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import { pod, useCluster } from './env';
import { useKubectl, type KubectlResult } from './kubectl-runner';

describe('test API server fidelity: real kubectl', function () {
  const cluster = useCluster();
  const { env, run } = useKubectl(cluster);
  const kubectl = (...args: string[]): Promise<KubectlResult> => run(args);
  /** Starts kubectl and resolves with it once its stdout contains `until`. */
  function kubectlUntil(
    args: string[],
    until: (out: string) => boolean,
  ): { child: ChildProcessWithoutNullStreams; out: () => string; wait: (p: (o: string) => boolean) => Promise<void> } {
    const child = spawn('kubectl', args, { env: env() });
    cluster.defer(() => child.kill());
    let out = '';
    const waiters: (() => void)[] = [];
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      waiters.splice(0).forEach((w) => w());
    });
    const wait = async (p: (o: string) => boolean): Promise<void> => {
      while (!p(out)) await new Promise<void>((r) => waiters.push(r));
    };
    void wait(until);
    return { child, out: () => out, wait };
  }

  it('kubectl get lists (names, JSON, table, paged with --chunk-size)', async () => {
    for (let i = 0; i < 5; i++) cluster.server.put(pod(`web-${i}`));
    const names = await kubectl('get', 'pods', '-o', 'name', '--chunk-size=2');
    assert.equal(names.status, 0, names.stderr);
    assert.equal(names.stdout, ['web-0', 'web-1', 'web-2', 'web-3', 'web-4'].map((n) => `pod/${n}\n`).join(''));
    assert.ok(cluster.server.requests.some((r) => r.query.get('limit') === '2' && r.query.has('continue')));
    const json = await kubectl('get', 'deployments.apps', '-A', '-o', 'json');
    assert.equal(json.status, 0, json.stderr);
    assert.equal((JSON.parse(json.stdout) as { items: unknown[] }).items.length, 0);
    const table = await kubectl('get', 'pods');
    assert.equal(table.status, 0, table.stderr);
    assert.match(table.stdout, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\nweb-0\s+1\/1\s+Running\s+0\s+/);
  });

  it('kubectl get -w sees live changes through the watch stream', async () => {
    cluster.server.put(pod('a'));
    const w = kubectlUntil(['get', 'pods', '-w', '-o', 'name'], (o) => o.includes('pod/a'));
    await w.wait((o) => o.includes('pod/a'));
    await cluster.server.waitForRequest(/watch=(1|true)/);
    cluster.server.put(pod('b'));
    await w.wait((o) => o.includes('pod/b'));
    assert.deepEqual(w.out().trim().split('\n'), ['pod/a', 'pod/b']);
  });

  it('kubectl logs -f follows the log', async () => {
    cluster.server.put(pod('web'));
    cluster.server.appendLog('default', 'web', 'app', 'first');
    const l = kubectlUntil(['logs', '-f', 'web'], (o) => o.includes('first'));
    await l.wait((o) => o.includes('first'));
    await new Promise<void>((r) => (cluster.server.openLogFollows > 0 ? r() : cluster.server.events.once('log-follow', () => r())));
    cluster.server.appendLog('default', 'web', 'app', 'second');
    await l.wait((o) => o.includes('second'));
    cluster.server.endLog('default', 'web', 'app');
    const code = await new Promise<number | null>((r) => l.child.on('exit', r));
    assert.equal(code, 0);
    assert.equal(l.out(), 'first\nsecond\n');
  });

  it('kubectl logs --previous, --tail, --timestamps', async () => {
    cluster.server.put(pod('web'));
    cluster.server.appendLog('default', 'web', 'app', 'crashed');
    cluster.server.restartContainer('default', 'web', 'app');
    for (const t of ['x', 'y', 'z']) cluster.server.appendLog('default', 'web', 'app', t);
    assert.equal((await kubectl('logs', 'web', '--previous')).stdout, 'crashed\n');
    assert.equal((await kubectl('logs', 'web', '--tail=2')).stdout, 'y\nz\n');
    assert.match((await kubectl('logs', 'web', '--tail=1', '--timestamps')).stdout, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z z\n$/);
  });

  it('kubectl logs --since and --since-time send sinceSeconds and sinceTime, as Shipshape does', async () => {
    cluster.server.put(pod('web'));
    const now = BigInt(Date.now()) * 1_000_000n;
    const min = 60_000_000_000n;
    cluster.server.appendLog('default', 'web', 'app', 'two hours ago', now - 120n * min);
    cluster.server.appendLog('default', 'web', 'app', 'ten minutes ago', now - 10n * min);
    cluster.server.appendLog('default', 'web', 'app', 'a minute ago', now - min);
    const since = await kubectl('logs', 'web', '--since=5m');
    assert.equal(since.stdout, 'a minute ago\n', since.stderr);
    assert.ok(cluster.server.requests.some((r) => r.path.endsWith('/pods/web/log') && r.query.get('sinceSeconds') === '300'));
    const hour = await kubectl('logs', 'web', '--since=1h', '--timestamps');
    assert.match(hour.stdout, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z ten minutes ago\n\S+ a minute ago\n$/, hour.stderr);
    const at = new Date(Number((now - 15n * min) / 1_000_000n)).toISOString().replace(/\.\d+Z$/, 'Z');
    const sinceTime = await kubectl('logs', 'web', `--since-time=${at}`);
    assert.equal(sinceTime.stdout, 'ten minutes ago\na minute ago\n', sinceTime.stderr);
    assert.ok(cluster.server.requests.some((r) => r.query.get('sinceTime') === at));
  });

  it('kubectl get events --watch and kubectl events (--for, --types) see what the event streams see', async () => {
    const event = (name: string, obj: string, type: string, reason: string): void => {
      cluster.server.put({
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace: 'default' },
        involvedObject: { apiVersion: 'v1', kind: 'Pod', name: obj, namespace: 'default' },
        type,
        reason,
        message: `${reason} ${obj}`,
        lastTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      });
    };
    cluster.server.put(pod('web'));
    cluster.server.put(pod('db'));
    event('e1', 'web', 'Normal', 'Pulled');
    event('e2', 'db', 'Warning', 'BackOff');
    const w = kubectlUntil(['get', 'events', '--watch', '-o', 'name'], (o) => o.includes('event/e2'));
    await w.wait((o) => o.includes('event/e1') && o.includes('event/e2'));
    await cluster.server.waitForRequest(/\/namespaces\/default\/events\?.*watch=(1|true)/);
    event('e3', 'web', 'Warning', 'Unhealthy');
    await w.wait((o) => o.includes('event/e3'));
    assert.deepEqual(w.out().trim().split('\n').sort(), ['event/e1', 'event/e2', 'event/e3']);
    const all = await kubectl('events');
    assert.equal(all.status, 0, all.stderr);
    assert.match(all.stdout, /^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE\n/);
    assert.equal(all.stdout.trim().split('\n').length, 4, all.stdout);
    const forWeb = await kubectl('events', '--for', 'pod/web', '--types=Warning');
    assert.equal(forWeb.status, 0, forWeb.stderr);
    assert.deepEqual(
      forWeb.stdout
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(/\s+/).slice(-4)),
      [['Unhealthy', 'Pod/web', 'Unhealthy', 'web']],
    );
    assert.ok(
      cluster.server.requests.some((r) => r.query.get('fieldSelector')?.includes('involvedObject.name=web')),
      'kubectl events --for asks the server with a field selector',
    );
  });

  it('kubectl exec runs a command over the WebSocket exec protocol', async () => {
    cluster.server.put(pod('web'));
    const r = await kubectl('exec', 'web', '--', 'echo', 'hello', 'world');
    assert.equal(r.stdout, 'hello world\n', r.stderr);
    assert.equal(r.status, 0);
    const failed = await kubectl('exec', 'web', '--', 'sh', '-c', 'exit 3');
    assert.equal(failed.status, 3, failed.stderr);
  });

  it('kubectl addresses cluster-scoped kinds without a namespace; a namespaced URL for one is 404', async () => {
    cluster.server.put({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'standard' } });
    cluster.server.put({ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx' } });
    const sc = await kubectl('get', 'storageclasses', '-n', 'default', '-o', 'name');
    assert.equal(sc.status, 0, sc.stderr);
    assert.equal(sc.stdout, 'storageclass.storage.k8s.io/standard\n');
    assert.ok(cluster.server.requests.some((r) => r.path === '/apis/storage.k8s.io/v1/storageclasses'));
    const ic = await kubectl('get', 'ingressclass', 'nginx', '-o', 'name');
    assert.equal(ic.stdout, 'ingressclass.networking.k8s.io/nginx\n', ic.stderr);
    const raw = await kubectl('get', '--raw', '/apis/storage.k8s.io/v1/namespaces/default/storageclasses/standard');
    assert.notEqual(raw.status, 0);
    assert.match(raw.stderr, /NotFound|could not find the requested resource/);
  });

  it('kubectl -l with set-based selectors (in, notin, !key) selects as a real server does', async () => {
    cluster.server.put(pod('fe', { labels: { tier: 'fe' } }));
    cluster.server.put(pod('be', { labels: { tier: 'be', env: 'dev' } }));
    cluster.server.put(pod('canary', { labels: { tier: 'fe', canary: 'true' } }));
    cluster.server.put(pod('db', { labels: { tier: 'db' } }));
    cluster.server.put(pod('prod', { labels: { tier: 'be', env: 'prod' } }));
    const r = await kubectl('get', 'pods', '-l', 'tier in (fe,be),!canary,env notin (prod)', '-o', 'name');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'pod/be\npod/fe\n');
  });

  it('kubectl delete --dry-run=server deletes nothing (DeleteOptions in the body)', async () => {
    cluster.server.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'keep', namespace: 'default' } });
    const r = await kubectl('delete', 'configmap', 'keep', '--dry-run=server');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /configmap "keep" deleted \(server dry run\)/);
    assert.ok(cluster.server.get('v1', 'ConfigMap', 'default', 'keep'));
  });

  it('kubectl set image on a ReplicationController patches the container as Shipshape does', async () => {
    cluster.server.put({
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'legacy', namespace: 'default' },
      spec: {
        selector: { app: 'legacy' },
        template: {
          metadata: { labels: { app: 'legacy' } },
          spec: {
            containers: [
              { name: 'app', image: 'example/app:1' },
              { name: 'proxy', image: 'example/proxy:1' },
            ],
          },
        },
      },
    });
    const r = await kubectl('set', 'image', 'rc/legacy', 'app=example/app:2');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /replicationcontroller\/legacy image updated/);
    const spec = (
      cluster.server.get('v1', 'ReplicationController', 'default', 'legacy') as unknown as { spec: { template: { spec: unknown } } }
    ).spec.template.spec;
    assert.deepEqual(spec, {
      containers: [
        { name: 'app', image: 'example/app:2' },
        { name: 'proxy', image: 'example/proxy:1' },
      ],
    });
  });

  it('kubectl is told 401 for a wrong token', async () => {
    const cfg = JSON.parse(fs.readFileSync(cluster.kubeconfig, 'utf8')) as { users: { user: { token: string } }[] };
    cfg.users[0].user.token = 'wrong';
    fs.writeFileSync(cluster.kubeconfig, JSON.stringify(cfg));
    const r = await kubectl('get', 'pods');
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /Unauthorized|must be logged in/);
  });
});
