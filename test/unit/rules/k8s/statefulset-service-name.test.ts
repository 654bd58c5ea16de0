import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/statefulset-service-name';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [6, 15, 6, 17] }]);
  });
  it('does not flag the good fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('flags a missing serviceName on spec', () => {
    const text = fixture(ID, 'good.yaml').replace('  serviceName: db\n', '');
    assert.deepEqual(summary(lintString(text, { only: ID })), [{ ruleId: ID, range: [5, 0, 5, 4] }]);
  });
  it('does not flag a Service that is not in the workspace', () => {
    const text = fixture(ID, 'bad.yaml').split('---\n')[0]!;
    assert.deepEqual(lintString(text, { only: ID }), []);
  });
});
