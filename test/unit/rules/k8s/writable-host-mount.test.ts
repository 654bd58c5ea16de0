import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { enable, fixture } from './fixtures';

const ID = 'k8s/writable-host-mount';

describe(ID, () => {
  it('flags the writable mount of a hostPath volume on its name', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID, config: enable(ID) })), [
      { ruleId: ID, range: [25, 20, 25, 24] },
    ]);
  });
  it('does not flag a read-only host mount or other volumes', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID, config: enable(ID) }), []);
  });
  it('flags readOnly: false', () => {
    const text = fixture(ID, 'good.yaml').replace('readOnly: true', 'readOnly: false');
    assert.deepEqual(summary(lintString(text, { only: ID, config: enable(ID) })), [{ ruleId: ID, range: [25, 20, 25, 24] }]);
  });
});
