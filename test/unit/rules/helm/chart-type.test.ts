import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';

const ID = 'helm/chart-type';
const lint = (text: string) => summary(lintString(text, { filename: 'c/Chart.yaml', only: ID }));

describe(ID, () => {
  it('flags an unknown type on its value', () => {
    assert.deepEqual(lint('apiVersion: v2\nname: demo\nversion: 0.1.0\ntype: app\n'), [{ ruleId: ID, range: [3, 6, 3, 9] }]);
  });
  it('flags a type in a v1 chart', () => {
    assert.deepEqual(lint('apiVersion: v1\nname: demo\nversion: 0.1.0\ntype: library\n'), [{ ruleId: ID, range: [3, 6, 3, 13] }]);
  });
  it('does not flag application, library or no type', () => {
    assert.deepEqual(lint('apiVersion: v2\nname: demo\nversion: 0.1.0\ntype: application\n'), []);
    assert.deepEqual(lint('apiVersion: v2\nname: demo\nversion: 0.1.0\ntype: library\n'), []);
    assert.deepEqual(lint('apiVersion: v2\nname: demo\nversion: 0.1.0\n'), []);
  });
});
