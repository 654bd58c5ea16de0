import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';

const ID = 'helm/chart-api-version';
const lint = (text: string) => summary(lintString(text, { filename: 'c/Chart.yaml', only: ID }));

describe(ID, () => {
  it('flags v1 as deprecated, on the value, as a warning', () => {
    const f = lintString('apiVersion: v1\nname: demo\nversion: 0.1.0\n', { filename: 'c/Chart.yaml', only: ID });
    assert.deepEqual(summary(f), [{ ruleId: ID, range: [0, 12, 0, 14] }]);
    assert.equal(f[0]!.severity, 'warning');
  });
  it('flags an unknown apiVersion as an error', () => {
    const f = lintString('apiVersion: v3\nname: demo\nversion: 0.1.0\n', { filename: 'c/Chart.yaml', only: ID });
    assert.deepEqual(summary(f), [{ ruleId: ID, range: [0, 12, 0, 14] }]);
    assert.equal(f[0]!.severity, 'error');
  });
  it('flags a missing apiVersion on the first key', () => {
    assert.deepEqual(lint('name: demo\nversion: 0.1.0\n'), [{ ruleId: ID, range: [0, 0, 0, 4] }]);
  });
  it('does not flag v2', () => {
    assert.deepEqual(lint('apiVersion: v2\nname: demo\nversion: 0.1.0\n'), []);
  });
  it('does not run outside a chart', () => {
    assert.deepEqual(summary(lintString('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n', { filename: 'cm.yaml', only: ID })), []);
  });
});
