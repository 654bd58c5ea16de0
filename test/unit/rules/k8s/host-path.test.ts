import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/host-path';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [
      { ruleId: ID, range: [24, 18, 24, 30] },
      { ruleId: ID, range: [27, 18, 27, 22] },
    ]);
  });
  it('does not flag the hardened fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('reports only the sensitive directory with sensitiveOnly', () => {
    const config = `rules:\n  ${ID}:\n    sensitiveOnly: true\n`;
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID, config })), [{ ruleId: ID, range: [27, 18, 27, 22] }]);
  });
});
