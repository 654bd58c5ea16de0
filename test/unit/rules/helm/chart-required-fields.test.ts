import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';

const ID = 'helm/chart-required-fields';
const lint = (text: string) => summary(lintString(text, { filename: 'c/Chart.yaml', only: ID }));

describe(ID, () => {
  it('flags a missing version on the first key', () => {
    assert.deepEqual(lint('apiVersion: v2\nname: demo\n'), [{ ruleId: ID, range: [0, 0, 0, 10] }]);
  });
  it('flags an empty name on its key', () => {
    assert.deepEqual(lint('apiVersion: v2\nname:\nversion: 0.1.0\n'), [{ ruleId: ID, range: [1, 0, 1, 4] }]);
  });
  it('flags a name with a slash', () => {
    assert.deepEqual(lint('apiVersion: v2\nname: my/chart\nversion: 0.1.0\n'), [{ ruleId: ID, range: [1, 6, 1, 14] }]);
  });
  it('does not flag a complete chart', () => {
    assert.deepEqual(lint('apiVersion: v2\nname: demo\nversion: 0.1.0\n'), []);
  });
});
