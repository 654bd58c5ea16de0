import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/job-ttl';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [4, 0, 4, 4] }]);
  });
  it('does not flag the hardened fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('treats annotations that are not a mapping as none', () => {
    const text =
      'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: once\n  annotations: ar\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{ name: a, image: a:1 }]\n';
    assert.deepEqual(summary(lintString(text, { only: ID })), [{ ruleId: ID, range: [5, 0, 5, 4] }]);
  });
});
