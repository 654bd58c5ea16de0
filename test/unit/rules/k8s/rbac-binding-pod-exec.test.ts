import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/rbac-binding-pod-exec';
const binding = (kind: string, name: string) =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: b\n  namespace: shop\nsubjects:\n  - kind: Group\n    name: g\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ${kind}\n  name: ${name}\n`;
const execRole =
  'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: debug\n  namespace: shop\nrules:\n  - apiGroups: [""]\n    resources: [pods/exec]\n    verbs: [create]\n';

describe(ID, () => {
  it('flags bindings of an exec role and of the built-in edit role on the roleRef name', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [
      { ruleId: ID, range: [22, 8, 22, 16] },
      { ruleId: ID, range: [36, 8, 36, 12] },
    ]);
  });
  it('does not flag bindings of read-only roles or of the built-in view role', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('finds the role in another file of the workspace', () => {
    assert.deepEqual(summary(lintString(binding('Role', 'debug'), { only: ID, files: { 'role.yaml': execRole } })), [
      { ruleId: ID, range: [11, 8, 11, 13] },
    ]);
  });
  it('does not match a Role of another namespace', () => {
    const other = execRole.replace('namespace: shop', 'namespace: billing');
    assert.deepEqual(lintString(binding('Role', 'debug'), { only: ID, files: { 'role.yaml': other } }), []);
  });
  it('leaves a role that is not in the workspace alone unless missingRole is set', () => {
    assert.deepEqual(lintString(binding('Role', 'elsewhere'), { only: ID }), []);
    const config = `rules:\n  ${ID}:\n    missingRole: true\n`;
    assert.deepEqual(summary(lintString(binding('Role', 'elsewhere'), { only: ID, config })), [{ ruleId: ID, range: [11, 8, 11, 17] }]);
  });
});
