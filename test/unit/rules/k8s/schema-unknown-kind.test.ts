import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';

const ID = 'k8s/schema-unknown-kind';

describe(ID, () => {
  it('flags a misspelt kind of a built-in group on the value', () => {
    const f = lintString('apiVersion: apps/v1\nkind: Deploymnet\nmetadata:\n  name: x\n', { only: ID });
    assert.deepEqual(summary(f), [{ ruleId: ID, range: [1, 6, 1, 16] }]);
    assert.match(f[0]!.message, /did you mean "Deployment"/);
  });
  it('flags core kinds too', () => {
    assert.equal(lintString('apiVersion: v1\nkind: ConfigMpa\nmetadata:\n  name: x\n', { only: ID }).length, 1);
  });
  it('does not flag unknown groups, kinds defined by workspace CRDs, far-off names, or List', () => {
    assert.deepEqual(lintString('apiVersion: example.com/v1\nkind: Deploymnet\nmetadata:\n  name: x\n', { only: ID }), []);
    assert.deepEqual(lintString('apiVersion: coordination.k8s.io/v1beta1\nkind: LeaseCandidate\nmetadata:\n  name: x\n', { only: ID }), []);
    assert.deepEqual(lintString('apiVersion: v1\nkind: List\nitems: []\n', { only: ID }), []);
    const crd =
      'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: deploymnets.apps\nspec:\n  group: apps\n  names: {kind: Deploymnet, plural: deploymnets}\n  scope: Namespaced\n  versions: [{name: v1, served: true, storage: true}]\n';
    assert.deepEqual(
      lintString('apiVersion: apps/v1\nkind: Deploymnet\nmetadata:\n  name: x\n', { only: ID, files: { 'crd.yaml': crd } }),
      [],
    );
  });
});
