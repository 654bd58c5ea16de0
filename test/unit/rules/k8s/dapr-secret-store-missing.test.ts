import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/dapr-secret-store-missing';
const component = (store: string) =>
  `apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: statestore\n  namespace: shop\nspec:\n  type: state.redis\n  version: v1\n  metadata:\n    - name: redisPassword\n      secretKeyRef:\n        name: redis\n        key: password\nauth:\n  secretStore: ${store}\n`;
const vault = (ns: string) =>
  `apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: vault\n  namespace: ${ns}\nspec:\n  type: secretstores.hashicorp.vault\n  version: v1\n`;

describe(ID, () => {
  it('flags the bad fixture on the exact range', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [26, 15, 26, 26] }]);
  });
  it('does not flag the good fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('accepts the built-in kubernetes store', () => {
    assert.deepEqual(lintString(component('kubernetes'), { filename: 'c.yaml', only: ID }), []);
  });
  it('does not count a store of another namespace, nor a component that is not a secret store', () => {
    assert.deepEqual(summary(lintString(component('vault'), { filename: 'c.yaml', files: { 'v.yaml': vault('billing') }, only: ID })), [
      { ruleId: ID, range: [14, 15, 14, 20] },
    ]);
    const notAStore = vault('shop').replace('secretstores.hashicorp.vault', 'state.redis');
    assert.deepEqual(summary(lintString(component('vault'), { filename: 'c.yaml', files: { 'v.yaml': notAStore }, only: ID })), [
      { ruleId: ID, range: [14, 15, 14, 20] },
    ]);
    assert.deepEqual(lintString(component('vault'), { filename: 'c.yaml', files: { 'v.yaml': vault('shop') }, only: ID }), []);
  });
});
