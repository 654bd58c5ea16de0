import { strict as assert } from 'node:assert';
import { applyFirstFix, lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/read-only-root-tmp';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [22, 36, 22, 40] }]);
  });
  it('does not flag the hardened fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('fixes the bad fixture into the golden file', () => {
    assert.equal(applyFirstFix(fixture(ID, 'bad.yaml'), ID), fixture(ID, 'bad.fixed.yaml'));
  });
  it('counts /tmp written with a trailing slash as /tmp, and nothing else', () => {
    const bad = fixture(ID, 'bad.yaml');
    const withTmp = (path: string) => bad.replace('mountPath: /data', `mountPath: ${path}`);
    assert.deepEqual(lintString(withTmp('/tmp/'), { only: ID }), []);
    assert.deepEqual(lintString(withTmp('/tmp'), { only: ID }), []);
    assert.deepEqual(lintString(withTmp('"/tmp/"'), { only: ID }), []);
    assert.deepEqual(summary(lintString(withTmp('/tmp/cache'), { only: ID })), [{ ruleId: ID, range: [22, 36, 22, 40] }]);
    assert.deepEqual(summary(lintString(withTmp('/var/tmp'), { only: ID })), [{ ruleId: ID, range: [22, 36, 22, 40] }]);
  });
});
