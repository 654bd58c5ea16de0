import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { enable, fixture } from './fixtures';

const ID = 'k8s/instance-label';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID, config: enable(ID) })), [
      { ruleId: ID, range: [6, 32, 6, 36] },
    ]);
  });
  it('does not flag the good fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID, config: enable(ID) }), []);
  });
  it('flags a workload without the label on metadata', () => {
    const text = fixture(ID, 'good.yaml').replace('  labels:\n    app.kubernetes.io/instance: web\n', '');
    assert.deepEqual(summary(lintString(text, { only: ID, config: enable(ID) })), [{ ruleId: ID, range: [2, 0, 2, 8] }]);
  });
  it('is off unless enabled', () => {
    assert.deepEqual(lintString(fixture(ID, 'bad.yaml'), { only: ID }), []);
  });
});
