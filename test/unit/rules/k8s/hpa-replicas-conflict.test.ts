import { strict as assert } from 'node:assert';
import { applyFirstFix, lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/hpa-replicas-conflict';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [6, 2, 6, 10] }]);
  });
  it('does not flag the hardened fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('fixes the bad fixture into the golden file', () => {
    assert.equal(applyFirstFix(fixture(ID, 'bad.yaml'), ID), fixture(ID, 'bad.fixed.yaml'));
  });
  it('looks for the HPA in other files', () => {
    const hpa = fixture(ID, 'bad.yaml').split('---\n')[1]!;
    const dep = fixture(ID, 'bad.yaml').split('---\n')[0]!;
    assert.equal(lintString(dep, { only: ID, filename: 'dep.yaml', files: { 'hpa.yaml': hpa } }).length, 1);
    assert.deepEqual(lintString(dep, { only: ID }), []);
  });
});
