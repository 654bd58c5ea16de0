import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';
import { deployment, unreadableDeployment } from './unreadable';

const ID = 'k8s/pdb-selects-nothing';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [29, 2, 29, 10] }]);
  });
  it('does not flag the hardened fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('stays silent when a manifest YAML cannot read holds the labels, and flags when none does', () => {
    const pdb =
      'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  minAvailable: 1\n  selector:\n    matchLabels:\n      app: web\n';
    const files = (app: string) => ({ 'other.yaml': deployment('other'), 'deploy.yaml': unreadableDeployment(app) });
    assert.deepEqual(summary(lintString(pdb, { filename: 'pdb.yaml', files: files('web'), only: ID })), []);
    assert.deepEqual(summary(lintString(pdb, { filename: 'pdb.yaml', files: files('api'), only: ID })), [
      { ruleId: ID, range: [6, 2, 6, 10] },
    ]);
  });
});
