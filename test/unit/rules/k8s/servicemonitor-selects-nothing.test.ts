import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/servicemonitor-selects-nothing';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [21, 2, 21, 10] }]);
  });
  it('does not flag the good fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('honours namespaceSelector matchNames', () => {
    const text = fixture(ID, 'good.yaml').replace('  endpoints:', '  namespaceSelector:\n    matchNames: [billing]\n  endpoints:');
    assert.deepEqual(summary(lintString(text, { only: ID })), [{ ruleId: ID, range: [21, 2, 21, 10] }]);
  });
  it('stays quiet when the workspace has no Services', () => {
    const text = fixture(ID, 'bad.yaml').split('---\n')[1]!;
    assert.deepEqual(lintString(text, { only: ID }), []);
  });
});
