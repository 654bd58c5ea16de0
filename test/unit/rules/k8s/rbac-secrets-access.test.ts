import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { enable, fixture } from './fixtures';

const ID = 'k8s/rbac-secrets-access';
const binding =
  'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: b\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: r\n';
const role = (rule: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: r\nrules:\n  - ${rule}\n`;

describe(ID, () => {
  it('flags the binding of a role that reads Secrets', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID, config: enable(ID) })), [
      { ruleId: ID, range: [21, 8, 21, 21] },
    ]);
  });
  it('does not flag a role that only updates Secrets', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID, config: enable(ID) }), []);
  });
  it('counts * in resources and verbs', () => {
    const files = { 'role.yaml': role('{apiGroups: [""], resources: ["*"], verbs: ["*"]}') };
    assert.deepEqual(summary(lintString(binding, { only: ID, config: enable(ID), files })), [{ ruleId: ID, range: [7, 8, 7, 9] }]);
  });
  it('does not flag a binding whose role is not in the workspace', () => {
    assert.deepEqual(lintString(binding, { only: ID, config: enable(ID) }), []);
  });
});
