import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const pod = (extra: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: a:1\n${extra}`;
const ID = 'k8s/dangerous-capabilities';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [
      { ruleId: ID, range: [24, 18, 24, 27] },
      { ruleId: ID, range: [26, 18, 26, 27] },
    ]);
  });
  it('does not flag the hardened fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('reports only the capabilities the option lists', () => {
    const text = pod('      securityContext:\n        capabilities:\n          add: [SYS_PTRACE, NET_ADMIN]\n');
    assert.equal(lintString(text, { only: ID }).length, 2);
    const config = `rules:\n  ${ID}:\n    capabilities: [ALL, SYS_ADMIN, NET_ADMIN]\n`;
    assert.deepEqual(summary(lintString(text, { only: ID, config })), [{ ruleId: ID, range: [10, 28, 10, 37] }]);
  });
});
