import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';
import { unreadableObject } from './unreadable';

const ID = 'k8s/reference-missing';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [
      { ruleId: ID, range: [15, 26, 15, 29] },
      { ruleId: ID, range: [24, 22, 24, 32] },
    ]);
  });
  it('does not flag the hardened fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('stays silent when a manifest YAML cannot read holds the referenced name, and flags when none does', () => {
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: a:1\n      envFrom:\n        - configMapRef:\n            name: app-config\n';
    const files = (name: string) => ({
      'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n',
      'broken.yaml': unreadableObject('ConfigMap', name),
    });
    assert.deepEqual(summary(lintString(pod, { filename: 'pod.yaml', files: files('app-config'), only: ID })), []);
    assert.deepEqual(summary(lintString(pod, { filename: 'pod.yaml', files: files('db-config'), only: ID })), [
      { ruleId: ID, range: [10, 18, 10, 28] },
    ]);
  });
});
