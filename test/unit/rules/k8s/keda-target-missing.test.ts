import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';
import { deployment, unreadableDeployment } from './unreadable';

const ID = 'k8s/keda-target-missing';
const scaled = (ref: string) =>
  `apiVersion: keda.sh/v1alpha1\nkind: ScaledObject\nmetadata:\n  name: orders\nspec:\n  scaleTargetRef:\n${ref}  triggers:\n    - type: cpu\n      metadata:\n        value: "60"\n`;

describe(ID, () => {
  it('flags the bad fixture on the exact range (kind defaults to Deployment)', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [28, 10, 28, 22] }]);
  });
  it('does not flag the good fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('checks StatefulSet targets by their kind', () => {
    const ref = '    kind: StatefulSet\n    name: web\n';
    assert.deepEqual(summary(lintString(scaled(ref), { filename: 'so.yaml', files: { 'd.yaml': deployment('web') }, only: ID })), [
      { ruleId: ID, range: [7, 10, 7, 13] },
    ]);
  });
  it('reports a scaleTargetRef without a name on the key', () => {
    assert.deepEqual(
      summary(lintString(scaled('    kind: Deployment\n'), { filename: 'so.yaml', files: { 'd.yaml': deployment('web') }, only: ID })),
      [{ ruleId: ID, range: [5, 2, 5, 16] }],
    );
  });
  it('does not check targets of other kinds', () => {
    const ref = '    apiVersion: argoproj.io/v1alpha1\n    kind: Rollout\n    name: web\n';
    assert.deepEqual(lintString(scaled(ref), { filename: 'so.yaml', files: { 'd.yaml': deployment('api') }, only: ID }), []);
  });
  it('stays silent without workloads in the workspace, and when an unreadable manifest holds the name', () => {
    const ref = '    name: web\n';
    assert.deepEqual(lintString(scaled(ref), { filename: 'so.yaml', only: ID }), []);
    assert.deepEqual(
      lintString(scaled(ref), {
        filename: 'so.yaml',
        files: { 'd.yaml': unreadableDeployment('web'), 'e.yaml': deployment('api') },
        only: ID,
      }),
      [],
    );
    assert.deepEqual(summary(lintString(scaled(ref), { filename: 'so.yaml', files: { 'd.yaml': deployment('api') }, only: ID })), [
      { ruleId: ID, range: [6, 10, 6, 13] },
    ]);
  });
});
