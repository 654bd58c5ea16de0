import { strict as assert } from 'node:assert';
import { applyFirstFix, lintString, summary } from '../../helpers';

const ID = 'k8s/schema-unknown-field';
const pod = (container: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27.3\n${container}`;

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [size]
              properties:
                size: {type: integer}
                color: {type: string, enum: [red, blue]}
                extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
                port: {x-kubernetes-int-or-string: true}
`;

describe(ID, () => {
  it('flags a misspelt key on the key, suggesting the field', () => {
    const f = lintString(pod('      imagePullPolicey: Always\n'), { only: ID });
    assert.deepEqual(summary(f), [{ ruleId: ID, range: [8, 6, 8, 22] }]);
    assert.match(f[0]!.message, /did you mean "imagePullPolicy"/);
  });
  it('renames the key to the suggestion, keeping quotes', () => {
    assert.equal(applyFirstFix(pod('      imagePullPolicey: Always\n'), ID), pod('      imagePullPolicy: Always\n'));
    assert.equal(applyFirstFix(pod('      "Image": x\n'), ID), pod('      "image": x\n'));
  });
  it('flags a field at the wrong level without a suggestion', () => {
    const text = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector: {matchLabels: {app: web}}\n  resources: {}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: "nginx:1"}]\n`;
    const f = lintString(text, { only: ID });
    assert.deepEqual(summary(f), [{ ruleId: ID, range: [6, 2, 6, 11] }]);
    assert.equal(f[0]!.message, 'Unknown field "resources" in DeploymentSpec.');
  });
  it('does not flag free-form maps: labels, annotations, ConfigMap data, HelmRelease values', () => {
    assert.deepEqual(
      lintString(
        `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels: {anything: goes}\n  annotations: {x/y: "1"}\ndata:\n  whatever: here\n`,
        { only: ID },
      ),
      [],
    );
    const hr = `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: r\nspec:\n  interval: 5m\n  chart:\n    spec:\n      chart: podinfo\n      sourceRef: {kind: HelmRepository, name: podinfo}\n  values:\n    anyKey: {nested: true}\n`;
    assert.deepEqual(lintString(hr, { only: ID }), []);
  });
  it('checks bundled CRD schemas (Flux, Argo CD, cert-manager)', () => {
    const hr = `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: r\nspec:\n  intervall: 5m\n  chart:\n    spec:\n      chart: podinfo\n      sourceRef: {kind: HelmRepository, name: podinfo}\n`;
    assert.deepEqual(summary(lintString(hr, { only: ID })), [{ ruleId: ID, range: [5, 2, 5, 11] }]);
    const app = `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: a\nspec:\n  project: default\n  destination: {server: "https://kubernetes.default.svc", namespace: x}\n  source: {repoURL: "https://example.com/r.git", path: ., targetRevision: HEAD, chartt: x}\n`;
    assert.equal(lintString(app, { only: ID }).length, 1);
    const cert = `apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: c\nspec:\n  secretName: tls\n  dnsName: [a.example.com]\n  issuerRef: {name: le, kind: ClusterIssuer}\n`;
    assert.match(lintString(cert, { only: ID })[0]!.message, /did you mean "dnsNames"/);
  });
  it('checks custom resources against a CRD in the workspace', () => {
    const cr = `apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: 3\n  colour: red\n  extra: {free: form}\n`;
    const f = lintString(cr, { only: ID, files: { 'crds/widget.yaml': CRD } });
    assert.deepEqual(summary(f), [{ ruleId: ID, range: [6, 2, 6, 8] }]);
    assert.match(f[0]!.message, /did you mean "color"/);
  });
  it('leaves custom resources of unknown CRDs alone', () => {
    assert.deepEqual(
      lintString(`apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  anything: 1\n`, { only: ID }),
      [],
    );
  });
  it('skips templated keys and strategic-merge-patch directives', () => {
    assert.deepEqual(lintString(pod('      "{{ .Values.key }}": 1\n'), { only: ID }), []);
    assert.deepEqual(lintString(`apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n$patch: delete\n`, { only: ID }), []);
  });
});
