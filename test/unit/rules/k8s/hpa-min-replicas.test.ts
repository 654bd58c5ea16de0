import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/hpa-min-replicas';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [10, 15, 10, 16] }]);
  });
  it('does not flag the good fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('counts an unset minReplicas as 1, reported on maxReplicas', () => {
    const text = fixture(ID, 'good.yaml').replace('  minReplicas: 2\n', '');
    assert.deepEqual(summary(lintString(text, { only: ID })), [{ ruleId: ID, range: [10, 2, 10, 13] }]);
  });
  it('takes the minimum from the minReplicas option', () => {
    const config = `rules:\n  ${ID}:\n    minReplicas: 3\n`;
    assert.deepEqual(summary(lintString(fixture(ID, 'good.yaml'), { only: ID, config })), [{ ruleId: ID, range: [10, 15, 10, 16] }]);
  });
});
