/** Which workloads of a manifest exist in the cluster: the objects found in the text, the cached lookups, a workload's pods. */
import * as assert from 'node:assert/strict';
import { DeployedCache, manifestWorkloads, workloadPods } from '../../../client/src/cluster/deployed';
import { pod, useCluster } from './env';

const MANIFEST = `# web
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
---
apiVersion: v1
kind: Service
metadata:
  name: web
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
---
kind: Deployment
metadata:
  name: "{{ .Release.Name }}"
---
kind: Pod
metadata: [broken
`;

describe('deployed workloads', () => {
  it('finds the workloads of a manifest with where each starts', () => {
    const found = manifestWorkloads(MANIFEST);
    assert.deepEqual(found, [
      { kind: 'Deployment', name: 'web', namespace: 'shop', offset: MANIFEST.indexOf('apiVersion: apps/v1') },
      { kind: 'CronJob', name: 'nightly', namespace: undefined, offset: MANIFEST.indexOf('apiVersion: batch/v1') },
    ]);
  });

  it('skips a document with a key that is a mapping or a list, without converting it', () => {
    // Converting such a key prints it, which takes seconds for deeply nested flow collections (8 s at 200 levels).
    const bad = `kind: Deployment\nmetadata:\n  name: odd\n${'[{'.repeat(40)}a${'}]'.repeat(40)}: x\n`;
    const good = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n';
    assert.deepEqual(manifestWorkloads(`${bad}---\n${good}`), [
      { kind: 'Deployment', name: 'web', namespace: undefined, offset: bad.length + 4 },
    ]);
  });

  it('never throws on bad input', () => {
    for (const text of [
      '',
      '\0\0\0',
      ': : :',
      'kind: Deployment',
      '- a\n- b',
      '{'.repeat(10_000),
      'a: &a\n  <<: *a\nkind: Pod\nmetadata: { name: x }',
      'x: &x [*x, *x, *x]\ny: [*x, *x, *x, *x, *x, *x, *x, *x]',
    ])
      manifestWorkloads(text);
  });

  describe('against the API server', () => {
    const cluster = useCluster();

    it('answers with the live object, null when absent, and asks once per object while cached', async () => {
      cluster.server.put({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: {} });
      let clock = 0;
      const cache = new DeployedCache(10_000, () => clock);
      let gets = 0;
      cluster.server.events.on('request', () => gets++);
      const live = await cache.lookup(cluster.api, 'default', 'Deployment', 'web');
      assert.equal(live?.metadata.name, 'web');
      assert.equal(await cache.lookup(cluster.api, 'default', 'Deployment', 'missing'), null);
      const before = gets;
      assert.equal((await cache.lookup(cluster.api, 'default', 'Deployment', 'web'))?.metadata.name, 'web');
      assert.equal(gets, before);
      clock = 20_000;
      await cache.lookup(cluster.api, 'default', 'Deployment', 'web');
      assert.equal(gets, before + 1, 'an expired entry is asked again');
    });

    it('lists the pods a Deployment selects', async () => {
      cluster.server.put(pod('web-1', { labels: { app: 'web' } }));
      cluster.server.put(pod('other-1', { labels: { app: 'other' } }));
      const pods = await workloadPods(cluster.api, {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'default' },
        spec: { selector: { matchLabels: { app: 'web' } } },
      });
      assert.deepEqual(
        pods.map((p) => p.metadata.name),
        ['web-1'],
      );
    });
  });
});
