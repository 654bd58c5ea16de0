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
  it('flags credentials whose key ends in Secret, AWS-style secret keys and PEM blocks with key material', () => {
    assert.deepEqual(
      lint(
        'oauth:\n  clientSecret: 3f9a8b7c6d\n  jwtSecret: s3cr3t-value\naws:\n  secretKey: wJalrXUtnFEMI/K7MDENG/bPxRfiCY\ntls:\n  privateKey: |\n    -----BEGIN PRIVATE KEY-----\n    MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n    -----END PRIVATE KEY-----\n',
      ),
      [
        { ruleId: ID, range: [1, 16, 1, 26] },
        { ruleId: ID, range: [2, 13, 2, 25] },
        { ruleId: ID, range: [4, 13, 4, 43] },
        { ruleId: ID, range: [6, 14, 10, 0] },
      ],
    );
  });
  it('does not flag keys that name the Secret object holding a credential, or its file name', () => {
    assert.deepEqual(
      lint(
        'a:\n  privateKeySecret: my-secret\n  passwordSecret: db-creds\n  tlsSecret: web-tls\n  existingSecret: foo\n  secretKey: thanos.yaml\n  token: /var/run/secrets/token\n  secret: app-secrets\n',
      ),
      [],
    );
  });
  it('does not flag placeholders: a PEM with no key material, xxxx, changeme', () => {
    assert.deepEqual(
      lint(
        'a:\n  privateKey: |\n    -----BEGIN RSA PRIVATE KEY-----\n    -----END RSA PRIVATE KEY-----\n  key2Secret: x\n  password: xxxxxxxx\n  apiKey: "********"\n  token: REPLACE_ME\n  clientSecret: <your-secret>\n  privatekey: "-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----"\n',
      ),
      [],
    );
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
