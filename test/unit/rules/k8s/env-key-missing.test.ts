import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/env-key-missing';
const pod = (ref: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: a:1\n      env:\n        - name: X\n          valueFrom:\n            ${ref}\n`;
const secret = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  password: cGFzcw==\n';

describe(ID, () => {
  it('flags a key the ConfigMap lacks on the key value', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [23, 23, 23, 31] }]);
  });
  it('does not flag existing keys or optional references', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('reads the Secret from another file, in data', () => {
    const files = { 'secret.yaml': secret };
    assert.deepEqual(lintString(pod('secretKeyRef: {name: db, key: password}'), { only: ID, files }), []);
    assert.deepEqual(summary(lintString(pod('secretKeyRef: {name: db, key: pass}'), { only: ID, files })), [
      { ruleId: ID, range: [11, 42, 11, 46] },
    ]);
  });
  it('reports a missing object only with the missingObjects option', () => {
    const text = pod('secretKeyRef: {name: nowhere, key: password}');
    assert.deepEqual(lintString(text, { only: ID }), []);
    const config = `rules:\n  ${ID}:\n    missingObjects: true\n`;
    assert.deepEqual(summary(lintString(text, { only: ID, config })), [{ ruleId: ID, range: [11, 33, 11, 40] }]);
  });
});
