import * as assert from 'node:assert/strict';
import { ApiError } from '../../../../client/src/cluster/errors';
import {
  budgetOf,
  drainNode,
  drainPlan,
  drainReport,
  evictPod,
  planPod,
  setUnschedulable,
  type DrainEvent,
} from '../../../../client/src/cluster/operations/nodes';
import type { KObject } from '../../../kube-api-server/server';
import { pod, useCluster } from '../env';

/** A pod on node `n1`, owned by `owner` (kind/name) unless null. */
function onNode(
  name: string,
  owner: string | null,
  extra: Parameters<typeof pod>[1] & { annotations?: Record<string, string>; volumes?: object[] } = {},
): KObject {
  const p = pod(name, extra);
  const [kind, ownerName] = owner ? owner.split('/') : [];
  p.metadata.annotations = extra.annotations;
  if (kind) p.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind, name: ownerName!, uid: `uid-${ownerName}`, controller: true }];
  p.spec = { ...(p.spec as object), nodeName: 'n1', volumes: extra.volumes };
  return p;
}

function pdb(name: string, app: string, minAvailable: number | string): KObject {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, namespace: 'default' },
    spec: { minAvailable, selector: { matchLabels: { app } } },
  };
}

describe('cluster/operations/nodes', () => {
  const cluster = useCluster();
  beforeEach(() => {
    cluster.server.put({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: {} });
  });

  it('cordons and uncordons (unschedulable set, then removed)', async () => {
    await setUnschedulable(cluster.api, 'n1', true);
    assert.deepEqual(cluster.server.get('v1', 'Node', undefined, 'n1')!.spec, { unschedulable: true });
    await setUnschedulable(cluster.api, 'n1', false);
    assert.deepEqual(cluster.server.get('v1', 'Node', undefined, 'n1')!.spec, {});
    const patches = cluster.server.requests.filter((r) => r.method === 'PATCH').map((r) => r.headers['content-type']);
    assert.deepEqual(patches, ['application/merge-patch+json', 'application/merge-patch+json']);
  });

  it('plans as kubectl drain --ignore-daemonsets does: DaemonSet and mirror pods skipped, unmanaged and emptyDir pods refused, finished pods deleted', async () => {
    cluster.server.put(onNode('ds-pod', 'DaemonSet/logs'));
    cluster.server.put(onNode('mirror', null, { annotations: { 'kubernetes.io/config.mirror': 'abc' } }));
    cluster.server.put(onNode('bare', null));
    cluster.server.put(onNode('cache', 'ReplicaSet/web-1', { volumes: [{ name: 'scratch', emptyDir: {} }] }));
    cluster.server.put(onNode('done', null, { status: { phase: 'Succeeded' } }));
    cluster.server.put(onNode('web', 'ReplicaSet/web-1'));
    const other = pod('elsewhere');
    other.spec = { ...(other.spec as object), nodeName: 'n2' };
    cluster.server.put(other);
    const plan = await drainPlan(cluster.api, 'n1');
    assert.deepEqual(
      plan.map((p) => [p.name, p.action]),
      [
        ['bare', 'refuse-unmanaged'],
        ['cache', 'refuse-emptydir'],
        ['done', 'delete-finished'],
        ['ds-pod', 'skip-daemonset'],
        ['mirror', 'skip-mirror'],
        ['web', 'evict'],
      ],
    );
    assert.equal(
      plan.find((p) => p.name === 'cache')!.why,
      'its emptyDir data (scratch) would be lost (evict anyway with "delete emptyDir data")',
    );
    const forced = await drainPlan(cluster.api, 'n1', { force: true, deleteEmptyDirData: true });
    assert.deepEqual(
      forced.filter((p) => p.action === 'evict').map((p) => p.name),
      ['bare', 'cache', 'web'],
    );
    assert.equal(planPod(onNode('x', null), { force: true }).why, 'unmanaged, evicted because of "force"');
  });

  it('evicts through the Eviction API; a pod already gone is fine', async () => {
    cluster.server.put(onNode('web', 'ReplicaSet/web-1'));
    await evictPod(cluster.api, 'default', 'web');
    assert.equal(cluster.server.get('v1', 'Pod', 'default', 'web'), undefined);
    const post = cluster.server.requests.find((r) => r.path.endsWith('/eviction'))!;
    assert.equal(post.method, 'POST');
    await evictPod(cluster.api, 'default', 'web');
  });

  it('a PodDisruptionBudget with no disruption left answers 429 naming itself', async () => {
    cluster.server.put(onNode('web-a', 'ReplicaSet/web-1', { labels: { app: 'web' } }));
    cluster.server.put(onNode('web-b', 'ReplicaSet/web-1', { labels: { app: 'web' } }));
    cluster.server.put(pdb('web-pdb', 'web', 2));
    const e = await evictPod(cluster.api, 'default', 'web-a').then(
      () => assert.fail('evicted'),
      (x: unknown) => x,
    );
    assert.ok(e instanceof ApiError);
    assert.equal(e.status, 429);
    assert.equal(e.message, "Cannot evict pod as it would violate the pod's disruption budget.");
    assert.deepEqual(e.causes, [
      { reason: 'DisruptionBudget', message: 'The disruption budget web-pdb needs 2 healthy pods and has 2 currently' },
    ]);
    assert.equal(budgetOf(e), 'web-pdb');
  });

  it('drains: cordons, evicts, skips, and reports a pod still blocked by a budget when it gives up, after retrying', async () => {
    cluster.server.put(onNode('web-a', 'ReplicaSet/web-1', { labels: { app: 'web' } }));
    cluster.server.put(onNode('api', 'ReplicaSet/api-1', { labels: { app: 'api' } }));
    cluster.server.put(onNode('ds-pod', 'DaemonSet/logs'));
    cluster.server.put(pdb('web-pdb', 'web', 1));
    const events: DrainEvent[] = [];
    const stop = new AbortController();
    const r = await drainNode(cluster.api, 'n1', { timeoutMs: 60_000, backoffMs: 20, maxBackoffMs: 40, signal: stop.signal }, (e) => {
      events.push(e);
      // Given up (as when the time runs out) after the second refusal.
      if (e.type === 'blocked' && e.attempt === 2) stop.abort();
    });
    assert.equal((cluster.server.get('v1', 'Node', undefined, 'n1')!.spec as { unschedulable?: boolean }).unschedulable, true);
    assert.deepEqual(
      r.evicted.map((p) => p.name),
      ['api'],
    );
    assert.deepEqual(
      r.skipped.map((p) => [p.name, p.action]),
      [['ds-pod', 'skip-daemonset']],
    );
    assert.deepEqual(
      r.blocked.map((b) => [b.pod.name, b.budget, b.message]),
      [['web-a', 'web-pdb', 'blocked by PodDisruptionBudget web-pdb (needs 1 healthy pods and has 1 currently)']],
    );
    assert.equal(r.complete, false);
    assert.ok(cluster.server.get('v1', 'Pod', 'default', 'web-a'));
    assert.equal(cluster.server.get('v1', 'Pod', 'default', 'api'), undefined);
    assert.equal(cluster.server.get('v1', 'Pod', 'default', 'ds-pod')?.metadata.name, 'ds-pod');
    assert.deepEqual(
      events.filter((e) => e.type === 'blocked').map((e) => (e.type === 'blocked' ? e.attempt : 0)),
      [1, 2],
    );
    assert.equal(events[0]!.type, 'cordoned');
    const report = drainReport(r, 'kind-dev');
    assert.match(report, /## Blocked\n\n- `default\/web-a`: blocked by PodDisruptionBudget web-pdb/);
    assert.match(report, /## Skipped\n\n- `default\/ds-pod`: managed by DaemonSet logs/);
    assert.match(report, /\*\*Not fully drained\.\*\*/);
  });

  it('a blocked pod goes once the budget allows it (another replica became ready)', async () => {
    cluster.server.put(onNode('web-a', 'ReplicaSet/web-1', { labels: { app: 'web' } }));
    cluster.server.put(pdb('web-pdb', 'web', 1));
    const events: DrainEvent[] = [];
    const done = drainNode(cluster.api, 'n1', { timeoutMs: 10_000, backoffMs: 10, maxBackoffMs: 20 }, (e) => {
      events.push(e);
      // The replacement on another node becomes ready after the first refusal.
      if (e.type === 'blocked' && e.attempt === 1) cluster.server.put(pod('web-b', { labels: { app: 'web' } }));
    });
    const r = await done;
    assert.deepEqual(
      r.evicted.map((p) => p.name),
      ['web-a'],
    );
    assert.deepEqual(r.blocked, []);
    assert.equal(r.complete, true);
    assert.deepEqual(
      events.map((e) => e.type),
      ['cordoned', 'evicting', 'blocked', 'evicted'],
    );
  });

  it('percentages and maxUnavailable count as the disruption controller counts them; unhealthy pods may go while the budget is met', async () => {
    for (const n of ['a', 'b', 'c']) cluster.server.put(onNode(`web-${n}`, 'ReplicaSet/web-1', { labels: { app: 'web' } }));
    const notReady = { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }] };
    cluster.server.put(onNode('web-d', 'ReplicaSet/web-1', { labels: { app: 'web' }, status: notReady }));
    cluster.server.put({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'web-pdb', namespace: 'default' },
      spec: { maxUnavailable: '25%', selector: { matchLabels: { app: 'web' } } },
    });
    const e = await evictPod(cluster.api, 'default', 'web-a').then(
      () => assert.fail('evicted'),
      (x: unknown) => x as ApiError,
    );
    assert.equal(e.causes?.[0]?.message, 'The disruption budget web-pdb needs 3 healthy pods and has 3 currently');
    await evictPod(cluster.api, 'default', 'web-d');
    assert.equal(cluster.server.get('v1', 'Pod', 'default', 'web-d'), undefined);
    assert.ok(cluster.server.get('v1', 'Pod', 'default', 'web-a'));
  });
});
