import { strict as assert } from 'node:assert';
import { applyFirstFix, lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const pod = (extra: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: a:1\n${extra}`;
const ID = 'k8s/probes-missing';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [16, 16, 16, 19] }]);
  });
  it('does not flag the hardened fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('fixes the bad fixture into the golden file', () => {
    assert.equal(applyFirstFix(fixture(ID, 'bad.yaml'), ID), fixture(ID, 'bad.fixed.yaml'));
  });
  it('checks the kinds and probes the options list', () => {
    assert.deepEqual(lintString(pod(''), { only: ID }), []);
    const config = `rules:\n  ${ID}:\n    kinds: [Pod]\n    probes: [livenessProbe]\n`;
    assert.deepEqual(summary(lintString(pod(''), { only: ID, config })), [{ ruleId: ID, range: [6, 12, 6, 13] }]);
    const live = pod('      livenessProbe:\n        tcpSocket: {port: 80}\n');
    assert.deepEqual(lintString(live, { only: ID, config }), []);
  });
});
