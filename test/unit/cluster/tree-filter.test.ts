import * as assert from 'node:assert/strict';
import { parseFilter } from '../../../client/src/cluster/filter';
import { isProblem, loadKubeconfig } from '../../../client/src/cluster/kubeconfig';
import { ClusterTree, type TreeNode } from '../../../client/src/cluster/tree';
import { pod, useCluster } from './env';

function find(nodes: TreeNode[], label: string): TreeNode {
  const n = nodes.find((x) => x.view.label === label);
  assert.ok(n, `no node ${label} among ${nodes.map((x) => x.view.label).join(', ')}`);
  return n;
}

describe('cluster/tree: all namespaces and filters', () => {
  const cluster = useCluster();
  let tree: ClusterTree;
  beforeEach(() => {
    const loaded = loadKubeconfig({ setting: cluster.kubeconfig });
    assert.ok(!isProblem(loaded));
    tree = new ClusterTree(loaded.kc, { filters: new Map() });
    cluster.defer(() => tree.dispose());
    for (const ns of ['default', 'shop']) cluster.server.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    cluster.server.put(pod('web-1', { labels: { app: 'web' } }));
    cluster.server.put(pod('api-1', { namespace: 'shop', labels: { app: 'api' } }));
    cluster.server.put(
      pod('web-2', {
        namespace: 'shop',
        labels: { app: 'web' },
        status: {
          phase: 'Running',
          containerStatuses: [{ name: 'app', ready: false, restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } } }],
        },
      }),
    );
  });

  async function podsUnder(label: string): Promise<TreeNode> {
    const top = await tree.roots()[0].children!();
    return find(await find(top, label).children!(), 'Pods');
  }

  it('"All namespaces" lists every namespace\'s objects from one cluster-wide list, naming the namespace', async () => {
    const top = await tree.roots()[0].children!();
    assert.deepEqual(
      top.map((n) => [n.view.label, n.view.contextValue]),
      [
        ['All namespaces', 'allNamespaces'],
        ['default', 'namespace'],
        ['shop', 'namespace'],
      ],
    );
    const kinds = await find(top, 'All namespaces').children!();
    assert.ok(!kinds.some((k) => k.view.label === 'Helm releases'));
    const pods = await find(kinds, 'Pods').children!();
    assert.deepEqual(
      pods.map((p) => [p.view.id, p.view.description, p.ref?.namespace]),
      [
        ['obj:test/*/default//pods/web-1', 'default · Running 1/1', 'default'],
        ['obj:test/*/shop//pods/api-1', 'shop · Running 1/1', 'shop'],
        ['obj:test/*/shop//pods/web-2', 'shop · CrashLoopBackOff 0/1 ↻4', 'shop'],
      ],
    );
    assert.ok(cluster.server.requests.some((r) => r.path === '/api/v1/pods' && !r.query.has('watch')));
  });

  it('a filter sends its label selector to the server, keeps matching names and statuses, and shows itself on the node', async () => {
    const node = await podsUnder('All namespaces');
    await node.children!();
    tree.setFilter(node, parseFilter('app=web is:restarting'));
    assert.equal(node.view.description, 'filter: app=web is:restarting');
    assert.equal(node.view.contextValue, 'kind.Pod.filtered');
    assert.deepEqual(
      (await node.children!()).map((p) => p.view.label),
      ['web-2'],
    );
    const list = cluster.server.requests.filter((r) => r.path === '/api/v1/pods' && !r.query.has('watch')).at(-1)!;
    assert.equal(list.query.get('labelSelector'), 'app=web');

    tree.setFilter(node, parseFilter('WEB'));
    assert.deepEqual(
      (await node.children!()).map((p) => p.view.label),
      ['web-1', 'web-2'],
    );
    tree.setFilter(node, parseFilter('nothing-like-this'));
    assert.deepEqual(
      (await node.children!()).map((p) => [p.view.label, p.view.description, p.view.contextValue]),
      [['Nothing matches the filter "nothing-like-this"', '3 hidden', 'message']],
    );
    tree.setFilter(node, undefined);
    assert.equal(node.view.description, undefined);
    assert.equal(node.view.contextValue, 'kind.Pod');
    assert.equal((await node.children!()).length, 3);
  });

  it('filters are kept per list node, and a rebuilt tree shows them from the shared map', async () => {
    const filters = new Map();
    const loaded = loadKubeconfig({ setting: cluster.kubeconfig });
    assert.ok(!isProblem(loaded));
    const first = new ClusterTree(loaded.kc, { filters });
    cluster.defer(() => first.dispose());
    const shop = find(await find(await first.roots()[0].children!(), 'shop').children!(), 'Pods');
    first.setFilter(shop, parseFilter('is:not-ready'));
    const defaultPods = find(await find(await first.roots()[0].children!(), 'default').children!(), 'Pods');
    assert.equal(defaultPods.view.description, undefined);
    assert.equal((await defaultPods.children!()).length, 1);

    const second = new ClusterTree(loaded.kc, { filters });
    cluster.defer(() => second.dispose());
    const again = find(await find(await second.roots()[0].children!(), 'shop').children!(), 'Pods');
    assert.equal(again.view.description, 'filter: is:not-ready');
    assert.deepEqual(
      (await again.children!()).map((p) => p.view.label),
      ['web-2'],
    );
  });
});
