import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';
import { deployment, unreadableDeployment } from './unreadable';

const ID = 'k8s/service-selects-nothing';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [28, 2, 28, 10] }]);
  });
  it('does not flag the hardened fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('finds the workload in another file of the workspace', () => {
    const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n';
    const dep = fixture('k8s/pdb-missing', 'bad.yaml').replace('  namespace: shop\n', '');
    assert.deepEqual(lintString(svc, { only: ID, filename: 'svc.yaml', files: { 'dep.yaml': dep } }), []);
    assert.deepEqual(
      summary(lintString(svc.replace('app: web', 'app: api'), { only: ID, filename: 'svc.yaml', files: { 'dep.yaml': dep } })),
      [{ ruleId: ID, range: [5, 2, 5, 10] }],
    );
  });
  it('stays quiet when the workspace has no workloads', () => {
    const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n';
    assert.deepEqual(lintString(svc, { only: ID }), []);
  });
  it('stays silent when a manifest YAML cannot read holds the labels, and flags when none does', () => {
    const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n';
    const files = (app: string) => ({ 'other.yaml': deployment('other'), 'deploy.yaml': unreadableDeployment(app) });
    assert.deepEqual(summary(lintString(svc, { filename: 'svc.yaml', files: files('web'), only: ID })), []);
    assert.deepEqual(summary(lintString(svc, { filename: 'svc.yaml', files: files('api'), only: ID })), [
      { ruleId: ID, range: [5, 2, 5, 10] },
    ]);
    assert.deepEqual(
      summary(
        lintString(svc + '---\n' + unreadableDeployment('web'), {
          filename: 'svc.yaml',
          files: { 'other.yaml': deployment('other') },
          only: ID,
        }),
      ),
      [],
    );
  });
});
