import { strict as assert } from 'node:assert';
import { applyFirstFix, lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/hpa-replicas-conflict';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [6, 2, 6, 10] }]);
  });
  it('does not flag the hardened fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('fixes the bad fixture into the golden file', () => {
    assert.equal(applyFirstFix(fixture(ID, 'bad.yaml'), ID), fixture(ID, 'bad.fixed.yaml'));
  });
  it('looks for the HPA in other files', () => {
    const hpa = fixture(ID, 'bad.yaml').split('---\n')[1]!;
    const dep = fixture(ID, 'bad.yaml').split('---\n')[0]!;
    assert.equal(lintString(dep, { only: ID, filename: 'dep.yaml', files: { 'hpa.yaml': hpa } }).length, 1);
    assert.deepEqual(lintString(dep, { only: ID }), []);
  });
  it('ignores an HPA of another namespace, and matches an HPA without one only against objects without one', () => {
    const [dep, hpa] = fixture(ID, 'bad.yaml').split('---\n') as [string, string];
    const other = hpa.replace('namespace: shop', 'namespace: staging');
    assert.deepEqual(lintString(dep, { only: ID, filename: 'dep.yaml', files: { 'hpa.yaml': other } }), []);
    assert.deepEqual(lintString(`${dep}---\n${other}`, { only: ID }), []);
    const bothUnset = `${dep.replace('  namespace: shop\n', '')}---\n${hpa.replace('  namespace: shop\n', '')}`;
    assert.deepEqual(summary(lintString(bothUnset, { only: ID })), [{ ruleId: ID, range: [5, 2, 5, 10] }]);
  });
  it('ignores an HPA that scales another kind or another name', () => {
    const [dep, hpa] = fixture(ID, 'bad.yaml').split('---\n') as [string, string];
    assert.deepEqual(lintString(`${dep}---\n${hpa.replace('kind: Deployment', 'kind: StatefulSet')}`, { only: ID }), []);
    assert.deepEqual(lintString(`${dep}---\n${hpa.replace('    name: web', '    name: api')}`, { only: ID }), []);
  });
});
