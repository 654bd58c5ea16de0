import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const pod = (extra: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: a:1\n${extra}`;
const ID = 'k8s/probe-port';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [24, 20, 24, 23] }]);
  });
  it('does not flag the hardened fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('accepts numeric ports and declared names', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: a:1\n      ports: [{name: web, containerPort: 80}]\n      livenessProbe: {tcpSocket: {port: 8081}}\n      readinessProbe: {httpGet: {port: web, path: /}}\n';
    assert.deepEqual(lintString(text, { only: ID }), []);
  });
  it('reports an undeclared numeric port only with the numeric option', () => {
    const text = pod(
      '      ports:\n        - containerPort: 8080\n      livenessProbe:\n        tcpSocket: {port: 9090}\n      readinessProbe:\n        tcpSocket: {port: 8080}\n',
    );
    assert.deepEqual(lintString(text, { only: ID }), []);
    const config = `rules:\n  ${ID}:\n    numeric: true\n`;
    const found = lintString(text, { only: ID, config });
    assert.deepEqual(summary(found), [{ ruleId: ID, range: [11, 26, 11, 30] }]);
    assert.equal(found[0]!.severity, 'warning');
  });
});
