import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { enable, fixture } from './fixtures';

const ID = 'k8s/rbac-wildcard';

describe(ID, () => {
  it('flags each * in resources and verbs', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID, config: enable(ID) })), [
      { ruleId: ID, range: [6, 16, 6, 19] },
      { ruleId: ID, range: [11, 8, 11, 11] },
    ]);
  });
  it('does not flag * in apiGroups by default', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID, config: enable(ID) }), []);
  });
  it('flags * in apiGroups with the apiGroups option', () => {
    const config = `rules:\n  ${ID}:\n    severity: warning\n    apiGroups: true\n`;
    assert.deepEqual(summary(lintString(fixture(ID, 'good.yaml'), { only: ID, config })), [{ ruleId: ID, range: [5, 16, 5, 19] }]);
  });
  it('is off unless enabled', () => {
    assert.deepEqual(lintString(fixture(ID, 'bad.yaml'), { only: ID }), []);
  });
});
