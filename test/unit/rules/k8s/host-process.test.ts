import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/host-process';

describe(ID, () => {
  it('flags hostProcess: true in the pod security context on its value', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [17, 23, 17, 27] }]);
  });
  it('does not flag hostProcess: false', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('flags a container security context too', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: a:1\n      securityContext:\n        windowsOptions: {hostProcess: true}\n';
    assert.deepEqual(summary(lintString(text, { only: ID })), [{ ruleId: ID, range: [9, 38, 9, 42] }]);
  });
});
