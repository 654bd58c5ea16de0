import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ProblemError } from '../../../../client/src/cluster/errors';
import { confirmAll, confirmations, isProductionContext } from '../../../../client/src/cluster/operations/guard';
import { helmReleaseHistory, helmRollback } from '../../../../client/src/cluster/operations/helm-history';
import { formatUsage, nodeRows, podMetrics } from '../../../../client/src/cluster/operations/top';
import { helmSecret, tempDir, useCluster } from '../env';

describe('cluster/operations/top', () => {
  const cluster = useCluster();
  beforeEach(() =>
    cluster.server.put({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n1' },
      status: { allocatable: { cpu: '4', memory: '8Gi' }, conditions: [{ type: 'Ready', status: 'True' }] },
    }),
  );

  it('reads pod and node use from metrics.k8s.io', async () => {
    cluster.server.operations.installMetrics();
    cluster.server.put({
      apiVersion: 'metrics.k8s.io/v1beta1',
      kind: 'PodMetrics',
      metadata: { name: 'web', namespace: 'default' },
      containers: [
        { name: 'app', usage: { cpu: '120m', memory: '100Mi' } },
        { name: 'sidecar', usage: { cpu: '5000000n', memory: '28Mi' } },
      ],
    });
    cluster.server.put({
      apiVersion: 'metrics.k8s.io/v1beta1',
      kind: 'NodeMetrics',
      metadata: { name: 'n1' },
      usage: { cpu: '1', memory: '2Gi' },
    });
    const pods = await podMetrics(cluster.api, 'default');
    assert.equal(formatUsage(pods.get('web')!), 'cpu 125m · mem 128Mi');
    const { rows, metricsProblem } = await nodeRows(cluster.api);
    assert.equal(metricsProblem, undefined);
    assert.deepEqual(
      rows.map((r) => [r.name, r.description]),
      [['n1', 'Ready · cpu 1 (25%) · mem 2Gi (25%)']],
    );
  });

  it('says "metrics-server not installed" when the API is not served', async () => {
    await assert.rejects(
      podMetrics(cluster.api, 'default'),
      (e: unknown) =>
        e instanceof ProblemError && e.problem.message === 'metrics-server not installed: the cluster does not serve metrics.k8s.io.',
    );
    const { rows, metricsProblem } = await nodeRows(cluster.api);
    assert.equal(metricsProblem, 'metrics-server not installed: the cluster does not serve metrics.k8s.io.');
    assert.equal(rows[0].description, 'Ready · no metrics');
  });

  it('says metrics-server is not answering on 503', async () => {
    cluster.server.operations.installMetrics();
    cluster.server.addFault({ match: /metrics\.k8s\.io/, action: { kind: 'status', code: 503 }, times: Infinity });
    await assert.rejects(podMetrics(cluster.api, 'default'), /metrics-server is installed but not answering/);
  });
});

describe('cluster/operations/helm history and rollback', () => {
  const cluster = useCluster();
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
    cluster.defer(() => fs.rmSync(dir, { recursive: true, force: true }));
  });

  it('lists every revision of a release, newest first', async () => {
    cluster.server.put(helmSecret('shop', 1, 'superseded', '1.0.0'));
    cluster.server.put(helmSecret('shop', 2, 'superseded', '1.1.0'));
    cluster.server.put(helmSecret('shop', 3, 'failed', '1.2.0'));
    cluster.server.put(helmSecret('other', 1, 'deployed'));
    const h = await helmReleaseHistory(cluster.api, 'default', 'shop');
    assert.deepEqual(
      h.map((r) => [r.revision, r.status, r.chartVersion]),
      [
        [3, 'failed', '1.2.0'],
        [2, 'superseded', '1.1.0'],
        [1, 'superseded', '1.0.0'],
      ],
    );
  });

  it('rolls back through helm with the explorer context and kubeconfig', async () => {
    const log = path.join(dir, 'args');
    const helm = path.join(dir, 'helm');
    fs.writeFileSync(
      helm,
      `#!/bin/sh\nif [ "$1" = version ]; then echo v3.19.0; exit 0; fi\necho "$@" > '${log}'\necho "Rollback was a success! Happy Helming!"\n`,
      { mode: 0o755 },
    );
    const out = await helmRollback({
      release: 'shop',
      revision: 2,
      namespace: 'default',
      context: 'test',
      kubeconfig: '/tmp/kc',
      helmPath: helm,
    });
    assert.equal(out, 'Rollback was a success! Happy Helming!');
    assert.equal(fs.readFileSync(log, 'utf8').trim(), 'rollback shop 2 --namespace default --kube-context test --kubeconfig /tmp/kc');
  });

  it('without helm: a clear message', async () => {
    await assert.rejects(
      helmRollback({ release: 'shop', revision: 1, namespace: 'default', context: 'test', helmPath: path.join(dir, 'no-helm') }),
      (e: unknown) => e instanceof ProblemError && /^Rollback needs Helm, and `.*no-helm` could not be run\.$/.test(e.problem.message),
    );
  });
});

describe('cluster/operations/guard', () => {
  it('names the action, the object and the context; production contexts are asked twice', async () => {
    assert.deepEqual(confirmations('Delete', 'Deployment default/web', 'kind-dev'), [
      { message: 'Delete Deployment default/web in context "kind-dev"?', detail: undefined, button: 'Delete' },
    ]);
    const prod = confirmations('Delete', 'Deployment default/web', 'gke_acme_eu_prod-1');
    assert.equal(prod.length, 2);
    assert.equal(
      prod[0].message,
      'Delete Deployment default/web in context "gke_acme_eu_prod-1"? "gke_acme_eu_prod-1" looks like a PRODUCTION context.',
    );
    assert.equal(prod[1].button, 'Delete in gke_acme_eu_prod-1');
    const answers = ['Delete'];
    assert.equal(await confirmAll(prod, async () => answers.shift()), false, 'the second question was not confirmed');
    assert.equal(await confirmAll(prod, async (q) => q.button), true);
  });

  it('matches the configurable pattern case-insensitively; an invalid pattern falls back to the default', () => {
    assert.equal(isProductionContext('PRD-cluster'), true);
    assert.equal(isProductionContext('arn:aws:eks:eu-west-1:1:cluster/Production'), true);
    assert.equal(isProductionContext('staging'), false);
    assert.equal(isProductionContext('live-eu', 'live'), true);
    assert.equal(isProductionContext('prod', ''), false);
    assert.equal(isProductionContext('prod', '(['), true);
  });
});
