import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { enable, fixture } from './fixtures';

const ID = 'k8s/deployment-replicas';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID, config: enable(ID) })), [
      { ruleId: ID, range: [6, 12, 6, 13] },
    ]);
  });
  it('does not flag the good fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID, config: enable(ID) }), []);
  });
  it('counts a missing replicas as 1, reported on spec', () => {
    const text = fixture(ID, 'good.yaml').replace('  replicas: 3\n', '');
    assert.deepEqual(summary(lintString(text, { only: ID, config: enable(ID) })), [{ ruleId: ID, range: [5, 0, 5, 4] }]);
  });
  it('leaves a workload an HPA scales to the HPA', () => {
    const hpa =
      'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 2\n  maxReplicas: 5\n';
    assert.deepEqual(lintString(fixture(ID, 'bad.yaml'), { only: ID, config: enable(ID), files: { 'hpa.yaml': hpa } }), []);
  });
  it('takes the minimum from the minReplicas option', () => {
    const config = `rules:\n  ${ID}:\n    severity: info\n    minReplicas: 2\n`;
    assert.deepEqual(lintString(fixture(ID, 'bad.yaml'), { only: ID, config }), []);
  });
});
