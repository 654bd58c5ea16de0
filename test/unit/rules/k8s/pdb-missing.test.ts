import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/pdb-missing';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [6, 12, 6, 13] }]);
  });
  it('does not flag the hardened fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('reports a workload without replicas only with unsetReplicas', () => {
    const text =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    metadata:\n      labels: {app: d}\n    spec:\n      containers: []\n';
    assert.deepEqual(lintString(text, { only: ID }), []);
    const config = `rules:\n  ${ID}:\n    unsetReplicas: true\n`;
    assert.deepEqual(summary(lintString(text, { only: ID, config })), [{ ruleId: ID, range: [4, 0, 4, 4] }]);
  });
});
