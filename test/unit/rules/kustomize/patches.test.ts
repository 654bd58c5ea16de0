import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';

/** A strategic-merge patch that only changes the image, as overlays write them. */
const PATCH =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: registry.example/web:1.4.2\n';

const lintPatch = (text: string, kustomization: string) =>
  summary(lintString(text, { filename: 'overlay/patch.yaml', files: { 'overlay/kustomization.yaml': kustomization } }));

describe('kustomize patches', () => {
  it('runs no whole-object rule on a file listed under patches (by path)', () => {
    assert.deepEqual(lintPatch(PATCH, 'resources:\n  - ../base\npatches:\n  - path: patch.yaml\n'), []);
  });
  it('runs no whole-object rule on a file listed under patchesStrategicMerge', () => {
    assert.deepEqual(lintPatch(PATCH, 'resources:\n  - ../base\npatchesStrategicMerge:\n  - patch.yaml\n'), []);
    assert.deepEqual(lintPatch(PATCH, 'patchesStrategicMerge: [./patch.yaml]\n'), []);
  });
  it('still reports what a patch writes', () => {
    const privileged = PATCH + '          securityContext:\n            privileged: true\n';
    assert.deepEqual(lintPatch(privileged, 'patches:\n  - path: patch.yaml\n'), [
      { ruleId: 'k8s/privileged-container', range: [11, 24, 11, 28] },
    ]);
  });
  it('checks the same file as a whole object when the kustomization lists it as a resource, or not at all', () => {
    const asResource = lintPatch(PATCH, 'resources:\n  - patch.yaml\n').map((f) => f.ruleId);
    assert.ok(asResource.includes('k8s/probes-missing'), asResource.join(', '));
    assert.ok(asResource.includes('k8s/resources-missing'), asResource.join(', '));
    const alone = summary(lintString(PATCH, { filename: 'overlay/patch.yaml' })).map((f) => f.ruleId);
    assert.ok(alone.includes('k8s/probes-missing'), alone.join(', '));
  });
  it('does not report a patch as a duplicate of the object it patches', () => {
    const base =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: { app: web }\n  template:\n    metadata:\n      labels: { app: web }\n    spec:\n      containers:\n        - name: web\n          image: registry.example/web:1.4.1\n';
    const kustomization = 'resources:\n  - deploy.yaml\npatches:\n  - path: patch.yaml\n';
    const found = lintString(base, {
      filename: 'app/deploy.yaml',
      files: { 'app/patch.yaml': PATCH, 'app/kustomization.yaml': kustomization },
      only: 'k8s/duplicate-object',
    });
    assert.deepEqual(summary(found), []);
    const copy = lintString(base, {
      filename: 'app/deploy.yaml',
      files: { 'app/copy.yaml': PATCH, 'app/kustomization.yaml': 'resources:\n  - deploy.yaml\n  - copy.yaml\n' },
      only: 'k8s/duplicate-object',
    });
    assert.deepEqual(summary(copy), [{ ruleId: 'k8s/duplicate-object', range: [3, 8, 3, 11] }]);
  });
});
