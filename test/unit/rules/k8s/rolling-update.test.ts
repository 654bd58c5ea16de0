import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/rolling-update';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [8, 10, 8, 18] }]);
  });
  it('does not flag the good fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('flags a maxUnavailable that takes every pod down', () => {
    for (const v of ['100%', '3']) {
      const text = fixture(ID, 'good.yaml').replace('maxUnavailable: 1', `maxUnavailable: ${v}`);
      assert.deepEqual(summary(lintString(text, { only: ID })), [{ ruleId: ID, range: [10, 22, 10, 22 + v.length] }]);
    }
  });
  it('flags OnDelete on a StatefulSet', () => {
    const text = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  updateStrategy:\n    type: OnDelete\n';
    assert.deepEqual(summary(lintString(text, { only: ID })), [{ ruleId: ID, range: [6, 10, 6, 18] }]);
  });
  it('reports an unstated strategy only with requireExplicit', () => {
    const text = fixture(ID, 'good.yaml').replace(/ {2}strategy:\n(?: {4}.*\n)+/, '');
    assert.deepEqual(lintString(text, { only: ID }), []);
    const config = `rules:\n  ${ID}:\n    requireExplicit: true\n`;
    assert.deepEqual(summary(lintString(text, { only: ID, config })), [{ ruleId: ID, range: [5, 0, 5, 4] }]);
  });
  it('compares a numeric maxUnavailable only with replicas that are set', () => {
    const text = fixture(ID, 'good.yaml').replace('  replicas: 3\n', '');
    assert.deepEqual(lintString(text, { only: ID }), []);
  });
});
