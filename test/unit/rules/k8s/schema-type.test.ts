import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';

const ID = 'k8s/schema-type';
const deploy = (spec: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27.3\n${spec}`;

describe(ID, () => {
  it('flags a string where a number belongs, on the value', () => {
    const text = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: "3"\n`;
    const f = lintString(text, { only: ID });
    assert.deepEqual(summary(f), [{ ruleId: ID, range: [5, 12, 5, 15] }]);
    assert.equal(f[0]!.message, 'spec.replicas must be a number, not the string "3".');
  });
  it('flags numbers and booleans where strings belong (env values, label values)', () => {
    const f = lintString(
      deploy('          env:\n            - name: PORT\n              value: 8080\n            - name: DEBUG\n              value: true\n'),
      { only: ID },
    );
    assert.deepEqual(summary(f), [
      { ruleId: ID, range: [14, 21, 14, 25] },
      { ruleId: ID, range: [16, 21, 16, 25] },
    ]);
    assert.match(f[0]!.message, /Quote it/);
    const labels = lintString(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    version: 1.0\n`, { only: ID });
    assert.equal(labels[0]!.message, 'metadata.labels.version must be a string, not the number 1.0. Quote it to make it a string.');
  });
  it('does not quote a value that may be a credential: env values and secret-looking keys', () => {
    const env = lintString(deploy('          env:\n            - name: API_TOKEN\n              value: 12345678\n'), { only: ID });
    assert.deepEqual(summary(env), [{ ruleId: ID, range: [14, 21, 14, 29] }]);
    assert.equal(
      env[0]!.message,
      'spec.template.spec.containers[0].env[0].value must be a string, not a number. Quote it to make it a string.',
    );
    const data = lintString(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  dbPassword: 31337\n`, { only: ID });
    assert.equal(data[0]!.message, 'data.dbPassword must be a string, not a number. Quote it to make it a string.');
  });
  it('flags enum values outside the allowed set', () => {
    const f = lintString(deploy('          imagePullPolicy: Allways\n'), { only: ID });
    assert.deepEqual(summary(f), [{ ruleId: ID, range: [12, 27, 12, 34] }]);
    assert.match(f[0]!.message, /"Always" \| "IfNotPresent" \| "Never"/);
  });
  it('flags malformed quantities and accepts valid ones', () => {
    const f = lintString(
      deploy(
        '          resources:\n            limits: {cpu: 100m, memory: 1GB}\n            requests: {cpu: 0.5, memory: 1Gi, ephemeral-storage: 1e9}\n',
      ),
      { only: ID },
    );
    assert.deepEqual(summary(f), [{ ruleId: ID, range: [13, 40, 13, 43] }]);
  });
  it('accepts int-or-string values: named ports and percentages', () => {
    const text =
      deploy(
        '          ports: [{name: http, containerPort: 8080}]\n          livenessProbe: {httpGet: {port: http, path: /}}\n          readinessProbe: {tcpSocket: {port: 8080}}\n',
      ) + '  strategy:\n    rollingUpdate: {maxSurge: 25%, maxUnavailable: 1}\n';
    assert.deepEqual(lintString(text, { only: ID }), []);
  });
  it('accepts YAML 1.1 booleans, nulls and templated values', () => {
    assert.deepEqual(
      lintString(deploy('          stdin: yes\n          tty: ~\n          workingDir:\n          imagePullPolicy: ${PULL_POLICY}\n'), {
        only: ID,
      }),
      [],
    );
  });
  it('skips unquoted {{ placeholders }} (they parse as flow mappings)', () => {
    assert.deepEqual(
      lintString(
        'apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: x\n  labels: {cell: {{cell}}}\nspec:\n  replicas: {{replicas}}\n',
        { only: ID },
      ),
      [],
    );
  });
  it('flags a mapping where a list belongs', () => {
    const f = lintString(deploy('          args: {a: b}\n'), { only: ID });
    assert.deepEqual(summary(f), [{ ruleId: ID, range: [12, 16, 12, 22] }]);
    assert.match(f[0]!.message, /must be a list, not a mapping/);
  });
});
