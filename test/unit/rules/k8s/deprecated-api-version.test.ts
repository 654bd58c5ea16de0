import { strict as assert } from 'node:assert';
import { applyFirstFix, lintString, summary } from '../../helpers';

const ID = 'k8s/deprecated-api-version';
const pdb =
  'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: p\nspec:\n  minAvailable: 1\n  selector: {matchLabels: {app: a}}\n';

describe(ID, () => {
  it('flags a removed apiVersion as an error on the value, naming the release', () => {
    const f = lintString(pdb, { only: ID, kubernetesVersion: '1.33' });
    assert.deepEqual(summary(f), [{ ruleId: ID, range: [0, 12, 0, 26] }]);
    assert.equal(f[0]!.severity, 'error');
    assert.match(f[0]!.message, /^policy\/v1beta1 PodDisruptionBudget was removed in Kubernetes 1\.25 \(target 1\.33\); use policy\/v1/);
  });
  it('warns while the old version is still served and the replacement exists', () => {
    const f = lintString(pdb, { only: ID, kubernetesVersion: '1.24' });
    assert.equal(f[0]!.severity, 'warning');
    assert.match(f[0]!.message, /is deprecated and removed in Kubernetes 1\.25/);
  });
  it('does not flag before the replacement is served, or current versions', () => {
    assert.deepEqual(lintString(pdb, { only: ID, kubernetesVersion: '1.20' }), []);
    assert.deepEqual(lintString(pdb.replace('v1beta1', 'v1'), { only: ID }), []);
  });
  it('follows the replacement chain to what the target serves', () => {
    const fs = 'apiVersion: flowcontrol.apiserver.k8s.io/v1beta1\nkind: FlowSchema\nmetadata:\n  name: f\n';
    assert.equal(applyFirstFix(fs, ID, { kubernetesVersion: '1.33' }), fs.replace('v1beta1', 'v1'));
    assert.equal(applyFirstFix(fs, ID, { kubernetesVersion: '1.27' }), fs.replace('v1beta1', 'v1beta3'));
  });
  it('offers no fix when there is no replacement (PodSecurityPolicy)', () => {
    const psp = 'apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata:\n  name: p\n';
    const f = lintString(psp, { only: ID });
    assert.equal(f.length, 1);
    assert.throws(() => applyFirstFix(psp, ID), /offered no fix/);
  });
  it('switches HPA autoscaling/v2beta2 to autoscaling/v2, keeping quotes', () => {
    const hpa = 'apiVersion: "autoscaling/v2beta2"\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\n';
    assert.equal(applyFirstFix(hpa, ID), hpa.replace('v2beta2', 'v2'));
  });
  it('migrates Ingress backends and adds pathType', () => {
    const text = `apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata:\n  name: i\nspec:\n  rules:\n  - http:\n      paths:\n      - path: /\n        backend:\n          serviceName: web\n          servicePort: 80\n`;
    const want = `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: i\nspec:\n  rules:\n  - http:\n      paths:\n      - path: /\n        pathType: ImplementationSpecific\n        backend:\n          service:\n            name: web\n            port:\n              number: 80\n`;
    const fixed = applyFirstFix(text, ID);
    assert.equal(fixed, want);
    assert.deepEqual(lintString(fixed, { only: 'k8s/schema-unknown-field' }), []);
    assert.deepEqual(lintString(fixed, { only: 'k8s/schema-required' }), []);
  });
});
