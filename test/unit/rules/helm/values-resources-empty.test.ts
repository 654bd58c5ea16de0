import { strict as assert } from 'node:assert';
import { ruleById } from '../../../../server/src/rules';
import { lintString, summary } from '../../helpers';

const ID = 'helm/values-resources-empty';
const CHART = 'apiVersion: v2\nname: demo\nversion: 0.1.0\n';
const DEPLOY = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n';
const lint = (values: string, template = DEPLOY) =>
  summary(lintString(values, { filename: 'c/values.yaml', files: { 'c/Chart.yaml': CHART, 'c/templates/d.yaml': template }, only: ID }));

describe(ID, () => {
  it('flags resources: {} in a workload chart, on the {}', () => {
    assert.deepEqual(lint('resources: {}\nworker:\n  resources: {}\n'), [
      { ruleId: ID, range: [0, 11, 0, 13] },
      { ruleId: ID, range: [2, 13, 2, 15] },
    ]);
  });
  it('does not flag charts without workloads, or set resources', () => {
    assert.deepEqual(lint('resources: {}\n', 'apiVersion: v1\nkind: ConfigMap\n'), []);
    assert.deepEqual(lint('resources:\n  requests:\n    cpu: 10m\n'), []);
    assert.deepEqual(lint('resourcesPreset: nano\nresources: {}\n'), []);
    assert.deepEqual(lint('resourcesPreset: none\nresources: {}\n'), [{ ruleId: ID, range: [1, 11, 1, 13] }]);
  });
  it('answers to the same tool ids as k8s/resources-missing', () => {
    const k8s = ruleById('k8s/resources-missing');
    if (k8s) assert.deepEqual([...ruleById(ID)!.aliases].sort(), [...k8s.aliases].sort());
  });
});
