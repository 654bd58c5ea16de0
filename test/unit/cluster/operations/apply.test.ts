import * as assert from 'node:assert/strict';
import { applyReviewed, fieldPath, reviewApply } from '../../../../client/src/cluster/operations/apply';
import { patchObject } from '../../../../client/src/cluster/operations/objects';
import { useCluster } from '../env';

const MANIFEST = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: fast
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: app
          image: example/web:2.0
`;

describe('cluster/operations/apply', () => {
  const cluster = useCluster();

  it('dry-runs first (nothing stored), diffs against the live object, then applies with fieldManager shipshape', async () => {
    cluster.server.put({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings', namespace: 'default' },
      data: { mode: 'slow' },
    });
    const before = cluster.server.get('v1', 'ConfigMap', 'default', 'settings')!;
    const review = await reviewApply(cluster.api, MANIFEST, 'default');
    assert.deepEqual(review.problems, []);
    assert.equal(review.changed, true);
    // The dry-run changed nothing on the server.
    assert.deepEqual(cluster.server.get('v1', 'ConfigMap', 'default', 'settings'), before);
    assert.equal(cluster.server.get('apps/v1', 'Deployment', 'default', 'web'), undefined);
    const dryRuns = cluster.server.requests.filter((r) => r.method === 'PATCH');
    assert.equal(dryRuns.length, 2);
    for (const r of dryRuns) {
      assert.equal(r.query.get('dryRun'), 'All');
      assert.equal(r.query.get('fieldManager'), 'shipshape');
      assert.equal(r.headers['content-type'], 'application/apply-patch+yaml');
    }
    assert.equal(
      review.liveText,
      '# ConfigMap default/settings\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\ndata:\n  mode: slow\n---\n# Deployment default/web\n# (does not exist yet)\n',
    );
    const expected =
      '# ConfigMap default/settings\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\ndata:\n  mode: fast\n---\n# Deployment default/web\napiVersion: apps/v1\nkind: Deployment\n';
    assert.ok(review.dryRunText.startsWith(expected), review.dryRunText);
    assert.ok(!review.dryRunText.includes('managedFields'));

    const { applied, problems } = await applyReviewed(cluster.api, review);
    assert.deepEqual(problems, []);
    assert.equal(applied.length, 2);
    const cm = cluster.server.get('v1', 'ConfigMap', 'default', 'settings')!;
    assert.deepEqual(cm.data, { mode: 'fast' });
    assert.deepEqual(
      (cm.metadata.managedFields as { manager: string; operation: string }[]).map((f) => [f.manager, f.operation]),
      [['shipshape', 'Apply']],
    );
    const d = cluster.server.get('apps/v1', 'Deployment', 'default', 'web')!;
    assert.equal(
      (d.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0].image,
      'example/web:2.0',
    );
    assert.equal((d.spec as { replicas: number }).replicas, 2);
  });

  it('an unchanged manifest reviews as unchanged', async () => {
    const first = await reviewApply(cluster.api, MANIFEST, 'default');
    await applyReviewed(cluster.api, first);
    const again = await reviewApply(cluster.api, MANIFEST, 'default');
    assert.equal(again.changed, false);
    assert.equal(again.liveText, again.dryRunText);
  });

  it('a validation error (422) lands on the field it names', async () => {
    const text = MANIFEST.replace('          image: example/web:2.0\n', '');
    const review = await reviewApply(cluster.api, text, 'default');
    assert.equal(review.problems.length, 1);
    const p = review.problems[0];
    assert.equal(p.source, 'validation');
    assert.equal(p.message, 'Deployment.apps "web" is invalid: spec.template.spec.containers[0].image: Required value');
    // The container has no image: the problem sits on its name, `app`.
    assert.equal(text.slice(p.start, p.end), 'app');
    assert.equal(p.start, text.indexOf('- name: app') + '- name: '.length);
    const { applied } = await applyReviewed(cluster.api, review);
    assert.equal(applied.length, 1, 'only the ConfigMap is applied');
    assert.equal(cluster.server.get('apps/v1', 'Deployment', 'default', 'web'), undefined);
  });

  it('an admission webhook denial lands on the object kind, for dry-runs too', async () => {
    cluster.server.operations.denials.push({
      webhook: 'policy.example.com',
      denies: (o) => o.kind === 'Deployment',
      message: 'containers must not use images from example/',
    });
    const review = await reviewApply(cluster.api, MANIFEST, 'default');
    assert.equal(review.problems.length, 1);
    const p = review.problems[0];
    assert.equal(p.source, 'admission');
    assert.equal(p.message, 'admission webhook "policy.example.com" denied the request: containers must not use images from example/');
    assert.equal(MANIFEST.slice(p.start, p.end), 'Deployment');
  });

  it('a field another field manager applied is a conflict on that field, and the live value stays', async () => {
    const helm = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'example/web:2.0' }] } },
      },
    };
    await patchObject(cluster.api, { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' }, 'apply', helm, {
      fieldManager: 'helm',
    });
    const review = await reviewApply(cluster.api, MANIFEST, 'default');
    const conflict = review.problems.find((p) => p.source === 'conflict');
    assert.ok(conflict, JSON.stringify(review.problems));
    assert.equal(MANIFEST.slice(conflict.start, conflict.end), '2');
    assert.equal(conflict.message, 'Conflict: Apply failed with 1 conflict: conflict with "helm" using apps/v1: .spec.replicas');
    assert.equal((cluster.server.get('apps/v1', 'Deployment', 'default', 'web')!.spec as { replicas: number }).replicas, 3);
  });

  it('reads dryRun from a DeleteOptions body, as kubectl sends it', async () => {
    cluster.server.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'keep', namespace: 'default' } });
    await cluster.api.request('DELETE', '/api/v1/namespaces/default/configmaps/keep', {
      kind: 'DeleteOptions',
      apiVersion: 'v1',
      dryRun: ['All'],
    });
    assert.ok(cluster.server.get('v1', 'ConfigMap', 'default', 'keep'));
    await cluster.api.request('DELETE', '/api/v1/namespaces/default/configmaps/keep', { kind: 'DeleteOptions', apiVersion: 'v1' });
    assert.equal(cluster.server.get('v1', 'ConfigMap', 'default', 'keep'), undefined);
  });

  it('RBAC refusals are shown as forbidden on the object', async () => {
    cluster.server.forbid(/^PATCH \/api\/v1\/namespaces\/default\/configmaps/);
    const review = await reviewApply(cluster.api, MANIFEST, 'default');
    assert.equal(review.problems.length, 1);
    assert.equal(review.problems[0].source, 'forbidden');
    assert.equal(MANIFEST.slice(review.problems[0].start, review.problems[0].end), 'ConfigMap');
  });

  it('YAML errors are problems and nothing is sent', async () => {
    const review = await reviewApply(cluster.api, 'apiVersion: v1\nkind: [ConfigMap\n', 'default');
    assert.equal(review.problems[0].source, 'parse');
    assert.equal(review.objects.length, 0);
    assert.equal(cluster.server.requests.filter((r) => r.method !== 'GET').length, 0);
  });

  it('a key that is a mapping or a list is a problem on the key, and its document is not converted', async () => {
    // Converting such a key prints it, which takes seconds for deeply nested flow collections (8 s at 200 levels).
    const key = `${'[{'.repeat(40)}a${'}]'.repeat(40)}`;
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  ${key}: x\n`;
    const review = await reviewApply(cluster.api, text, 'default');
    assert.deepEqual(
      review.problems.map((p) => ({ source: p.source, text: text.slice(p.start, p.end), message: p.message })),
      [{ source: 'parse', text: key, message: 'A key is a mapping or a list; Kubernetes objects have plain keys.' }],
    );
    assert.equal(review.objects.length, 0);
  });

  it('parses field paths', () => {
    assert.deepEqual(fieldPath('spec.template.spec.containers[0].image'), ['spec', 'template', 'spec', 'containers', 0, 'image']);
    assert.deepEqual(fieldPath('metadata.labels[app.kubernetes.io/name]'), ['metadata', 'labels', 'app.kubernetes.io/name']);
  });
});
