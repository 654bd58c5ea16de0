/**
 * The explorer's tree under faults, driven against the test API server: a hundred connection
 * resets mid-watch, a watch that stops sending, throttling and server errors with `Retry-After`,
 * and a 20,000-pod namespace. Each test waits for the tree to converge to the server's state and
 * asserts what the list node says meanwhile; none asserts on time.
 */
import * as assert from 'node:assert/strict';
import { isProblem, loadKubeconfig } from '../../../client/src/cluster/kubeconfig';
import { BUILTIN_KINDS } from '../../../client/src/cluster/kinds';
import { ClusterTree, type TreeNode, type TreeOptions } from '../../../client/src/cluster/tree';
import { pod, useCluster, type ClusterFixture } from './env';

const PODS = '/api/v1/namespaces/default/pods';
const POD_KIND = BUILTIN_KINDS.find((k) => k.kind === 'Pod')!;

/** A tree over the test cluster with its Pods node of namespace default. */
async function podsNodeOf(cluster: ClusterFixture, opts: TreeOptions): Promise<{ tree: ClusterTree; pods: TreeNode }> {
  const loaded = loadKubeconfig({ setting: cluster.kubeconfig });
  assert.ok(!isProblem(loaded));
  const tree = new ClusterTree(loaded.kc, opts);
  cluster.defer(() => tree.dispose());
  const namespaces = await tree.roots()[0].children!();
  const kinds = await namespaces.find((n) => n.view.label === 'default')!.children!();
  return { tree, pods: kinds.find((k) => k.view.label === 'Pods')! };
}

/** Resolves on the next redraw of `node` (or of everything). */
function redraw(tree: ClusterTree, node: TreeNode): { done: Promise<void>; cancel: () => void } {
  let off: () => unknown = () => undefined;
  const done = new Promise<void>((resolve) => {
    off = tree.onChange((n) => {
      if (n === node || n === undefined) {
        off();
        resolve();
      }
    });
  });
  return { done, cancel: () => void off() };
}

/** Waits, redraw by redraw, until `pred` holds. */
async function until(tree: ClusterTree, node: TreeNode, pred: () => Promise<boolean> | boolean): Promise<void> {
  for (;;) {
    const next = redraw(tree, node);
    if (await pred()) return next.cancel();
    await next.done;
  }
}

/** [name, description] of each child, as the tree shows them. */
async function shown(node: TreeNode): Promise<string[][]> {
  return (await node.children!()).map((n) => [n.view.label, n.view.description ?? '']);
}

/** What the tree should show for the server's pods in default. */
function expected(cluster: ClusterFixture, tree: ClusterTree): string[][] {
  return cluster.server
    .listObjects('v1', 'Pod', 'default')
    .map((o) => tree.objectNode('test', 'default', POD_KIND, o).view)
    .map((v) => [v.label, v.description ?? '']);
}

const watchCount = (cluster: ClusterFixture): number =>
  cluster.server.requests.filter((r) => r.path === PODS && r.query.has('watch')).length;

describe('cluster faults: the explorer tree', () => {
  const cluster = useCluster();
  const fast: TreeOptions = { watch: { backoffMs: 20, maxBackoffMs: 200 } };

  it('converges to the server after 100 connection resets mid-watch, with nothing duplicated or lost', async function () {
    this.timeout(240_000);
    for (let i = 0; i < 20; i++) cluster.server.put(pod(`seed-${String(i).padStart(2, '0')}`));
    const { tree, pods } = await podsNodeOf(cluster, fast);
    await until(tree, pods, async () => JSON.stringify(await shown(pods)) === JSON.stringify(expected(cluster, tree)));
    await cluster.server.waitForRequest(/pods\?.*watch=1/);
    for (let round = 0; round < 100; round++) {
      const before = watchCount(cluster);
      // The next watch is reset (TCP RST) after 1 to 3 events: before, between or after this round's changes.
      cluster.server.addFault({ match: /pods\?.*watch=1/, action: { kind: 'drop', afterLines: 1 + (round % 3), reset: true } });
      cluster.server.dropWatches();
      await cluster.server.waitForRequest(/pods\?.*watch=1/, before + 1);
      cluster.server.put(pod(`r${String(round).padStart(3, '0')}`));
      const seed = `seed-${String(round % 20).padStart(2, '0')}`;
      if (cluster.server.get('v1', 'Pod', 'default', seed)) {
        cluster.server.put(pod(seed, { status: { phase: round % 2 ? 'Failed' : 'Succeeded', reason: `round ${round}` } }));
      }
      if (round % 5 === 4) cluster.server.remove('v1', 'Pod', 'default', `r${String(round - 2).padStart(3, '0')}`);
      if (round % 25 === 24) cluster.server.remove('v1', 'Pod', 'default', seed);
      // Every tenth round, the tree must have caught up before the next reset.
      if (round % 10 === 9)
        await until(tree, pods, async () => JSON.stringify(await shown(pods)) === JSON.stringify(expected(cluster, tree)));
    }
    await until(tree, pods, async () => JSON.stringify(await shown(pods)) === JSON.stringify(expected(cluster, tree)));
    const now = await shown(pods);
    assert.equal(new Set(now.map(([name]) => name)).size, now.length, 'no pod shown twice');
    assert.equal(now.length, 20 - 4 + 100 - 20);
    assert.ok(watchCount(cluster) > 100, `each reset was followed by a new watch (${watchCount(cluster)} watches)`);
    // Resumed from the last version seen each time: a reset is no reason to list again.
    assert.equal(cluster.server.requests.filter((r) => r.path === PODS && !r.query.has('watch')).length, 1);
    assert.equal(pods.view.description, undefined);
  });

  it('notices a watch that stops sending, says so on the node, and catches up by listing again', async function () {
    this.timeout(120_000);
    cluster.server.put(pod('a'));
    const { tree, pods } = await podsNodeOf(cluster, {
      watch: { backoffMs: 20, maxBackoffMs: 200, watchTimeoutSeconds: 1, deadWatchGraceMs: 200 },
    });
    assert.deepEqual(await shown(pods), [['a', 'Running 1/1']]);
    await cluster.server.waitForRequest(/pods\?.*watch=1/);
    const before = watchCount(cluster);
    // The next watch answers 200 and then never sends a byte (a proxy that lost its upstream).
    cluster.server.addFault({
      match: /pods\?.*watch=1/,
      action: { kind: 'body', code: 200, body: '', contentType: 'application/json', stall: true },
    });
    cluster.server.dropWatches();
    await cluster.server.waitForRequest(/pods\?.*watch=1/, before + 1);
    // Meanwhile pods change and the history the watch would resume from is compacted away.
    cluster.server.put(pod('b'));
    cluster.server.remove('v1', 'Pod', 'default', 'a');
    cluster.server.compact();
    await until(tree, pods, () => /^watch failing: timeout … retrying in \d+ s$/.test(pods.view.description ?? ''));
    assert.match(
      pods.view.tooltip ?? '',
      /^The watch of \/api\/v1\/namespaces\/default\/pods stopped answering \(still open [12] s after it should have ended\); watching again\.\n/,
    );
    assert.deepEqual(await shown(pods), [['a', 'Running 1/1']], 'the last known state stays shown meanwhile');
    await until(tree, pods, async () => JSON.stringify(await shown(pods)) === JSON.stringify([['b', 'Running 1/1']]));
    await until(tree, pods, () => pods.view.description === undefined);
    assert.equal(pods.view.tooltip, undefined);
    assert.equal(cluster.server.requests.filter((r) => r.path === PODS && !r.query.has('watch')).length, 2, 'listed again after the 410');
    // And it is live again.
    cluster.server.put(pod('c'));
    await until(tree, pods, async () => (await shown(pods)).length === 2);
    assert.deepEqual(await shown(pods), [
      ['b', 'Running 1/1'],
      ['c', 'Running 1/1'],
    ]);
  });

  for (const code of [429, 500]) {
    it(`waits as long as Retry-After says on ${code} answers to lists and watches, shows it on the node, and converges`, async function () {
      this.timeout(120_000);
      cluster.server.put(pod('a'));
      const { tree, pods } = await podsNodeOf(cluster, fast);
      assert.deepEqual(await shown(pods), [['a', 'Running 1/1']]);
      await cluster.server.waitForRequest(/pods\?.*watch=1/);
      const before = watchCount(cluster);
      cluster.server.addFault({ match: /pods\?.*watch=1/, action: { kind: 'status', code, retryAfter: 2 }, times: 2 });
      cluster.server.dropWatches();
      cluster.server.put(pod('b'));
      await until(tree, pods, () => pods.view.description === `watch failing: ${code} … retrying in 2 s`);
      await until(tree, pods, async () => JSON.stringify(await shown(pods)) === JSON.stringify(expected(cluster, tree)));
      await until(tree, pods, () => pods.view.description === undefined);
      // Each refused watch was retried after Retry-After (2 s, as the node said), not after the 20 ms back-off.
      assert.equal(watchCount(cluster), before + 3, 'two refused watches, then one that stays');
      assert.deepEqual(await shown(pods), [
        ['a', 'Running 1/1'],
        ['b', 'Running 1/1'],
      ]);
    });
  }
});

describe('cluster faults: a 20,000-pod namespace', () => {
  const cluster = useCluster();

  it('shows the first page without listing everything, keeps it live, and pages on', async function () {
    this.timeout(240_000);
    const N = 20_000;
    for (let i = 0; i < N; i++) cluster.server.put(pod(`p${String(i).padStart(5, '0')}`));
    const { tree, pods } = await podsNodeOf(cluster, { maxItems: 500 });
    const first = await shown(pods);
    assert.equal(first.length, 501);
    assert.deepEqual(first[0], ['p00000', 'Running 1/1']);
    assert.deepEqual(first[499], ['p00499', 'Running 1/1']);
    assert.deepEqual(first[500], ['… 19500 more pods not shown', 'click to show the next page (shipshape.explorer.maxItems per page)']);
    // One page of 500 was asked for, not 20,000 objects.
    const lists = (): URLSearchParams[] =>
      cluster.server.requests.filter((r) => r.path === PODS && !r.query.has('watch')).map((r) => r.query);
    assert.deepEqual(
      lists().map((q) => [q.get('limit'), q.has('continue')]),
      [['500', false]],
    );
    await cluster.server.waitForRequest(/pods\?.*watch=1/);
    // The shown page stays live: a pod on it fails, another is deleted.
    cluster.server.put(pod('p00007', { status: { phase: 'Failed', reason: 'Evicted' } }));
    cluster.server.remove('v1', 'Pod', 'default', 'p00003');
    await until(tree, pods, async () => (await shown(pods)).length === 500);
    const live = await shown(pods);
    assert.deepEqual(live[3], ['p00004', 'Running 1/1']);
    assert.deepEqual(live[6], ['p00007', 'Evicted 1/1']);
    // Changes past the page only move the count.
    cluster.server.remove('v1', 'Pod', 'default', 'p19999');
    await until(tree, pods, async () => (await shown(pods)).at(-1)?.[0] === '… 19499 more pods not shown');
    const more = (await pods.children!()).at(-1)!;
    await tree.loadMore(more);
    const second = await shown(pods);
    assert.equal(second.length, 1000);
    assert.deepEqual(second[998], ['p00999', 'Running 1/1']);
    assert.deepEqual(second[999], ['… 18999 more pods not shown', 'click to show the next page (shipshape.explorer.maxItems per page)']);
    assert.deepEqual(
      lists().map((q) => [q.get('limit'), q.has('continue')]),
      [
        ['500', false],
        ['500', true],
      ],
    );
  });
});
