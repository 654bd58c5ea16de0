import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const pod = (extra: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: a:1\n${extra}`;
const ID = 'k8s/run-as-user-id';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [22, 23, 22, 27] }]);
  });
  it('does not flag the hardened fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('asks for high user and group ids, set or not, with strict', () => {
    const config = `rules:\n  ${ID}:\n    strict: true\n`;
    const text = pod('      securityContext:\n        runAsUser: 10001\n');
    assert.deepEqual(lintString(text, { only: ID }), []);
    assert.deepEqual(summary(lintString(text, { only: ID, config })), [{ ruleId: ID, range: [6, 12, 6, 13] }]);
    const ok = pod('      securityContext:\n        runAsUser: 10001\n        runAsGroup: 10001\n');
    assert.deepEqual(lintString(ok, { only: ID, config }), []);
  });
});
