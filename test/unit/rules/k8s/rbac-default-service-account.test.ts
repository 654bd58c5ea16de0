import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/rbac-default-service-account';

describe(ID, () => {
  it('flags the default service account subject on its name', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [10, 10, 10, 17] }]);
  });
  it('does not flag other service accounts or a user named default', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('flags ClusterRoleBindings too', () => {
    const text =
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: b\nsubjects:\n  - {kind: ServiceAccount, name: default, namespace: shop}\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\n';
    assert.deepEqual(summary(lintString(text, { only: ID })), [{ ruleId: ID, range: [5, 33, 5, 40] }]);
  });
});
