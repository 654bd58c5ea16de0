import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';
import { deployment, unreadableDeployment } from './unreadable';

const ID = 'k8s/networkpolicy-selects-nothing';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [28, 2, 28, 13] }]);
  });
  it('does not flag the hardened fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('stays silent when a manifest YAML cannot read holds the labels, and flags when none does', () => {
    const np =
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n  policyTypes: [Ingress]\n';
    const files = (app: string) => ({ 'other.yaml': deployment('other'), 'deploy.yaml': unreadableDeployment(app) });
    assert.deepEqual(summary(lintString(np, { filename: 'np.yaml', files: files('web'), only: ID })), []);
    assert.deepEqual(summary(lintString(np, { filename: 'np.yaml', files: files('api'), only: ID })), [
      { ruleId: ID, range: [5, 2, 5, 13] },
    ]);
  });
});
