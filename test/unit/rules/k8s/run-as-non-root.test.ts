import { strict as assert } from 'node:assert';
import { applyFirstFix, lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/run-as-non-root';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [16, 16, 16, 19] }]);
  });
  it('does not flag the hardened fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('fixes the bad fixture into the golden file', () => {
    assert.equal(applyFirstFix(fixture(ID, 'bad.yaml'), ID), fixture(ID, 'bad.fixed.yaml'));
  });
  it('accepts runAsNonRoot on the pod and a non-zero runAsUser on the container', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: a\n      image: a:1\n    - name: b\n      image: b:1\n      securityContext:\n        runAsUser: 10001\n';
    assert.deepEqual(lintString(text, { only: ID }), []);
  });
  it('flags runAsUser: 0 on its value, even with runAsNonRoot on the pod', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: a\n      image: a:1\n      securityContext:\n        runAsUser: 0\n';
    assert.deepEqual(summary(lintString(text, { only: ID })), [{ ruleId: ID, range: [11, 19, 11, 20] }]);
  });
  it('merges into a four-space file with unindented sequences, keeping comments', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n    name: p\nspec:\n    containers:\n    - name: a # main\n      image: a:1\n';
    assert.equal(
      applyFirstFix(text, ID),
      'apiVersion: v1\nkind: Pod\nmetadata:\n    name: p\nspec:\n    containers:\n    - name: a # main\n      image: a:1\n      securityContext:\n          allowPrivilegeEscalation: false\n          runAsNonRoot: true\n          capabilities:\n              drop:\n              - ALL\n    securityContext:\n        seccompProfile:\n            type: RuntimeDefault\n',
    );
  });
  it('never adds runAsNonRoot: true where runAsUser is 0 (the kubelet would refuse to start the pod)', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext:\n    runAsUser: 0\n  containers:\n    - name: a\n      image: a:1\n';
    assert.equal(
      applyFirstFix(text, ID),
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext:\n    runAsUser: 0\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n    - name: a\n      image: a:1\n      securityContext:\n        allowPrivilegeEscalation: false\n        capabilities:\n          drop:\n            - ALL\n',
    );
  });
  it('does not flip runAsNonRoot: false to true beside runAsUser: 0', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n    - name: a\n      image: a:1\n      securityContext:\n        runAsUser: 0\n        runAsNonRoot: false\n        allowPrivilegeEscalation: false\n        capabilities:\n          drop: [ALL]\n';
    assert.throws(() => applyFirstFix(text, ID), /offered no fix/);
  });
});
