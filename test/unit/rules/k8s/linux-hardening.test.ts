import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';
import { enable, fixture } from './fixtures';

const ID = 'k8s/linux-hardening';
const pod = (podSc: string, containerSc: string, annotations = '') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n${annotations}spec:\n  securityContext: ${podSc}\n  containers:\n    - name: a\n      image: a:1\n      securityContext: ${containerSc}\n`;

describe(ID, () => {
  it('flags a container with no hardening on its name', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID, config: enable(ID) })), [
      { ruleId: ID, range: [18, 16, 18, 19] },
    ]);
  });
  it('does not flag a pod-level seccomp profile', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID, config: enable(ID) }), []);
  });
  it('accepts any one of SELinux, AppArmor, drop ALL or the AppArmor annotation', () => {
    for (const text of [
      pod('{seLinuxOptions: {level: "s0:c1"}}', '{}'),
      pod('{}', '{appArmorProfile: {type: RuntimeDefault}}'),
      pod('{}', '{capabilities: {drop: [ALL]}}'),
      pod('{}', '{}', '  annotations:\n    container.apparmor.security.beta.kubernetes.io/a: runtime/default\n'),
    ])
      assert.deepEqual(lintString(text, { only: ID, config: enable(ID) }), [], text);
  });
  it('does not count Unconfined profiles', () => {
    const text = pod('{seccompProfile: {type: Unconfined}}', '{}');
    assert.deepEqual(summary(lintString(text, { only: ID, config: enable(ID) })), [{ ruleId: ID, range: [7, 12, 7, 13] }]);
  });
});
