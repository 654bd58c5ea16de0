import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/pdb-policy-missing';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [5, 0, 5, 4] }]);
  });
  it('does not flag the good fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('accepts minAvailable too', () => {
    const text = fixture(ID, 'good.yaml').replace('maxUnavailable: 1', 'minAvailable: 1');
    assert.deepEqual(lintString(text, { only: ID }), []);
  });
});
