import { strict as assert } from 'node:assert';
import { Project } from '../../../../server/src/engine/project';
import { RULES } from '../../../../server/src/rules';
import { lintString, summary } from '../../helpers';
import { engineReady } from '../../ready';
import { fixture } from './fixtures';
import { unreadableDeployment } from './unreadable';

const ID = 'k8s/hpa-target-missing';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [31, 10, 31, 22] }]);
  });
  it('does not flag the hardened fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('stays silent when a manifest YAML cannot read holds the target name, and flags when none does', () => {
    const hpa =
      'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  minReplicas: 2\n  maxReplicas: 5\n';
    assert.deepEqual(
      summary(lintString(hpa, { filename: 'hpa.yaml', files: { 'deploy.yaml': unreadableDeployment('web') }, only: ID })),
      [],
    );
    assert.deepEqual(summary(lintString(hpa, { filename: 'hpa.yaml', files: { 'deploy.yaml': unreadableDeployment('api') }, only: ID })), [
      { ruleId: ID, range: [8, 10, 8, 13] },
    ]);
  });
  it('follows the unreadable manifests of the index as they change, in one project', () => {
    const hpa =
      'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  minReplicas: 2\n  maxReplicas: 5\n';
    const project = Project.create(engineReady(), RULES, ['/ws']);
    const lintHpa = () => summary(project.lint({ uri: 'file:///ws/hpa.yaml', text: hpa }).findings.filter((f) => f.ruleId === ID));
    const flagged = [{ ruleId: ID, range: [8, 10, 8, 13] }];
    project.updateIndex('file:///ws/hpa.yaml', hpa);
    project.updateIndex('file:///ws/other.yaml', unreadableDeployment('api'));
    assert.deepEqual(lintHpa(), flagged);
    project.updateIndex('file:///ws/deploy.yaml', unreadableDeployment('web'));
    assert.deepEqual(lintHpa(), []);
    project.updateIndex('file:///ws/deploy.yaml', unreadableDeployment('db'));
    assert.deepEqual(lintHpa(), flagged);
    project.updateIndex('file:///ws/other.yaml', unreadableDeployment('web'));
    assert.deepEqual(lintHpa(), []);
    project.index.delete('file:///ws/other.yaml');
    assert.deepEqual(lintHpa(), flagged);
  });
  it('does not count a target of the same name in another namespace', () => {
    const hpa =
      'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  minReplicas: 2\n  maxReplicas: 5\n';
    const dep = (ns: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: ${ns}\nspec:\n  selector:\n    matchLabels: { app: web }\n  template:\n    metadata:\n      labels: { app: web }\n    spec:\n      containers: [{ name: web, image: nginx:1.27 }]\n`;
    assert.deepEqual(summary(lintString(hpa, { filename: 'hpa.yaml', files: { 'dep.yaml': dep('staging') }, only: ID })), [
      { ruleId: ID, range: [9, 10, 9, 13] },
    ]);
    assert.deepEqual(summary(lintString(hpa, { filename: 'hpa.yaml', files: { 'dep.yaml': dep('shop') }, only: ID })), []);
  });
});
