import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { enable, fixture } from './fixtures';

const ID = 'k8s/network-policy-missing';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID, config: enable(ID) })), [{ ruleId: ID, range: [1, 0, 1, 4] }]);
  });
  it('does not flag the good fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID, config: enable(ID) }), []);
  });
  it('finds the policy in another file and honours an empty podSelector', () => {
    const [dep] = fixture(ID, 'bad.yaml').split('---\n');
    const deny =
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  namespace: shop\nspec:\n  podSelector: {}\n';
    assert.deepEqual(lintString(dep!, { only: ID, config: enable(ID), files: { 'np.yaml': deny } }), []);
    const other = deny.replace('namespace: shop', 'namespace: billing');
    assert.equal(lintString(dep!, { only: ID, config: enable(ID), files: { 'np.yaml': other } }).length, 1);
  });
  it('asks for ingress and egress isolation with requireBoth', () => {
    const config = `rules:\n  ${ID}:\n    severity: warning\n    requireBoth: true\n`;
    assert.deepEqual(summary(lintString(fixture(ID, 'good.yaml'), { only: ID, config })), [{ ruleId: ID, range: [1, 0, 1, 4] }]);
    const both = fixture(ID, 'good.yaml').replace('policyTypes: [Ingress]', 'policyTypes: [Ingress, Egress]');
    assert.deepEqual(lintString(both, { only: ID, config }), []);
  });
  it('is off unless enabled', () => {
    assert.deepEqual(lintString(fixture(ID, 'bad.yaml'), { only: ID }), []);
  });
});
