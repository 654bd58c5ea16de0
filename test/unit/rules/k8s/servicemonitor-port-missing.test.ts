import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const ID = 'k8s/servicemonitor-port-missing';
const service =
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: orders\n  labels:\n    app: orders\nspec:\n  selector:\n    app: orders\n  ports:\n    - name: http\n      port: 80\n';
const monitor = (app: string, endpoint: string) =>
  `apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: orders\nspec:\n  selector:\n    matchLabels:\n      app: ${app}\n  endpoints:\n${endpoint}`;

describe(ID, () => {
  it('flags the bad fixture on the exact range', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [28, 12, 28, 18] }]);
  });
  it('does not flag the good fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('flags a port name no selected Service has', () => {
    assert.deepEqual(
      summary(lintString(monitor('orders', '    - port: metrics\n'), { filename: 'm.yaml', files: { 's.yaml': service }, only: ID })),
      [{ ruleId: ID, range: [9, 12, 9, 19] }],
    );
  });
  it('stays silent when the selector matches no Service, and for targetPort endpoints', () => {
    assert.deepEqual(
      lintString(monitor('billing', '    - port: metrics\n'), { filename: 'm.yaml', files: { 's.yaml': service }, only: ID }),
      [],
    );
    assert.deepEqual(
      lintString(monitor('orders', '    - targetPort: 9090\n'), { filename: 'm.yaml', files: { 's.yaml': service }, only: ID }),
      [],
    );
  });
});
