import { strict as assert } from 'node:assert';
import { applyFirstFix, lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const pod = (extra: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: a:1\n${extra}`;
const ID = 'k8s/capabilities-drop-all';

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
  it('accepts the listed capabilities instead of ALL with the required option', () => {
    const text = pod('      securityContext:\n        capabilities:\n          drop: [NET_RAW]\n');
    assert.deepEqual(summary(lintString(text, { only: ID })), [{ ruleId: ID, range: [10, 16, 10, 25] }]);
    const config = `rules:\n  ${ID}:\n    required: [NET_RAW]\n`;
    assert.deepEqual(lintString(text, { only: ID, config }), []);
    assert.equal(lintString(pod(''), { only: ID, config }).length, 1);
  });
  it('passes a container that drops ALL whatever is required', () => {
    const config = `rules:\n  ${ID}:\n    required: [NET_RAW, CHOWN]\n`;
    assert.deepEqual(lintString(pod('      securityContext:\n        capabilities:\n          drop: [all]\n'), { only: ID, config }), []);
  });
});
