import * as assert from 'node:assert/strict';
import {
  applyEdit,
  conflictFields,
  editableObject,
  encodeSecret,
  openForEdit,
  resourcesAcrossKinds,
  reviewEdit,
  type LiveTarget,
} from '../../../../client/src/cluster/operations/liveedit';
import { patchObject } from '../../../../client/src/cluster/operations/objects';
import { useCluster } from '../env';

const WEB: LiveTarget = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' };

const DEPLOYMENT = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'example/web:1.0' }] } },
  },
};

describe('cluster/operations/liveedit', () => {
  const cluster = useCluster();

  it('opens the YAML without managedFields, status, resourceVersion or the last-applied annotation', async () => {
    await patchObject(cluster.api, WEB, 'apply', DEPLOYMENT, { fieldManager: 'helm' });
    const stored = cluster.server.get('apps/v1', 'Deployment', 'default', 'web')!;
    stored.metadata.annotations = { 'kubectl.kubernetes.io/last-applied-configuration': '{}', team: 'a' };
    stored.status = { readyReplicas: 2 };
    cluster.server.put(stored);
    const opened = await openForEdit(cluster.api, WEB);
    assert.equal(opened.decoded, false);
    assert.equal(opened.resourceVersion, cluster.server.get('apps/v1', 'Deployment', 'default', 'web')!.metadata.resourceVersion);
    assert.equal(
      opened.text,
      [
        `# Deployment default/web in context ${cluster.api.context}.`,
        '# Saving reviews the change (server-side apply dry-run as "shipshape", a diff) and asks before applying.',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: web',
        '  namespace: default',
        '  labels:',
        '    app: web',
        '  annotations:',
        '    team: a',
        'spec:',
        '  replicas: 2',
        '  selector:',
        '    matchLabels:',
        '      app: web',
        '  template:',
        '    metadata:',
        '      labels:',
        '        app: web',
        '    spec:',
        '      containers:',
        '        - name: app',
        '          image: example/web:1.0',
        '',
      ].join('\n'),
    );
  });

  it('a save is a dry-run first (nothing stored), with the diff, then applied as field manager shipshape', async () => {
    cluster.server.put(structuredClone(DEPLOYMENT));
    const opened = await openForEdit(cluster.api, WEB);
    const before = cluster.server.get('apps/v1', 'Deployment', 'default', 'web')!;
    const text = opened.text.replace('image: example/web:1.0', 'image: example/web:1.1');
    const review = await reviewEdit(cluster.api, WEB, text, { resourceVersion: opened.resourceVersion });
    assert.deepEqual(review.problems, []);
    assert.equal(review.changed, true);
    assert.equal(review.changedOnServer, undefined);
    assert.deepEqual(cluster.server.get('apps/v1', 'Deployment', 'default', 'web'), before);
    const patch = cluster.server.requests.find((r) => r.method === 'PATCH')!;
    assert.equal(patch.query.get('dryRun'), 'All');
    assert.equal(patch.query.get('fieldManager'), 'shipshape');
    assert.equal(patch.query.get('force'), null);
    assert.match(review.liveText, /image: example\/web:1\.0/);
    assert.match(review.dryRunText, /image: example\/web:1\.1/);
    assert.ok(!review.dryRunText.includes('managedFields'));

    await applyEdit(cluster.api, review);
    const after = cluster.server.get('apps/v1', 'Deployment', 'default', 'web')!;
    const spec = after.spec as typeof DEPLOYMENT.spec;
    assert.equal(spec.template.spec.containers[0].image, 'example/web:1.1');
    assert.deepEqual(
      (after.metadata.managedFields as { manager: string; operation: string }[]).map((f) => [f.manager, f.operation]),
      [['shipshape', 'Apply']],
    );
  });

  it('an unchanged save reviews as unchanged', async () => {
    cluster.server.put(structuredClone(DEPLOYMENT));
    const opened = await openForEdit(cluster.api, WEB);
    const review = await reviewEdit(cluster.api, WEB, opened.text);
    assert.deepEqual(review.problems, []);
    assert.equal(review.changed, false);
  });

  it('says when the object changed on the server since it was opened', async () => {
    cluster.server.put(structuredClone(DEPLOYMENT));
    const opened = await openForEdit(cluster.api, WEB);
    const changed = structuredClone(DEPLOYMENT);
    changed.spec.replicas = 5;
    cluster.server.put(changed);
    const now = cluster.server.get('apps/v1', 'Deployment', 'default', 'web')!.metadata.resourceVersion!;
    const review = await reviewEdit(cluster.api, WEB, opened.text, { resourceVersion: opened.resourceVersion });
    assert.deepEqual(review.changedOnServer, { from: opened.resourceVersion, to: now });
  });

  it('a conflict with another field manager lands on each conflicting field; force takes them over', async () => {
    await patchObject(cluster.api, WEB, 'apply', DEPLOYMENT, { fieldManager: 'helm' });
    const opened = await openForEdit(cluster.api, WEB);
    const text = opened.text.replace('replicas: 2', 'replicas: 4').replace('image: example/web:1.0', 'image: example/web:2.0');
    const review = await reviewEdit(cluster.api, WEB, text);
    assert.equal(review.dryRun, undefined);
    assert.deepEqual(
      review.conflicts.map((c) => [c.manager, c.field, text.slice(c.start, c.end)]),
      [
        ['helm', '.spec.replicas', '4'],
        ['helm', '.spec.template.spec.containers', 'containers'],
      ],
    );
    const replicas = review.conflicts.find((c) => c.field === '.spec.replicas')!;
    assert.equal(replicas.start, text.indexOf('replicas: 4') + 'replicas: '.length);
    assert.ok(review.problems.every((p) => p.source === 'conflict'));
    assert.equal(
      review.problems[0].message,
      'Conflict: field .spec.replicas is managed by "helm" and set to another value there. Choose Force to take it over.',
    );
    await assert.rejects(applyEdit(cluster.api, review), /not accepted by the dry-run/);
    assert.equal((cluster.server.get('apps/v1', 'Deployment', 'default', 'web')!.spec as { replicas: number }).replicas, 2);

    const forced = await reviewEdit(cluster.api, WEB, text, { force: true });
    assert.deepEqual(forced.problems, []);
    assert.equal(forced.forced, true);
    await applyEdit(cluster.api, forced);
    const last = cluster.server.requests.filter((r) => r.method === 'PATCH').at(-1)!;
    assert.equal(last.query.get('force'), 'true');
    assert.equal(last.query.get('dryRun'), null);
    assert.equal((cluster.server.get('apps/v1', 'Deployment', 'default', 'web')!.spec as { replicas: number }).replicas, 4);
  });

  it('refuses a text that renames the object or holds several, and sends nothing', async () => {
    cluster.server.put(structuredClone(DEPLOYMENT));
    const opened = await openForEdit(cluster.api, WEB);
    const renamed = opened.text.replace('name: web', 'name: web2');
    const review = await reviewEdit(cluster.api, WEB, renamed);
    assert.equal(review.problems.length, 1);
    assert.equal(renamed.slice(review.problems[0].start, review.problems[0].end), 'web2');
    assert.match(review.problems[0].message, /^This edits Deployment default\/web: metadata\.name must stay "web" \(it is "web2"\)/);
    const two = await reviewEdit(cluster.api, WEB, `${opened.text}---\n${opened.text}`);
    assert.match(two.problems[0].message, /exactly the one object being edited \(it holds 2\)/);
    assert.equal(cluster.server.requests.filter((r) => r.method === 'PATCH').length, 0);
  });

  it('keeps the text when the object was deleted meanwhile', async () => {
    cluster.server.put(structuredClone(DEPLOYMENT));
    const opened = await openForEdit(cluster.api, WEB);
    cluster.server.remove('apps/v1', 'Deployment', 'default', 'web');
    const review = await reviewEdit(cluster.api, WEB, opened.text);
    assert.equal(review.problems[0].message, 'Deployment default/web no longer exists in the cluster; your text is kept.');
    assert.equal(opened.text.slice(review.problems[0].start, review.problems[0].end), 'web');
  });

  it('a Secret shows base64 data by default and decoded values under stringData on request, re-encoded on save', async () => {
    const secret: LiveTarget = { apiVersion: 'v1', kind: 'Secret', namespace: 'default', name: 'db' };
    cluster.server.put({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db', namespace: 'default' },
      type: 'Opaque',
      data: { password: Buffer.from('hunter2').toString('base64'), blob: Buffer.from([0xff, 0x00, 0x01]).toString('base64') },
    });
    const plain = await openForEdit(cluster.api, secret);
    assert.match(plain.text, /\ndata:\n {2}password: aHVudGVyMg==\n {2}blob: \/wAB\n/);
    assert.ok(!plain.text.includes('hunter2'));

    const decoded = await openForEdit(cluster.api, secret, { decoded: true });
    assert.equal(decoded.decoded, true);
    // Bytes that are not text stay base64 in data.
    assert.match(decoded.text, /\ndata:\n {2}blob: \/wAB\n/);
    assert.match(decoded.text, /\nstringData:\n {2}password: hunter2\n/);

    const text = decoded.text.replace('password: hunter2', 'password: "correct horse"');
    const review = await reviewEdit(cluster.api, secret, text, { decoded: true });
    assert.deepEqual(review.problems, []);
    assert.equal(review.changed, true);
    assert.ok(!review.dryRunText.includes('correct horse'), 'the diff hides Secret values');
    assert.deepEqual(review.object!.data, { blob: '/wAB', password: Buffer.from('correct horse').toString('base64') });
    assert.equal(review.object!.stringData, undefined);
    await applyEdit(cluster.api, review);
    const stored = cluster.server.get('v1', 'Secret', 'default', 'db')!;
    assert.equal(Buffer.from((stored.data as Record<string, string>).password, 'base64').toString('utf8'), 'correct horse');
    assert.equal(stored.stringData, undefined);
  });

  it('decoding is for Secrets only, and editableObject drops status', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', uid: 'u' }, data: { a: 'YQ==' }, status: {} };
    assert.deepEqual(editableObject(cm, true), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'YQ==' } });
    assert.deepEqual(encodeSecret({ ...cm, stringData: { b: 'x' } }), { ...cm, stringData: { b: 'x' } });
  });

  it('reads conflicts in both of the API server forms', () => {
    assert.deepEqual(conflictFields('Apply failed with 1 conflict: conflict with "helm" using apps/v1: .spec.replicas'), [
      { manager: 'helm', field: '.spec.replicas' },
    ]);
    assert.deepEqual(
      conflictFields(
        'Apply failed with 2 conflicts: conflicts with "kubectl-client-side-apply" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name="app"].image',
      ),
      [
        { manager: 'kubectl-client-side-apply', field: '.spec.replicas' },
        { manager: 'kubectl-client-side-apply', field: '.spec.template.spec.containers[name="app"].image' },
      ],
    );
  });

  it('Go to resource lists objects of every kind (custom ones from discovery), in a namespace or in all', async () => {
    cluster.server.addType({
      group: 'example.com',
      version: 'v1',
      kind: 'Widget',
      plural: 'widgets',
      singular: 'widget',
      namespaced: true,
    });
    cluster.server.put(structuredClone(DEPLOYMENT));
    cluster.server.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'shop' } });
    cluster.server.put({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1', namespace: 'default' } });
    const all = await resourcesAcrossKinds(cluster.api, undefined);
    assert.deepEqual(all.problems, []);
    assert.deepEqual(
      all.items.map((i) => `${i.apiVersion} ${i.kind} ${i.namespace}/${i.name}`),
      ['apps/v1 Deployment default/web', 'v1 ConfigMap shop/settings', 'example.com/v1 Widget default/w1'],
    );
    const shop = await resourcesAcrossKinds(cluster.api, 'shop');
    assert.deepEqual(
      shop.items.map((i) => i.name),
      ['settings'],
    );
    cluster.server.forbid(/configmaps/);
    const refused = await resourcesAcrossKinds(cluster.api, undefined);
    assert.equal(refused.items.length, 2);
    assert.equal(refused.problems.length, 1);
    assert.match(refused.problems[0], /^ConfigMaps: Forbidden/);
  });
});
