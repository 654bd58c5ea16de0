import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/rbac-pod-exec';
const role = (rule: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: r\nrules:\n  - ${rule}\n`;

describe(ID, () => {
  it('flags pods/exec and a resource wildcard on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [
      { ruleId: ID, range: [10, 16, 10, 27] },
      { ruleId: ID, range: [20, 8, 20, 11] },
    ]);
  });
  it('does not flag read-only roles, other API groups or verbs that open no stream', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('flags pods/attach with the get verb', () => {
    assert.deepEqual(summary(lintString(role('{apiGroups: [""], resources: [pods/attach], verbs: [get]}'), { only: ID })), [
      { ruleId: ID, range: [5, 34, 5, 45] },
    ]);
  });
  it('does not flag a rule without the core group', () => {
    assert.deepEqual(lintString(role('{apiGroups: [apps], resources: ["*"], verbs: ["*"]}'), { only: ID }), []);
  });
});
