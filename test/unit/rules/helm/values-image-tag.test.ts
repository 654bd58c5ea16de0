import { strict as assert } from 'node:assert';
import { ruleById } from '../../../../server/src/rules';
import { lintString, summary } from '../../helpers';

const ID = 'helm/values-image-tag';
const CHART = 'apiVersion: v2\nname: demo\nversion: 0.1.0\n';
const lint = (values: string, chart = CHART + 'appVersion: "1.0"\n') =>
  summary(lintString(values, { filename: 'c/values.yaml', files: { 'c/Chart.yaml': chart }, only: ID }));

describe(ID, () => {
  it('flags tag: latest on the value', () => {
    assert.deepEqual(lint('image:\n  repository: nginx\n  tag: latest\n'), [{ ruleId: ID, range: [2, 7, 2, 13] }]);
  });
  it('flags an image string with :latest', () => {
    assert.deepEqual(lint('sidecar:\n  image: busybox:latest\n'), [{ ruleId: ID, range: [1, 9, 1, 23] }]);
  });
  it('flags an empty tag only when the chart has no appVersion to fall back on', () => {
    assert.deepEqual(lint('image:\n  repository: nginx\n  tag: ""\n', CHART), [{ ruleId: ID, range: [2, 7, 2, 9] }]);
    assert.deepEqual(lint('image:\n  repository: nginx\n  tag:\n', CHART), [{ ruleId: ID, range: [2, 2, 2, 5] }]);
    assert.deepEqual(lint('image:\n  repository: nginx\n  tag: ""\n'), []);
  });
  it('does not flag pinned tags or digests', () => {
    assert.deepEqual(lint('image:\n  repository: nginx\n  tag: 1.27.3\n'), []);
    assert.deepEqual(lint('image:\n  repository: nginx\n  tag: latest\n  digest: sha256:abc\n'), []);
  });
  it('answers to the same tool ids as k8s/image-latest-tag', () => {
    const k8s = ruleById('k8s/image-latest-tag');
    if (k8s) assert.deepEqual([...ruleById(ID)!.aliases].sort(), [...k8s.aliases].sort());
  });
});
