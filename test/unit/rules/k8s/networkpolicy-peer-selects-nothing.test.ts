import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { enable, fixture } from './fixtures';

const ID = 'k8s/networkpolicy-peer-selects-nothing';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID, config: enable(ID) })), [
      { ruleId: ID, range: [32, 10, 32, 21] },
    ]);
  });
  it('does not flag the good fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID, config: enable(ID) }), []);
  });
  it('leaves peers with a namespaceSelector alone', () => {
    const text = fixture(ID, 'bad.yaml').replace('        - podSelector:', '        - namespaceSelector: {}\n          podSelector:');
    assert.deepEqual(lintString(text, { only: ID, config: enable(ID) }), []);
  });
  it('checks egress peers too', () => {
    const text = fixture(ID, 'bad.yaml').replace(
      'policyTypes: [Ingress]\n  ingress:\n    - from:',
      'policyTypes: [Egress]\n  egress:\n    - to:',
    );
    assert.deepEqual(summary(lintString(text, { only: ID, config: enable(ID) })), [{ ruleId: ID, range: [32, 10, 32, 21] }]);
  });
  it('stays quiet when the workspace has no workloads', () => {
    const text = fixture(ID, 'bad.yaml').split('---\n')[1]!;
    assert.deepEqual(lintString(text, { only: ID, config: enable(ID) }), []);
  });
  it('is off unless enabled', () => {
    assert.deepEqual(lintString(fixture(ID, 'bad.yaml'), { only: ID }), []);
  });
});
