import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

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
});
