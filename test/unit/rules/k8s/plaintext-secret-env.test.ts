import { strict as assert } from 'node:assert';
import { applyFirstFix, lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/plaintext-secret-env';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [
      { ruleId: ID, range: [25, 21, 25, 28] },
      { ruleId: ID, range: [27, 21, 27, 54] },
    ]);
  });
  it('does not flag the hardened fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  const SECRET = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: p-secrets\ndata:\n  api-token: YWJj\n';
  it('replaces the literal with a secretKeyRef to the Secret that holds the key, keeping the comment', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: a:1\n      env:\n        - name: API_TOKEN\n          value: abc123 # rotate\n';
    assert.equal(
      applyFirstFix(text, ID, { files: { 'secret.yaml': SECRET } }),
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: a:1\n      env:\n        - name: API_TOKEN\n          valueFrom:\n            secretKeyRef:\n              name: p-secrets\n              key: api-token # rotate\n',
    );
  });
  it('offers no fix when no Secret in the namespace holds the key (the pod would not start)', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: a\nspec:\n  containers:\n    - name: a\n      image: a:1\n      env:\n        - name: API_TOKEN\n          value: abc123\n';
    assert.throws(() => applyFirstFix(text, ID), /offered no fix/);
    assert.throws(() => applyFirstFix(text, ID, { files: { 'secret.yaml': SECRET.replace('api-token', 'other') } }), /offered no fix/);
    const elsewhere = SECRET.replace('name: p-secrets', 'name: p-secrets\n  namespace: b');
    assert.throws(() => applyFirstFix(text, ID, { files: { 'secret.yaml': elsewhere } }), /offered no fix/);
  });
  it('writes flow text inside a flow mapping', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: a:1\n      env: [{name: API_TOKEN, value: abc123}]\n';
    assert.equal(
      applyFirstFix(text, ID, { files: { 'secret.yaml': SECRET } }),
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: a:1\n      env: [{name: API_TOKEN, valueFrom: { secretKeyRef: { name: p-secrets, key: api-token } }}]\n',
    );
  });
  it('does not flag references, file paths, flags or names about secrets', () => {
    const env = [
      ['DB_PASSWORD', '$(PASSWORD_FROM_FILE)'],
      ['DB_PASSWORD_FILE', '/run/secrets/db'],
      ['TOKEN_URL', 'https://auth.example.com/token'],
      ['SECRET_NAME', 'web-secrets'],
      ['ENABLE_TOKEN', 'true'],
      ['PASSWORD', '{{ .Values.password }}'],
    ];
    for (const [name, value] of env) {
      const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: a:1\n      env:\n        - name: ${name}\n          value: "${value}"\n`;
      assert.deepEqual(lintString(text, { only: ID }), [], name);
    }
  });
});
