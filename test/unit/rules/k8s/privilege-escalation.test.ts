import { strict as assert } from 'node:assert';
import { applyFirstFix, lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const pod = (extra: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: a:1\n${extra}`;
const ID = 'k8s/privilege-escalation';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [22, 38, 22, 42] }]);
  });
  it('does not flag the hardened fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('fixes the bad fixture into the golden file', () => {
    assert.equal(applyFirstFix(fixture(ID, 'bad.yaml'), ID), fixture(ID, 'bad.fixed.yaml'));
  });
  it('reports only an explicit true with explicitOnly', () => {
    const config = `rules:\n  ${ID}:\n    explicitOnly: true\n`;
    assert.deepEqual(lintString(pod(''), { only: ID, config }), []);
    assert.equal(lintString(pod(''), { only: ID }).length, 1);
    const text = pod('      securityContext:\n        allowPrivilegeEscalation: true\n');
    assert.deepEqual(summary(lintString(text, { only: ID, config })), [{ ruleId: ID, range: [9, 34, 9, 38] }]);
  });
});
