import { strict as assert } from 'node:assert';
import { ruleById } from '../../../../server/src/rules';
import { lintString, summary } from '../../helpers';

const ID = 'helm/values-plaintext-secret';
const CHART = 'apiVersion: v2\nname: demo\nversion: 0.1.0\n';
const lint = (values: string) => summary(lintString(values, { filename: 'c/values.yaml', files: { 'c/Chart.yaml': CHART }, only: ID }));

describe(ID, () => {
  it('flags literal credentials on the value', () => {
    assert.deepEqual(lint('auth:\n  adminPassword: hunter22\n  apiKey: "abcd1234"\n  token: t0k3n\n'), [
      { ruleId: ID, range: [1, 17, 1, 25] },
      { ruleId: ID, range: [2, 10, 2, 20] },
      { ruleId: ID, range: [3, 9, 3, 14] },
    ]);
  });
  it('does not flag empty values, references, templates or keys about secrets', () => {
    assert.deepEqual(
      lint(
        'auth:\n  password: ""\n  existingSecret: creds\n  passwordKey: pw\n  tokenFile: /run/t\n  secret: "{{ .Values.x }}"\n  enabled: true\n',
      ),
      [],
    );
  });
  it('answers to the same tool ids as k8s/plaintext-secret-env', () => {
    const k8s = ruleById('k8s/plaintext-secret-env');
    if (k8s) assert.deepEqual([...ruleById(ID)!.aliases].sort(), [...k8s.aliases].sort());
  });
});
