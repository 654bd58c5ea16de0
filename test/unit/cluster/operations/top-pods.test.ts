import * as assert from 'node:assert/strict';
import { ProblemError } from '../../../../client/src/cluster/errors';
import { topPods, topPodsMarkdown } from '../../../../client/src/cluster/operations/top';
import { useCluster } from '../env';

describe('cluster/operations/top: pods sorted by use', () => {
  const cluster = useCluster();

  function metrics(name: string, containers: [string, string, string][]): void {
    cluster.server.put({
      apiVersion: 'metrics.k8s.io/v1beta1',
      kind: 'PodMetrics',
      metadata: { name, namespace: 'default' },
      containers: containers.map(([c, cpu, memory]) => ({ name: c, usage: { cpu, memory } })),
    });
  }

  it('sorts by CPU or by memory, heaviest first, ties by name, with each pod’s containers', async () => {
    cluster.server.operations.installMetrics();
    metrics('api', [['app', '300m', '64Mi']]);
    metrics('web', [
      ['app', '100m', '256Mi'],
      ['proxy', '50m', '16Mi'],
    ]);
    metrics('batch', [['run', '150m', '64Mi']]);
    const byCpu = await topPods(cluster.api, 'default', 'cpu');
    assert.deepEqual(
      byCpu.map((r) => r.name),
      ['api', 'batch', 'web'],
    );
    assert.equal(byCpu[2]!.usage.memory, 272 * 2 ** 20);
    const byMemory = await topPods(cluster.api, 'default', 'memory');
    assert.deepEqual(
      byMemory.map((r) => r.name),
      ['web', 'api', 'batch'],
    );
    assert.equal(
      topPodsMarkdown(byMemory, 'dev', 'default', 'memory'),
      [
        '# Pods in default by memory\n',
        'Context `dev`, from metrics.k8s.io (metrics-server).\n',
        '| Pod | Container | CPU | Memory |',
        '|---|---|---:|---:|',
        '| web | | 150m | 272Mi |',
        '| | app | 100m | 256Mi |',
        '| | proxy | 50m | 16Mi |',
        '| api | | 300m | 64Mi |',
        '| batch | | 150m | 64Mi |',
      ].join('\n'),
    );
  });

  it('says metrics-server is not installed when metrics.k8s.io is not served', async () => {
    await assert.rejects(
      topPods(cluster.api, 'default'),
      (e: unknown) =>
        e instanceof ProblemError && e.problem.message === 'metrics-server not installed: the cluster does not serve metrics.k8s.io.',
    );
  });
});
