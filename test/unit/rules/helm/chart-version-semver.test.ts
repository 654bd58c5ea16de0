import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';

const ID = 'helm/chart-version-semver';
const lint = (v: string) => lintString(`apiVersion: v2\nname: demo\nversion: ${v}\n`, { filename: 'c/Chart.yaml', only: ID });

describe(ID, () => {
  it('flags a non-version as an error on the value', () => {
    const f = lint('latest');
    assert.deepEqual(summary(f), [{ ruleId: ID, range: [2, 9, 2, 15] }]);
    assert.equal(f[0]!.severity, 'error');
  });
  it('flags a YAML number that loses digits', () => {
    assert.deepEqual(summary(lint('1.10')), [{ ruleId: ID, range: [2, 9, 2, 13] }]);
  });
  it('warns on versions Helm reads but are not strict SemVer', () => {
    const f = lint('v1.2.3');
    assert.deepEqual(summary(f), [{ ruleId: ID, range: [2, 9, 2, 15] }]);
    assert.equal(f[0]!.severity, 'warning');
  });
  it('does not flag SemVer 2 versions', () => {
    assert.deepEqual(summary(lint('1.2.3')), []);
    assert.deepEqual(summary(lint('1.2.3-rc.1+build.5')), []);
    assert.deepEqual(summary(lint('"0.1.0"')), []);
  });
});
