import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';
import { unreadableDeployment } from './unreadable';

const ID = 'k8s/hpa-target-missing';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [31, 10, 31, 22] }]);
  });
  it('does not flag the hardened fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('stays silent when a manifest YAML cannot read holds the target name, and flags when none does', () => {
    const hpa =
      'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  minReplicas: 2\n  maxReplicas: 5\n';
    assert.deepEqual(
      summary(lintString(hpa, { filename: 'hpa.yaml', files: { 'deploy.yaml': unreadableDeployment('web') }, only: ID })),
      [],
    );
    assert.deepEqual(summary(lintString(hpa, { filename: 'hpa.yaml', files: { 'deploy.yaml': unreadableDeployment('api') }, only: ID })), [
      { ruleId: ID, range: [8, 10, 8, 13] },
    ]);
  });
});
