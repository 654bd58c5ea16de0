import * as assert from 'node:assert/strict';
import { discoveryOf } from '../../../../client/src/cluster/discovery';
import { applyReviewed, reviewApply } from '../../../../client/src/cluster/operations/apply';
import { describeObject } from '../../../../client/src/cluster/operations/describe';
import { deleteObject } from '../../../../client/src/cluster/operations/objects';
import { useCluster } from '../env';

/** Cluster-scoped kinds, each with a manifest whose plural or scope a guess gets wrong. */
const CLUSTER_SCOPED: [kind: string, apiVersion: string, plural: string][] = [
  ['IngressClass', 'networking.k8s.io/v1', 'ingressclasses'],
  ['PriorityClass', 'scheduling.k8s.io/v1', 'priorityclasses'],
  ['StorageClass', 'storage.k8s.io/v1', 'storageclasses'],
  ['ValidatingWebhookConfiguration', 'admissionregistration.k8s.io/v1', 'validatingwebhookconfigurations'],
  ['MutatingWebhookConfiguration', 'admissionregistration.k8s.io/v1', 'mutatingwebhookconfigurations'],
  ['ClusterIssuer', 'cert-manager.io/v1', 'clusterissuers'],
  ['NetworkChaos', 'chaos-mesh.org/v1alpha1', 'networkchaos'],
];

describe('cluster/operations: plural, scope and verbs from discovery', () => {
  const cluster = useCluster();
  beforeEach(() => {
    cluster.server.addType({
      group: 'cert-manager.io',
      version: 'v1',
      kind: 'ClusterIssuer',
      plural: 'clusterissuers',
      singular: 'clusterissuer',
      namespaced: false,
    });
    // A CRD whose plural is not the kind plus "s" and that is cluster-scoped.
    cluster.server.addType({
      group: 'chaos-mesh.org',
      version: 'v1alpha1',
      kind: 'NetworkChaos',
      plural: 'networkchaos',
      singular: 'networkchaos',
      namespaced: false,
    });
  });

  for (const [kind, apiVersion, plural] of CLUSTER_SCOPED) {
    it(`applies, describes and deletes a ${kind} at its cluster-scoped URL`, async () => {
      const manifest = `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x\n  namespace: ignored\n`;
      const review = await reviewApply(cluster.api, manifest, 'default');
      assert.deepEqual(review.problems, []);
      assert.equal(review.objects[0].ref.namespace, undefined);
      const { problems } = await applyReviewed(cluster.api, review);
      assert.deepEqual(problems, []);
      assert.equal(cluster.server.get(apiVersion, kind, undefined, 'x')?.metadata.namespace, undefined);
      const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
      const patches = cluster.server.requests.filter((r) => r.method === 'PATCH').map((r) => r.path);
      assert.deepEqual(patches, [`${base}/${plural}/x`, `${base}/${plural}/x`]);
      const d = await describeObject(cluster.api, { context: 'test', apiVersion, kind, name: 'x', namespace: 'default' });
      assert.equal(d.object.metadata.name, 'x');
      await deleteObject(cluster.api, { apiVersion, kind, name: 'x', namespace: 'default' });
      assert.equal(cluster.server.get(apiVersion, kind, undefined, 'x'), undefined);
    });
  }

  it('finds a CRD installed after the first look (the cache is refreshed on a miss)', async () => {
    const d = discoveryOf(cluster.api);
    assert.equal((await d.resourcesOf('example.com/v1'))?.length, undefined);
    cluster.server.addType({
      group: 'example.com',
      version: 'v1',
      kind: 'Widget',
      plural: 'widgetz',
      singular: 'widget',
      namespaced: true,
    });
    const r = await d.resolve('Widget', 'example.com/v1');
    assert.deepEqual([r.plural, r.namespaced], ['widgetz', true]);
    const lookups = cluster.server.requests.filter((q) => q.path === '/apis/example.com/v1').length;
    await d.resolve('Widget', 'example.com/v1');
    assert.equal(cluster.server.requests.filter((q) => q.path === '/apis/example.com/v1').length, lookups);
  });

  it('an apiVersion the cluster does not serve is a problem on the kind, and nothing is sent', async () => {
    const manifest = 'apiVersion: nowhere.example/v1\nkind: Ghost\nmetadata:\n  name: boo\n';
    const review = await reviewApply(cluster.api, manifest, 'default');
    assert.deepEqual(
      review.problems.map((p) => [manifest.slice(p.start, p.end), p.message]),
      [
        [
          'Ghost',
          'The cluster does not serve Ghost in nowhere.example/v1. Check the apiVersion (`kubectl api-resources`), or install the CRD that defines it.',
        ],
      ],
    );
    assert.equal(cluster.server.requests.filter((r) => r.method === 'PATCH').length, 0);
  });
});
