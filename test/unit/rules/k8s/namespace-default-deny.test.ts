import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { enable, fixture } from './fixtures';

const ID = 'k8s/namespace-default-deny';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID, config: enable(ID) })), [
      { ruleId: ID, range: [3, 8, 3, 12] },
    ]);
  });
  it('does not flag the good fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID, config: enable(ID) }), []);
  });
  it('finds the policy in another file', () => {
    const [ns, np] = fixture(ID, 'good.yaml').split('---\n');
    assert.deepEqual(lintString(ns!, { only: ID, config: enable(ID), files: { 'np.yaml': np! } }), []);
    assert.equal(lintString(ns!, { only: ID, config: enable(ID) }).length, 1);
  });
});
