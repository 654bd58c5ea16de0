import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { enable, fixture } from './fixtures';

const ID = 'k8s/secret-env-ref';

describe(ID, () => {
  it('flags a secretKeyRef on its key', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID, config: enable(ID) })), [
      { ruleId: ID, range: [23, 16, 23, 28] },
    ]);
  });
  it('does not flag a Secret mounted as a file or a configMapKeyRef', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID, config: enable(ID) }), []);
  });
  it('is off unless enabled', () => {
    assert.deepEqual(lintString(fixture(ID, 'bad.yaml'), { only: ID }), []);
  });
});
