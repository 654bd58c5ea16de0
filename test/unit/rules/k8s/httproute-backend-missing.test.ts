import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/httproute-backend-missing';
const service = (ns: string) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: orders\n  namespace: ${ns}\nspec:\n  selector:\n    app: orders\n  ports:\n    - port: 80\n`;
const route = (ref: string) =>
  `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: shop\n  namespace: shop\nspec:\n  rules:\n    - backendRefs:\n${ref}`;

describe(ID, () => {
  it('flags a missing Service and a missing port in the bad fixture', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [
      { ruleId: ID, range: [35, 16, 35, 21] },
      { ruleId: ID, range: [43, 16, 43, 20] },
    ]);
  });
  it('does not flag the good fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it("looks in the backend's namespace when it names one", () => {
    const ref = '        - name: orders\n          namespace: billing\n          port: 80\n';
    assert.deepEqual(lintString(route(ref), { filename: 'r.yaml', files: { 's.yaml': service('billing') }, only: ID }), []);
    assert.deepEqual(summary(lintString(route(ref), { filename: 'r.yaml', files: { 's.yaml': service('shop') }, only: ID })), [
      { ruleId: ID, range: [8, 16, 8, 22] },
    ]);
  });
  it('does not check backends of other kinds, and stays silent without Services', () => {
    const other = '        - group: example.com\n          kind: Bucket\n          name: assets\n';
    assert.deepEqual(lintString(route(other), { filename: 'r.yaml', files: { 's.yaml': service('shop') }, only: ID }), []);
    assert.deepEqual(lintString(route('        - name: missing\n          port: 80\n'), { filename: 'r.yaml', only: ID }), []);
  });
});
