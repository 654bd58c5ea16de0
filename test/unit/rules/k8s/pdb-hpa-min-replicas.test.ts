import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/pdb-hpa-min-replicas';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [43, 16, 43, 17] }]);
  });
  it('does not flag the good fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('does not flag a budget over pods no HPA scales', () => {
    const text = fixture(ID, 'bad.yaml').replace(/matchLabels:\n {6}app: web\n$/, 'matchLabels:\n      app: api\n');
    assert.deepEqual(lintString(text, { only: ID }), []);
  });
  it('finds the HPA in another file and counts its unset minReplicas as 1', () => {
    const [dep, hpa, pdb] = fixture(ID, 'bad.yaml').split('---\n');
    const files = { 'dep.yaml': dep!, 'hpa.yaml': hpa!.replace('  minReplicas: 2\n', '') };
    const text = pdb!.replace('minAvailable: 2', 'minAvailable: 1');
    assert.deepEqual(summary(lintString(text, { only: ID, files })), [{ ruleId: ID, range: [6, 16, 6, 17] }]);
  });
});
