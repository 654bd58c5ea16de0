import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { enable, fixture } from './fixtures';

const ID = 'k8s/required-metadata';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID, config: enable(ID) })), [{ ruleId: ID, range: [2, 0, 2, 8] }]);
  });
  it('does not flag the good fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID, config: enable(ID) }), []);
  });
  it('checks annotations, and that an email annotation holds an address', () => {
    const config = `rules:\n  ${ID}:\n    severity: info\n    labels: []\n    annotations: [email]\n`;
    assert.deepEqual(summary(lintString(fixture(ID, 'good.yaml'), { only: ID, config })), [{ ruleId: ID, range: [2, 0, 2, 8] }]);
    const bad = fixture(ID, 'good.yaml').replace('  labels:', '  annotations:\n    email: team-shop\n  labels:');
    assert.deepEqual(summary(lintString(bad, { only: ID, config })), [{ ruleId: ID, range: [6, 11, 6, 20] }]);
    const good = bad.replace('email: team-shop', 'email: shop@example.com');
    assert.deepEqual(lintString(good, { only: ID, config }), []);
  });
});
