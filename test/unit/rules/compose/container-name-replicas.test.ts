import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';

const ID = 'compose/container-name-replicas';
const lintCompose = (text: string) => lintString(text, { filename: 'compose.yaml', only: ID });

describe(ID, () => {
  it('flags container_name with replicas above one, on the name', () => {
    assert.deepEqual(summary(lintCompose('services:\n  w:\n    image: a:1\n    container_name: w\n    deploy:\n      replicas: 2\n')), [
      { ruleId: ID, range: [3, 20, 3, 21] },
    ]);
  });
  it('does not flag one replica or no container_name', () => {
    assert.deepEqual(lintCompose('services:\n  w:\n    image: a:1\n    container_name: w\n    deploy:\n      replicas: 1\n'), []);
    assert.deepEqual(lintCompose('services:\n  w:\n    image: a:1\n    deploy:\n      replicas: 4\n'), []);
  });
});
