import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';

const ID = 'k8s/image-latest-tag';
const pod = (image: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: ${image}\n`;

describe(ID, () => {
  it('flags an untagged image on the value', () => {
    assert.deepEqual(summary(lintString(pod('nginx'), { only: ID })), [{ ruleId: ID, range: [7, 13, 7, 18] }]);
  });
  it('flags :latest', () => {
    assert.deepEqual(summary(lintString(pod('nginx:latest'), { only: ID })), [{ ruleId: ID, range: [7, 13, 7, 25] }]);
  });
  it('flags containers of every workload kind, init containers included', () => {
    const text = `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          initContainers:\n            - name: i\n              image: busybox\n          containers:\n            - name: c\n              image: busybox:1.36\n`;
    assert.deepEqual(summary(lintString(text, { only: ID })), [{ ruleId: ID, range: [12, 21, 12, 28] }]);
  });
  it('does not flag a tag, a digest, or a registry port', () => {
    for (const image of [
      'nginx:1.27.3',
      'nginx@sha256:0123456789abcdef',
      'registry.local:5000/team/app:2.1',
      'ghcr.io/org/app:v1@sha256:abc',
    ]) {
      assert.deepEqual(lintString(pod(image), { only: ID }), [], image);
    }
  });
  it('flags a registry port without a tag', () => {
    assert.equal(lintString(pod('registry.local:5000/team/app'), { only: ID }).length, 1);
  });
  it('ignores documents that are not workloads', () => {
    assert.deepEqual(lintString('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  image: nginx\n', { only: ID }), []);
  });
});

describe(`${ID} in GitOps Helm values`, () => {
  it('flags tag: latest and untagged image strings in a Flux HelmRelease', () => {
    const text = `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: r\nspec:\n  values:\n    image:\n      repository: a/b\n      tag: latest\n    sidecar:\n      image: busybox\n    other:\n      tag: latest\n`;
    assert.deepEqual(summary(lintString(text, { only: ID })), [
      { ruleId: ID, range: [8, 11, 8, 17] },
      { ruleId: ID, range: [10, 13, 10, 20] },
    ]);
  });
  it('flags Argo CD valuesObject, parameters and literal values at their position in the file', () => {
    const text = `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: a\nspec:\n  source:\n    helm:\n      parameters:\n        - name: image.tag\n          value: latest\n      valuesObject:\n        image: {repository: x, tag: latest}\n      values: |\n        image:\n          tag: latest\n`;
    assert.deepEqual(summary(lintString(text, { only: ID })), [
      { ruleId: ID, range: [9, 17, 9, 23] },
      { ruleId: ID, range: [11, 36, 11, 42] },
      { ruleId: ID, range: [14, 15, 14, 21] },
    ]);
  });
  it('leaves a values map without a tag alone (the chart decides)', () => {
    const text = `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: r\nspec:\n  values:\n    image:\n      repository: a/b\n`;
    assert.deepEqual(lintString(text, { only: ID }), []);
  });
});
