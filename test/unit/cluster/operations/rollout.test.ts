import * as assert from 'node:assert/strict';
import { deleteObject, scaleObject, validateReplicas } from '../../../../client/src/cluster/operations/objects';
import {
  followRollout,
  rolloutHistory,
  rolloutRestart,
  rolloutState,
  rolloutUndo,
  type RolloutState,
} from '../../../../client/src/cluster/operations/rollout';
import type { KObject } from '../../../kube-api-server/server';
import { useCluster } from '../env';

function deployment(image: string): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image }] } },
    },
  };
}

const REF = { kind: 'Deployment', namespace: 'default', name: 'web' };
type Tpl = {
  template: {
    metadata: { annotations?: Record<string, string>; labels: Record<string, string> };
    spec: { containers: { image: string }[] };
  };
};

describe('cluster/operations/rollout', () => {
  const cluster = useCluster();
  beforeEach(() => {
    cluster.server.put(deployment('example/web:1.0'));
    cluster.server.operations.reconcileDeployment('default', 'web');
  });

  /** Changes the image the way `kubectl set image` does (a new revision). */
  async function setImage(image: string): Promise<void> {
    await cluster.api.request(
      'PATCH',
      '/apis/apps/v1/namespaces/default/deployments/web',
      { spec: { template: { spec: { containers: [{ name: 'app', image }] } } } },
      {
        contentType: 'application/strategic-merge-patch+json',
      },
    );
  }

  it('restart stamps the pod template, which makes a new revision', async () => {
    await rolloutRestart(cluster.api, REF, new Date('2026-11-23T12:00:00Z'));
    const d = cluster.server.get('apps/v1', 'Deployment', 'default', 'web')!;
    assert.equal((d.spec as Tpl).template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt'], '2026-11-23T12:00:00.000Z');
    assert.equal(d.metadata.annotations?.['deployment.kubernetes.io/revision'], '2');
    const history = await rolloutHistory(cluster.api, REF);
    assert.deepEqual(
      history.map((r) => [r.revision, r.images, r.current]),
      [
        [1, ['app=example/web:1.0'], false],
        [2, ['app=example/web:1.0'], true],
      ],
    );
  });

  it('history lists revisions with their images; undo brings back a chosen revision', async () => {
    await setImage('example/web:2.0');
    await setImage('example/web:3.0');
    const history = await rolloutHistory(cluster.api, REF);
    assert.deepEqual(
      history.map((r) => [r.revision, r.images[0], r.current]),
      [
        [1, 'app=example/web:1.0', false],
        [2, 'app=example/web:2.0', false],
        [3, 'app=example/web:3.0', true],
      ],
    );
    const target = await rolloutUndo(cluster.api, REF, 1);
    assert.equal(target.revision, 1);
    const d = cluster.server.get('apps/v1', 'Deployment', 'default', 'web')!;
    const tpl = (d.spec as Tpl).template;
    assert.equal(tpl.spec.containers[0].image, 'example/web:1.0');
    assert.equal(tpl.metadata.labels['pod-template-hash'], undefined, 'the controller label is not copied back');
    // The controller re-used revision 1's ReplicaSet as revision 4, as Kubernetes does.
    assert.deepEqual(
      (await rolloutHistory(cluster.api, REF)).map((r) => [r.revision, r.images[0], r.current]),
      [
        [2, 'app=example/web:2.0', false],
        [3, 'app=example/web:3.0', false],
        [4, 'app=example/web:1.0', true],
      ],
    );
    // Without a revision: the one before the current.
    assert.equal((await rolloutUndo(cluster.api, REF)).revision, 3);
    await assert.rejects(rolloutUndo(cluster.api, REF, 9), /has no revision 9/);
  });

  it('status follows the rollout until done', async () => {
    await setImage('example/web:2.0');
    const d = cluster.server.get('apps/v1', 'Deployment', 'default', 'web')!;
    const gen = d.metadata.generation as number;
    const seen: RolloutState[] = [];
    const steps = [
      { observedGeneration: gen, replicas: 3, updatedReplicas: 1, availableReplicas: 2 },
      { observedGeneration: gen, replicas: 2, updatedReplicas: 2, availableReplicas: 1 },
      { observedGeneration: gen, replicas: 2, updatedReplicas: 2, availableReplicas: 2 },
    ];
    const result = followRollout(cluster.api, REF, (s) => {
      seen.push(s);
      // Each state seen lets the "controller" take the next step.
      const next = steps.shift();
      if (next) cluster.server.put({ ...cluster.server.get('apps/v1', 'Deployment', 'default', 'web')!, status: next });
    });
    const final = await result;
    assert.equal(final.done, true);
    assert.deepEqual(
      seen.map((s) => s.message),
      [
        'Waiting for deployment spec update to be observed…',
        'Waiting for deployment "web" rollout to finish: 1 out of 2 new replicas have been updated…',
        'Waiting for deployment "web" rollout to finish: 1 of 2 updated replicas are available…',
        'deployment "web" successfully rolled out',
      ],
    );
  });

  it('status reports a failed rollout (progress deadline exceeded)', () => {
    const d = {
      ...deployment('x'),
      metadata: { name: 'web', generation: 2 },
      status: { observedGeneration: 2, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] },
    };
    assert.deepEqual(rolloutState(d), { done: false, failed: true, message: 'deployment "web" exceeded its progress deadline' });
  });

  it('StatefulSet history and undo come from ControllerRevisions', async () => {
    const sts = cluster.server.put({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'default' },
      spec: {
        replicas: 1,
        template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'pg', image: 'postgres:17' }] } },
      },
      status: { updateRevision: 'db-2' },
    });
    const owner = [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: sts.metadata.uid!, controller: true }];
    for (const [rev, image] of [
      [1, 'postgres:16'],
      [2, 'postgres:17'],
    ] as const) {
      cluster.server.put({
        apiVersion: 'apps/v1',
        kind: 'ControllerRevision',
        metadata: { name: `db-${rev}`, namespace: 'default', ownerReferences: owner },
        revision: rev,
        data: { spec: { template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'pg', image }] } } } },
      });
    }
    const ref = { kind: 'StatefulSet', namespace: 'default', name: 'db' };
    assert.deepEqual(
      (await rolloutHistory(cluster.api, ref)).map((r) => [r.revision, r.images[0], r.current]),
      [
        [1, 'pg=postgres:16', false],
        [2, 'pg=postgres:17', true],
      ],
    );
    await rolloutUndo(cluster.api, ref);
    const stored = cluster.server.get('apps/v1', 'StatefulSet', 'default', 'db')!;
    assert.equal((stored.spec as Tpl).template.spec.containers[0].image, 'postgres:16');
  });

  it('scale goes through the scale subresource and is stored', async () => {
    assert.equal(await scaleObject(cluster.api, REF, 5), 5);
    assert.equal((cluster.server.get('apps/v1', 'Deployment', 'default', 'web')!.spec as { replicas: number }).replicas, 5);
    assert.ok(
      cluster.server.requests.some((r) => r.method === 'PATCH' && r.path === '/apis/apps/v1/namespaces/default/deployments/web/scale'),
    );
    await assert.rejects(scaleObject(cluster.api, REF, -1), /whole number/);
    assert.equal(validateReplicas('3'), undefined);
    assert.equal(validateReplicas('three'), 'A whole number, 0 or more.');
  });

  it('delete removes the object; a dry-run delete does not', async () => {
    await deleteObject(cluster.api, REF, { dryRun: true });
    assert.ok(cluster.server.get('apps/v1', 'Deployment', 'default', 'web'));
    await deleteObject(cluster.api, REF);
    assert.equal(cluster.server.get('apps/v1', 'Deployment', 'default', 'web'), undefined);
  });
});
