import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/label-values';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [7, 13, 7, 27] }]);
  });
  it('does not flag the good fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('flags values longer than 63 characters in a pod template', () => {
    const long = 'a'.repeat(64);
    const text = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    metadata:\n      labels:\n        build: ${long}\n    spec:\n      containers: []\n`;
    assert.deepEqual(summary(lintString(text, { only: ID })), [{ ruleId: ID, range: [8, 15, 8, 79] }]);
  });
});
