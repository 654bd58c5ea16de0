import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { enable, fixture } from './fixtures';

const ID = 'k8s/privileged-ports';

describe(ID, () => {
  it('flags a container port below 1024 on its value', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID, config: enable(ID) })), [
      { ruleId: ID, range: [20, 29, 20, 31] },
    ]);
  });
  it('does not flag ports of 1024 and above', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID, config: enable(ID) }), []);
    const text = fixture(ID, 'good.yaml').replace('containerPort: 8080', 'containerPort: 1024');
    assert.deepEqual(lintString(text, { only: ID, config: enable(ID) }), []);
  });
  it('flags port 1023', () => {
    const text = fixture(ID, 'good.yaml').replace('containerPort: 8080', 'containerPort: 1023');
    assert.deepEqual(summary(lintString(text, { only: ID, config: enable(ID) })), [{ ruleId: ID, range: [20, 29, 20, 33] }]);
  });
});
