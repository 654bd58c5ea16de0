import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';
import { unreadableObject } from './unreadable';

const ID = 'k8s/ingress-backend-missing';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [
      { ruleId: ID, range: [25, 26, 25, 30] },
      { ruleId: ID, range: [30, 22, 30, 25] },
    ]);
  });
  it('does not flag the hardened fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('stays silent when a manifest YAML cannot read holds the Service name, and flags when none does', () => {
    const ing =
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  defaultBackend:\n    service:\n      name: web\n      port:\n        number: 80\n';
    assert.deepEqual(
      summary(lintString(ing, { filename: 'ing.yaml', files: { 'svc.yaml': unreadableObject('Service', 'web') }, only: ID })),
      [],
    );
    assert.deepEqual(
      summary(lintString(ing, { filename: 'ing.yaml', files: { 'svc.yaml': unreadableObject('Service', 'api') }, only: ID })),
      [{ ruleId: ID, range: [7, 12, 7, 15] }],
    );
  });
});
