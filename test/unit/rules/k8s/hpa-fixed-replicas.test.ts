import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/hpa-fixed-replicas';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [8, 15, 8, 16] }]);
  });
  it('does not flag the good fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('counts an unset minReplicas as 1', () => {
    const text = fixture(ID, 'bad.yaml').replace('  minReplicas: 3\n', '').replace('maxReplicas: 3', 'maxReplicas: 1');
    assert.deepEqual(summary(lintString(text, { only: ID })), [{ ruleId: ID, range: [7, 15, 7, 16] }]);
  });
  it('leaves minReplicas above maxReplicas to hpa-invalid', () => {
    const text = fixture(ID, 'bad.yaml').replace('minReplicas: 3', 'minReplicas: 4');
    assert.deepEqual(lintString(text, { only: ID }), []);
  });
});
