import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { enable, fixture } from './fixtures';

const ID = 'k8s/rbac-create-pods';
const binding =
  'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: b\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: r\n';
const role = (rule: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: r\nrules:\n  - ${rule}\n`;

describe(ID, () => {
  it('flags the binding of a role that creates Jobs', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID, config: enable(ID) })), [
      { ruleId: ID, range: [20, 8, 20, 18] },
    ]);
  });
  it('does not flag a role without create', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID, config: enable(ID) }), []);
  });
  it('flags create on pods and * verbs on deployments', () => {
    for (const rule of [
      '{apiGroups: [""], resources: [pods], verbs: [create]}',
      '{apiGroups: [apps], resources: [deployments], verbs: ["*"]}',
    ]) {
      assert.deepEqual(summary(lintString(binding, { only: ID, config: enable(ID), files: { 'role.yaml': role(rule) } })), [
        { ruleId: ID, range: [7, 8, 7, 9] },
      ]);
    }
  });
  it('does not flag create on other resources', () => {
    const files = { 'role.yaml': role('{apiGroups: [""], resources: [configmaps], verbs: [create]}') };
    assert.deepEqual(lintString(binding, { only: ID, config: enable(ID), files }), []);
  });
});
