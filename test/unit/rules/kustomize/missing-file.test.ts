import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';

const ID = 'kustomize/missing-file';
const opts = (files: Record<string, string>) => ({ only: ID, filename: 'overlay/kustomization.yaml', files });

describe(ID, () => {
  it('flags missing resources and patch paths on the value', () => {
    const text =
      'resources:\n  - deployment.yaml\n  - ../base\n  - missing.yaml\npatches:\n  - path: nope.yaml\n    target: {kind: Deployment}\n';
    const f = lintString(text, opts({ 'overlay/deployment.yaml': 'kind: x\n', 'base/kustomization.yaml': 'resources: []\n' }));
    assert.deepEqual(summary(f), [
      { ruleId: ID, range: [3, 4, 3, 16] },
      { ruleId: ID, range: [5, 10, 5, 19] },
    ]);
    assert.equal(f[0]!.message, 'The resource "missing.yaml" does not exist (relative to kustomization.yaml).');
  });
  it('checks generator files, including key=path entries', () => {
    const text = 'configMapGenerator:\n  - name: c\n    files:\n      - app.conf=conf/app.conf\n      - other.conf\n    envs: [env.txt]\n';
    const f = lintString(text, opts({ 'overlay/conf/app.conf': 'x' }));
    assert.deepEqual(
      f.map((x) => x.message),
      [
        'The file "other.conf" does not exist (relative to kustomization.yaml).',
        'The env file "env.txt" does not exist (relative to kustomization.yaml).',
      ],
    );
  });
  it('does not flag remote resources or inline patches', () => {
    const text =
      'resources:\n  - https://github.com/org/repo//deploy?ref=v1\n  - github.com/org/repo/base?ref=main\npatchesStrategicMerge:\n  - |-\n    apiVersion: apps/v1\n    kind: Deployment\npatches:\n  - patch: |-\n      - op: remove\n        path: /spec/replicas\n';
    assert.deepEqual(lintString(text, opts({})), []);
  });
});
