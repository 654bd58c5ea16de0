import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/restart-policy';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [11, 25, 11, 31] }]);
  });
  it('does not flag the good fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('flags an unset restartPolicy of a Job on containers', () => {
    const text =
      'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          image: a:1\n';
    assert.deepEqual(summary(lintString(text, { only: ID })), [{ ruleId: ID, range: [7, 6, 7, 16] }]);
  });
  it('reports Never only with allowNever: false', () => {
    const text = fixture(ID, 'good.yaml').replace('OnFailure', 'Never');
    assert.deepEqual(lintString(text, { only: ID }), []);
    const config = `rules:\n  ${ID}:\n    allowNever: false\n`;
    const found = lintString(text, { only: ID, config });
    assert.deepEqual(summary(found), [{ ruleId: ID, range: [11, 25, 11, 30] }]);
    assert.equal(found[0]!.severity, 'warning');
  });
});
