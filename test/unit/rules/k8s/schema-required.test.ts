import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';

const ID = 'k8s/schema-required';

describe(ID, () => {
  it('flags a missing required field on the key of its parent', () => {
    const text = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: "nginx:1"}]\n`;
    const f = lintString(text, { only: ID });
    assert.deepEqual(summary(f), [{ ruleId: ID, range: [4, 0, 4, 4] }]);
    assert.equal(f[0]!.message, 'Missing required field "selector" in DeploymentSpec (spec).');
  });
  it('flags a list item on its first key', () => {
    const text = `apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n    - name: http\n      targetPort: 8080\n`;
    assert.deepEqual(summary(lintString(text, { only: ID })), [{ ruleId: ID, range: [6, 6, 6, 10] }]);
  });
  it('does not flag complete objects or mappings with merge keys', () => {
    const text = `apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n    - port: 80\n      name: http\n`;
    assert.deepEqual(lintString(text, { only: ID }), []);
    const merged = `apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n    - <<: {port: 80}\n      name: http\n`;
    assert.deepEqual(lintString(merged, { only: ID }), []);
  });
  it('does not flag files under a kustomization, which may be patches', () => {
    const patch = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n`;
    assert.equal(lintString(patch, { only: ID, filename: 'overlay/replicas.yaml' }).length, 2);
    assert.deepEqual(
      lintString(patch, {
        only: ID,
        filename: 'overlay/replicas.yaml',
        files: { 'kustomization.yaml': 'patches:\n  - path: overlay/replicas.yaml\n' },
      }),
      [],
    );
  });
});
