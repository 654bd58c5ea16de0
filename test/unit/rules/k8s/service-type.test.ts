import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { enable, fixture } from './fixtures';

const ID = 'k8s/service-type';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID, config: enable(ID) })), [
      { ruleId: ID, range: [8, 8, 8, 20] },
    ]);
  });
  it('does not flag the good fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID, config: enable(ID) }), []);
  });
  it('reports only the types the forbidden option lists', () => {
    const config = `rules:\n  ${ID}:\n    severity: info\n    forbidden: [NodePort]\n`;
    assert.deepEqual(lintString(fixture(ID, 'bad.yaml'), { only: ID, config }), []);
    const text = fixture(ID, 'bad.yaml').replace('LoadBalancer', 'NodePort');
    assert.deepEqual(summary(lintString(text, { only: ID, config })), [{ ruleId: ID, range: [8, 8, 8, 16] }]);
  });
});
