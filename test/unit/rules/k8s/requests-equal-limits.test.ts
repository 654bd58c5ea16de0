import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { enable, fixture } from './fixtures';

const ID = 'k8s/requests-equal-limits';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID, config: enable(ID) })), [
      { ruleId: ID, range: [20, 19, 20, 23] },
    ]);
  });
  it('does not flag the good fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID, config: enable(ID) }), []);
  });
  it('flags a request without a limit and accepts a limit without a request', () => {
    const text = fixture(ID, 'good.yaml')
      .replace('              cpu: 500m\n', '')
      .replace('              memory: 256Mi\n            limits', '            limits');
    assert.deepEqual(summary(lintString(text, { only: ID, config: enable(ID) })), [{ ruleId: ID, range: [20, 19, 20, 24] }]);
  });
  it('checks ephemeral storage when the option lists it', () => {
    const text = fixture(ID, 'good.yaml').replace('cpu: "0.5"', 'cpu: "0.5"\n              ephemeral-storage: 1Gi');
    assert.deepEqual(lintString(text, { only: ID, config: enable(ID) }), []);
    const config = `rules:\n  ${ID}:\n    severity: info\n    resources: [ephemeral-storage]\n`;
    assert.deepEqual(summary(lintString(text, { only: ID, config })), [{ ruleId: ID, range: [21, 33, 21, 36] }]);
  });
});
