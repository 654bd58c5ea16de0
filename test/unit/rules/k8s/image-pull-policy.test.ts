import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const pod = (extra: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: a:1\n${extra}`;
const ID = 'k8s/image-pull-policy';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [18, 27, 18, 39] }]);
  });
  it('does not flag the hardened fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('asks for Always on every container with requireAlways', () => {
    const config = `rules:\n  ${ID}:\n    requireAlways: true\n`;
    assert.deepEqual(summary(lintString(pod(''), { only: ID, config })), [{ ruleId: ID, range: [7, 13, 7, 16] }]);
    assert.deepEqual(summary(lintString(pod('      imagePullPolicy: IfNotPresent\n'), { only: ID, config })), [
      { ruleId: ID, range: [8, 23, 8, 35] },
    ]);
    assert.deepEqual(lintString(pod('      imagePullPolicy: Always\n'), { only: ID, config }), []);
    assert.deepEqual(lintString(pod(''), { only: ID }), []);
  });
});
