import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/externalsecret-store-missing';
const store = (kind: string, name: string, ns = 'shop') =>
  `apiVersion: external-secrets.io/v1beta1\nkind: ${kind}\nmetadata:\n  name: ${name}\n${kind === 'SecretStore' ? `  namespace: ${ns}\n` : ''}spec:\n  provider:\n    fake:\n      data: []\n`;
const external = (ref: string) =>
  `apiVersion: external-secrets.io/v1beta1\nkind: ExternalSecret\nmetadata:\n  name: db\n  namespace: shop\nspec:\n  secretStoreRef:\n${ref}  data:\n    - secretKey: password\n      remoteRef:\n        key: db\n`;

describe(ID, () => {
  it('flags the bad fixture on the exact range', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [25, 10, 25, 23] }]);
  });
  it('does not flag the good fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('looks a ClusterSecretStore up by its kind, in any namespace', () => {
    const ref = '    kind: ClusterSecretStore\n    name: vault\n';
    assert.deepEqual(
      lintString(external(ref), { filename: 'es.yaml', files: { 's.yaml': store('ClusterSecretStore', 'vault') }, only: ID }),
      [],
    );
    assert.deepEqual(
      summary(lintString(external(ref), { filename: 'es.yaml', files: { 's.yaml': store('SecretStore', 'vault') }, only: ID })),
      [{ ruleId: ID, range: [8, 10, 8, 15] }],
    );
  });
  it('does not count a SecretStore of another namespace', () => {
    const ref = '    name: vault\n';
    assert.deepEqual(
      summary(lintString(external(ref), { filename: 'es.yaml', files: { 's.yaml': store('SecretStore', 'vault', 'billing') }, only: ID })),
      [{ ruleId: ID, range: [7, 10, 7, 15] }],
    );
  });
  it('checks the secretStoreRefs of a PushSecret', () => {
    const push =
      'apiVersion: external-secrets.io/v1alpha1\nkind: PushSecret\nmetadata:\n  name: push\n  namespace: shop\nspec:\n  secretStoreRefs:\n    - name: vault\n    - name: aws\n  selector:\n    secret:\n      name: db\n';
    assert.deepEqual(summary(lintString(push, { filename: 'ps.yaml', files: { 's.yaml': store('SecretStore', 'vault') }, only: ID })), [
      { ruleId: ID, range: [8, 12, 8, 15] },
    ]);
  });
  it('stays silent when the workspace defines no store at all', () => {
    assert.deepEqual(lintString(external('    name: vault\n'), { filename: 'es.yaml', only: ID }), []);
  });
});
