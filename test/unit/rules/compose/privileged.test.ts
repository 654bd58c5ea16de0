import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';

const ID = 'compose/privileged';
const lintCompose = (text: string) => lintString(text, { filename: 'compose.yaml', only: ID });

describe(ID, () => {
  it('flags privileged: true on the value', () => {
    assert.deepEqual(summary(lintCompose('services:\n  a:\n    image: x:1\n    privileged: true\n')), [
      { ruleId: ID, range: [3, 16, 3, 20] },
    ]);
  });
  it('does not flag privileged: false or its absence', () => {
    assert.deepEqual(lintCompose('services:\n  a:\n    image: x:1\n    privileged: false\n  b:\n    image: x:1\n'), []);
  });
});
