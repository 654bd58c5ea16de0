import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/ssh-port';

describe(ID, () => {
  it('flags container port 22 on its value', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [20, 29, 20, 31] }]);
  });
  it('does not flag port 22 over UDP', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('flags an explicit TCP protocol', () => {
    const text = fixture(ID, 'good.yaml').replace('protocol: UDP', 'protocol: TCP');
    assert.deepEqual(summary(lintString(text, { only: ID })), [{ ruleId: ID, range: [20, 29, 20, 31] }]);
  });
});
