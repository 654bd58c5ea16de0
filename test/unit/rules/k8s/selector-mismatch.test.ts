import { strict as assert } from 'node:assert';
import { applyFirstFix, lintString, summary } from '../../helpers';
import { fixture } from './fixtures';
import { unreadableDeployment } from './unreadable';

const ID = 'k8s/selector-mismatch';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [
      { ruleId: ID, range: [9, 11, 9, 23] },
      { ruleId: ID, range: [10, 12, 10, 17] },
    ]);
  });
  it('does not flag the hardened fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('changes the selector value to the template value', () => {
    const text =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector:\n    matchLabels:\n      app: webb\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers: []\n';
    assert.equal(applyFirstFix(text, ID), text.replace('app: webb', 'app: web'));
  });
  it('adds a label the template lacks to the template', () => {
    const text =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector:\n    matchLabels:\n      app: web\n      tier: front\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers: []\n';
    assert.equal(applyFirstFix(text, ID), text.replace('        app: web\n', '        app: web\n        tier: front\n'));
  });
  it('evaluates matchExpressions', () => {
    const text =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector:\n    matchExpressions:\n      - {key: app, operator: In, values: [api]}\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers: []\n';
    assert.deepEqual(summary(lintString(text, { only: ID })), [{ ruleId: ID, range: [5, 2, 5, 10] }]);
  });
  it('reads the labels of an object YAML cannot turn into data as a whole (replicas: {{replicas}})', () => {
    assert.deepEqual(lintString(unreadableDeployment('web'), { only: ID }), []);
    const wrong = unreadableDeployment('web').replace('      app: web\n  template', '      app: api\n  template');
    assert.deepEqual(summary(lintString(wrong, { only: ID })), [{ ruleId: ID, range: [8, 11, 8, 14] }]);
  });
});
