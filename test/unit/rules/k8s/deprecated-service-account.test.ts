import { strict as assert } from 'node:assert';
import { applyFirstFix, lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/deprecated-service-account';

describe(ID, () => {
  it('flags the serviceAccount key', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [15, 6, 15, 20] }]);
  });
  it('does not flag serviceAccountName', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('renames the key into the golden file', () => {
    assert.equal(applyFirstFix(fixture(ID, 'bad.yaml'), ID), fixture(ID, 'bad.fixed.yaml'));
  });
  it('flags both fields together but offers no rename', () => {
    const text = fixture(ID, 'bad.yaml').replace('serviceAccount: web\n', 'serviceAccount: web\n      serviceAccountName: api\n');
    assert.deepEqual(summary(lintString(text, { only: ID })), [{ ruleId: ID, range: [15, 6, 15, 20] }]);
    assert.throws(() => applyFirstFix(text, ID), /offered no fix/);
  });
});
