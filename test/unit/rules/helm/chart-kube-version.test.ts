import { strict as assert } from 'node:assert';
import { constraintProblem } from '../../../../server/src/helm/semver';
import { lintString, summary } from '../../helpers';

const ID = 'helm/chart-kube-version';
const lint = (c: string) =>
  summary(lintString(`apiVersion: v2\nname: demo\nversion: 0.1.0\nkubeVersion: ${c}\n`, { filename: 'c/Chart.yaml', only: ID }));

describe(ID, () => {
  it('flags a constraint Helm cannot parse, on the value', () => {
    assert.deepEqual(lint('"at least 1.25"'), [{ ruleId: ID, range: [3, 13, 3, 28] }]);
    assert.deepEqual(lint('">= 1.25 ||"'), [{ ruleId: ID, range: [3, 13, 3, 25] }]);
  });
  it('does not flag valid constraints', () => {
    for (const c of ['">=1.25.0-0"', '">=1.25.0-0 <1.35.0"', '"~1.30"', '"^1.28 || ^1.30"', '"1.28 - 1.31"', '">= 1.22, < 2.0"', '"1.x"']) {
      assert.deepEqual(lint(c), [], c);
    }
  });
  it('checks the constraint grammar directly', () => {
    assert.equal(constraintProblem('>=1.2.3'), undefined);
    assert.ok(constraintProblem('>>1.2'));
    assert.ok(constraintProblem(''));
  });
});
