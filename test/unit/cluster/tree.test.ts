import * as assert from 'node:assert/strict';
import { isProblem, loadKubeconfig } from '../../../client/src/cluster/kubeconfig';
import { ClusterTree, revealSecretValue, type TreeNode } from '../../../client/src/cluster/tree';
import { helmSecret, pod, useCluster } from './env';

async function child(nodes: TreeNode[], label: string): Promise<TreeNode[]> {
  const n = nodes.find((x) => x.view.label === label);
  assert.ok(n, `no node ${label} among ${nodes.map((x) => x.view.label).join(', ')}`);
  return n.children!();
}

describe('cluster/tree: explorer content', () => {
  const cluster = useCluster();
  let tree: ClusterTree;
  beforeEach(() => {
    const loaded = loadKubeconfig({ setting: cluster.kubeconfig });
    assert.ok(!isProblem(loaded));
    tree = new ClusterTree(loaded.kc, { maxItems: 3, pageSize: 2 });
    cluster.defer(() => tree.dispose());
  });

  async function namespaceKinds(ns = 'default'): Promise<TreeNode[]> {
    const namespaces = await tree.roots()[0].children!();
    return child(namespaces, ns);
  }

  it('contexts → namespaces → kinds → objects, with pod status and workload ready counts', async () => {
    cluster.server.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
    cluster.server.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system' } });
    cluster.server.put(pod('web-1', { labels: { app: 'web' } }));
    cluster.server.put(
      pod('web-2', {
        labels: { app: 'web' },
        status: {
          phase: 'Running',
          containerStatuses: [
            {
              name: 'app',
              restartCount: 5,
              state: { waiting: { reason: 'CrashLoopBackOff' } },
              lastState: { terminated: { reason: 'OOMKilled', exitCode: 137 } },
            },
          ],
        },
      }),
    );
    cluster.server.put({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } } },
      status: { readyReplicas: 1 },
    });
    const roots = tree.roots();
    assert.deepEqual(
      roots.map((r) => [r.view.label, r.view.description]),
      [['test', `(current) ${cluster.server.url}`]],
    );
    assert.deepEqual(
      (await roots[0].children!()).map((n) => n.view.label),
      ['All namespaces', 'default', 'kube-system'],
    );
    const kinds = await namespaceKinds();
    assert.deepEqual(
      kinds.slice(0, 7).map((k) => k.view.label),
      ['Deployments', 'StatefulSets', 'DaemonSets', 'ReplicaSets', 'Jobs', 'CronJobs', 'Pods'],
    );
    const pods = await child(kinds, 'Pods');
    assert.deepEqual(
      pods.map((p) => [p.view.label, p.view.description, p.view.icon]),
      [
        ['web-1', 'Running 1/1', 'pass'],
        ['web-2', 'OOMKilled 0/1 ↻5', 'error'],
      ],
    );
    const containers = await pods[1].children!();
    assert.deepEqual(
      containers.map((c) => [c.view.label, c.view.description]),
      [['app', 'waiting: CrashLoopBackOff · 5 restarts · last: OOMKilled, exit 137']],
    );
    const deployments = await child(kinds, 'Deployments');
    assert.deepEqual(
      deployments.map((d) => [d.view.label, d.view.description, d.view.icon]),
      [['web', '1/2', 'warning']],
    );
    assert.deepEqual(
      (await deployments[0].children!()).map((p) => p.view.label),
      ['web-1', 'web-2'],
    );
  });

  it('updates live: a watch event asks for a redraw and the children reflect it', async () => {
    cluster.server.put(pod('a'));
    const kinds = await namespaceKinds();
    const podsNode = kinds.find((k) => k.view.label === 'Pods')!;
    assert.deepEqual(
      (await podsNode.children!()).map((p) => p.view.label),
      ['a'],
    );
    await cluster.server.waitForRequest(/\/pods\?.*watch=1/);
    const redraw = new Promise<TreeNode | undefined>((r) => tree.onChange(r));
    cluster.server.put(pod('b', { status: { phase: 'Pending' } }));
    assert.equal(await redraw, podsNode);
    assert.deepEqual(
      (await podsNode.children!()).map((p) => [p.view.label, p.view.description]),
      [
        ['a', 'Running 1/1'],
        ['b', 'Pending 1/1'],
      ],
    );
  });

  it('summarises objects beyond maxItems', async () => {
    for (let i = 0; i < 5; i++)
      cluster.server.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: 'default' } });
    const cms = await child(await namespaceKinds(), 'ConfigMaps');
    assert.deepEqual(
      cms.map((c) => c.view.label),
      ['cm-0', 'cm-1', 'cm-2', '… 2 more configmaps not shown'],
    );
  });

  it('never shows Secret values unless revealed', async () => {
    cluster.server.put({
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: { name: 'db', namespace: 'default' },
      data: { password: Buffer.from('hunter2').toString('base64') },
    });
    const secrets = await child(await namespaceKinds(), 'Secrets');
    assert.equal(secrets[0].view.description, 'Opaque · 1 key');
    const keys = await secrets[0].children!();
    assert.deepEqual(
      keys.map((k) => [k.view.label, k.view.description, k.view.contextValue]),
      [['password', '•••••• (hidden; use Reveal)', 'secretKey']],
    );
    const everything = JSON.stringify([secrets.map((s) => ({ ...s.view, ref: s.ref })), keys.map((k) => ({ ...k.view, ref: k.ref }))]);
    assert.doesNotMatch(everything, /hunter2|aHVudGVyMg/);
    assert.equal(await revealSecretValue(tree.api('test'), 'default', 'db', 'password'), 'hunter2');
  });

  it('lists Helm releases decoded from their Secrets', async () => {
    cluster.server.put(helmSecret('web', 1, 'superseded'));
    cluster.server.put(helmSecret('web', 2, 'deployed'));
    const releases = await child(await namespaceKinds(), 'Helm releases');
    assert.deepEqual(
      releases.map((r) => [r.view.label, r.view.description]),
      [['web', 'nginx-1.2.3 · rev 2 · deployed']],
    );
  });

  it('lists what discovery lists under Custom resources, *.k8s.io groups and cluster-scoped kinds included', async () => {
    const crd = (group: string, version: string, kind: string, plural: string, namespaced: boolean): void =>
      cluster.server.addType({ group, version, kind, plural, singular: kind.toLowerCase(), namespaced });
    crd('cert-manager.io', 'v1', 'Certificate', 'certificates', true);
    crd('cert-manager.io', 'v1', 'ClusterIssuer', 'clusterissuers', false);
    crd('gateway.networking.k8s.io', 'v1', 'HTTPRoute', 'httproutes', true);
    crd('snapshot.storage.k8s.io', 'v1', 'VolumeSnapshot', 'volumesnapshots', true);
    cluster.server.put({ apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'tls', namespace: 'default' } });
    cluster.server.put({ apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'letsencrypt' } });
    const groups = await child(await namespaceKinds(), 'Custom resources');
    assert.deepEqual(
      groups.map((g) => g.view.label),
      ['cert-manager.io', 'gateway.networking.k8s.io', 'snapshot.storage.k8s.io'],
    );
    const kinds = await groups[0].children!();
    assert.deepEqual(
      kinds.map((k) => [k.view.label, k.view.description]),
      [
        ['Certificate', undefined],
        ['ClusterIssuer', 'cluster-scoped'],
      ],
    );
    assert.deepEqual(
      (await kinds[0].children!()).map((o) => o.view.label),
      ['tls'],
    );
    assert.deepEqual(
      (await kinds[1].children!()).map((o) => o.view.label),
      ['letsencrypt'],
    );
    assert.ok(cluster.server.requests.some((r) => r.path === '/apis/cert-manager.io/v1/clusterissuers'));
  });

  it("lists a workload's pods server-side with its own selector, set-based terms included", async () => {
    // Five other pods fill the capped (3) Pods list before the workload's pods come.
    for (let i = 0; i < 5; i++) cluster.server.put(pod(`a-${i}`, { labels: { app: 'other' } }));
    cluster.server.put(pod('web-1', { labels: { app: 'web', tier: 'fe' } }));
    cluster.server.put(pod('web-2', { labels: { app: 'web', tier: 'be' } }));
    cluster.server.put(pod('web-canary', { labels: { app: 'web', tier: 'fe', canary: 'true' } }));
    cluster.server.put(pod('web-db', { labels: { app: 'web', tier: 'db' } }));
    cluster.server.put({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 2,
        selector: {
          matchLabels: { app: 'web' },
          matchExpressions: [
            { key: 'tier', operator: 'In', values: ['fe', 'be'] },
            { key: 'canary', operator: 'DoesNotExist' },
          ],
        },
      },
      status: { readyReplicas: 2 },
    });
    const deployments = await child(await namespaceKinds(), 'Deployments');
    assert.deepEqual(
      (await child(deployments, 'web')).map((p) => p.view.label),
      ['web-1', 'web-2'],
    );
    const asked = cluster.server.requests.find((r) => r.path === '/api/v1/namespaces/default/pods' && r.query.has('labelSelector'));
    assert.equal(asked?.query.get('labelSelector'), 'app=web,tier in (fe,be),!canary');
  });

  it('keeps a capped list live and pages on from the "N more" node', async () => {
    for (let i = 0; i < 5; i++) cluster.server.put(pod(`p${i}`));
    const kinds = await namespaceKinds();
    const podsNode = kinds.find((k) => k.view.label === 'Pods')!;
    const first = await podsNode.children!();
    assert.deepEqual(
      first.map((n) => [n.view.label, n.view.contextValue]),
      [
        ['p0', 'object.Pod'],
        ['p1', 'object.Pod'],
        ['p2', 'object.Pod'],
        ['… 2 more pods not shown', 'more'],
      ],
    );
    assert.equal(first[3].view.command, 'shipshape.explorer.loadMore');
    const c = tree.collection('test', 'default', {
      group: '',
      version: 'v1',
      kind: 'Pod',
      plural: 'pods',
      namespaced: true,
      title: 'Pods',
    });
    await cluster.server.waitForRequest(/watch=1/);
    const modified = c.next((e) => e.type === 'MODIFIED');
    cluster.server.put(pod('p1', { status: { phase: 'Failed', reason: 'Evicted' } }));
    await modified;
    assert.equal((await podsNode.children!())[1].view.description, 'Evicted 1/1');
    // Off the shown page: p3 goes, p5 comes; the next page reflects both.
    const p3gone = c.next((e) => e.type === 'offpage' && e.object.metadata.name === 'p3');
    cluster.server.remove('v1', 'Pod', 'default', 'p3');
    await p3gone;
    const p5came = c.next((e) => e.type === 'offpage' && e.object.metadata.name === 'p5');
    cluster.server.put(pod('p5'));
    await p5came;
    const relisted = c.next((e) => e.type === 'relisted');
    await tree.loadMore(first[3]);
    await relisted;
    assert.deepEqual(
      (await podsNode.children!()).map((n) => n.view.label),
      ['p0', 'p1', 'p2', 'p4', 'p5'],
    );
    const pages = cluster.server.requests.filter((r) => r.path === '/api/v1/namespaces/default/pods' && !r.query.has('watch'));
    assert.ok(pages.some((r) => r.query.has('continue')));
  });

  it('filters a kind node by part of the name, pages on through the matches, stays live, and clears', async () => {
    for (const n of ['api-1', 'api-2', 'db-1', 'web-1', 'web-2', 'web-3', 'web-4']) cluster.server.put(pod(n));
    const podsNode = (await namespaceKinds()).find((k) => k.view.label === 'Pods')!;
    tree.setNameFilter(podsNode, 'web');
    assert.equal(tree.nameFilterOf(podsNode), 'web');
    assert.equal(podsNode.view.description, 'name contains "web"');
    const first = await podsNode.children!();
    // Pages of 2: none, then web-1, then web-2 and web-3 reach the cap of 3 with a page still to come.
    assert.deepEqual(
      first.map((n) => [n.view.label, n.view.contextValue]),
      [
        ['web-1', 'object.Pod'],
        ['web-2', 'object.Pod'],
        ['web-3', 'object.Pod'],
        ['… more pods may match', 'more'],
      ],
    );
    const lists = cluster.server.requests.filter((r) => r.path === '/api/v1/namespaces/default/pods' && !r.query.has('watch'));
    assert.deepEqual(
      lists.map((r) => [r.query.get('limit'), r.query.has('continue')]),
      [
        ['2', false],
        ['2', true],
        ['2', true],
      ],
    );
    const c = tree.collection(
      'test',
      'default',
      { group: '', version: 'v1', kind: 'Pod', plural: 'pods', namespaced: true, title: 'Pods' },
      podsNode,
    );
    await cluster.server.waitForRequest(/pods\?.*watch=1/);
    const modified = c.next((e) => e.type === 'MODIFIED');
    cluster.server.put(pod('api-1', { status: { phase: 'Failed' } }));
    cluster.server.put(pod('web-2', { status: { phase: 'Failed', reason: 'Evicted' } }));
    const ev = await modified;
    assert.ok(ev.type === 'MODIFIED' && ev.object.metadata.name === 'web-2', 'a pod the filter hides is not an event');
    assert.equal((await podsNode.children!())[1].view.description, 'Evicted 1/1');
    const offpage = c.next((e) => e.type === 'offpage');
    cluster.server.put(pod('web-5'));
    await offpage;
    const relisted = c.next((e) => e.type === 'relisted');
    await tree.loadMore(first[3]);
    await relisted;
    assert.deepEqual(
      (await podsNode.children!()).map((n) => n.view.label),
      ['web-1', 'web-2', 'web-3', 'web-4', 'web-5'],
    );
    tree.setNameFilter(podsNode, 'zzz');
    assert.deepEqual(
      (await podsNode.children!()).map((n) => [n.view.label, n.view.contextValue]),
      [['No pods whose name contains "zzz"', 'message']],
    );
    tree.setNameFilter(podsNode, undefined);
    assert.equal(podsNode.view.description, undefined);
    assert.deepEqual(
      (await podsNode.children!()).map((n) => n.view.label),
      ['api-1', 'api-2', 'db-1', '… 5 more pods not shown'],
    );
  });

  it("filters a workload's pods by name", async () => {
    cluster.server.put(pod('web-a1', { labels: { app: 'web' } }));
    cluster.server.put(pod('web-b1', { labels: { app: 'web' } }));
    cluster.server.put(pod('web-a2', { labels: { app: 'web' } }));
    cluster.server.put({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } } },
      status: { replicas: 3, readyReplicas: 3 },
    });
    const web = (await child(await namespaceKinds(), 'Deployments')).find((n) => n.view.label === 'web')!;
    tree.setNameFilter(web, '-a');
    assert.equal(web.view.description, '3/3 · name contains "-a"');
    assert.deepEqual(
      (await web.children!()).map((n) => n.view.label),
      ['web-a1', 'web-a2'],
    );
    const asked = cluster.server.requests.filter((r) => r.path === '/api/v1/namespaces/default/pods' && r.query.has('labelSelector'));
    assert.equal(asked.at(-1)?.query.get('labelSelector'), 'app=web');
  });

  it('shows a failing watch on the list node itself, honouring Retry-After, and clears it when the watch recovers', async () => {
    cluster.server.put(pod('a'));
    const podsNode = (await namespaceKinds()).find((k) => k.view.label === 'Pods')!;
    assert.deepEqual(
      (await podsNode.children!()).map((n) => n.view.label),
      ['a'],
    );
    await cluster.server.waitForRequest(/pods\?.*watch=1/);
    const drawn = (): Promise<void> =>
      new Promise<void>((r) => {
        const off = tree.onChange((n) => n === podsNode && (off(), r()));
      });
    cluster.server.addFault({
      match: /pods\?.*watch=1/,
      action: { kind: 'status', code: 500, message: 'etcdserver: leader changed', retryAfter: 2 },
    });
    let redrawn = drawn();
    cluster.server.dropWatches();
    await redrawn;
    assert.equal(podsNode.view.description, 'watch failing: 500 … retrying in 2 s');
    assert.equal(
      podsNode.view.tooltip,
      `The API server (${cluster.server.url}) failed (500): etcdserver: leader changed\nRetrying; if it persists, check the cluster health.`,
    );
    // The objects stay listed while the watch fails, with no extra message node among them.
    assert.deepEqual(
      (await podsNode.children!()).map((n) => n.view.label),
      ['a'],
    );
    redrawn = drawn();
    await redrawn;
    assert.equal(podsNode.view.description, undefined);
    assert.equal(podsNode.view.tooltip, undefined);
    const watches = cluster.server.requests.filter((r) => r.path === '/api/v1/namespaces/default/pods' && r.query.has('watch'));
    assert.equal(watches.length, 3);
  });

  it('shows a message node (not a spinner) when the cluster fails', async () => {
    cluster.server.forbid(/\/api\/v1\/namespaces\/default\/pods/);
    const pods = await child(await namespaceKinds(), 'Pods');
    assert.equal(pods.length, 1);
    assert.equal(pods[0].view.contextValue, 'message');
    assert.match(pods[0].view.label, /^Forbidden: /);
    assert.match(pods[0].view.description!, /RBAC/);
  });

  it('shows the kubeconfig problem as the only root', () => {
    const r = loadKubeconfig({ setting: '/nonexistent/kubeconfig' });
    assert.ok(isProblem(r));
    const t = new ClusterTree(r);
    assert.deepEqual(
      t.roots().map((n) => [n.view.label, n.view.contextValue]),
      [['The kubeconfig file /nonexistent/kubeconfig (shipshape.kubeconfig) does not exist.', 'message']],
    );
  });
});
