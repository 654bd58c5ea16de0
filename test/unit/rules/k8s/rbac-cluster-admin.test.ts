import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/rbac-cluster-admin';

describe(ID, () => {
  it('flags a binding of cluster-admin and one of a role with every verb on everything', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [
      { ruleId: ID, range: [11, 8, 11, 21] },
      { ruleId: ID, range: [35, 8, 35, 18] },
    ]);
  });
  it("does not flag narrower roles or the cluster's own cluster-admin binding", () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('flags a RoleBinding of the cluster-admin ClusterRole too', () => {
    const text =
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: team\n  namespace: shop\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\n';
    assert.deepEqual(summary(lintString(text, { only: ID })), [{ ruleId: ID, range: [8, 8, 8, 21] }]);
  });
  it('leaves system: bindings alone', () => {
    const text =
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: system:controller:namespace-controller\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\n';
    assert.deepEqual(lintString(text, { only: ID }), []);
  });
});
