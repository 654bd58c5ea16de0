import { strict as assert } from 'node:assert';
import { applyFirstFix, lintString, summary } from '../../helpers';
import { fixture } from './fixtures';

const pod = (extra: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: a:1\n${extra}`;
const ID = 'k8s/privilege-escalation';

describe(ID, () => {
  it('flags the bad fixture on the exact ranges', () => {
    assert.deepEqual(summary(lintString(fixture(ID, 'bad.yaml'), { only: ID })), [{ ruleId: ID, range: [22, 38, 22, 42] }]);
  });
  it('does not flag the hardened fixture', () => {
    assert.deepEqual(lintString(fixture(ID, 'good.yaml'), { only: ID }), []);
  });
  it('fixes the bad fixture into the golden file', () => {
    assert.equal(applyFirstFix(fixture(ID, 'bad.yaml'), ID), fixture(ID, 'bad.fixed.yaml'));
  });
  it('reports only an explicit true with explicitOnly', () => {
    const config = `rules:\n  ${ID}:\n    explicitOnly: true\n`;
    assert.deepEqual(lintString(pod(''), { only: ID, config }), []);
    assert.equal(lintString(pod(''), { only: ID }).length, 1);
    const text = pod('      securityContext:\n        allowPrivilegeEscalation: true\n');
    assert.deepEqual(summary(lintString(text, { only: ID, config })), [{ ruleId: ID, range: [9, 34, 9, 38] }]);
  });
  const hardenedPod = (sc: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n    - name: a\n      image: a:1\n      securityContext:\n${sc}`;
  it('never adds allowPrivilegeEscalation: false beside privileged: true (the API server rejects it)', () => {
    const text = hardenedPod('        privileged: true\n');
    assert.equal(
      applyFirstFix(text, ID),
      hardenedPod('        privileged: true\n        runAsNonRoot: true\n        capabilities:\n          drop:\n            - ALL\n'),
    );
  });
  it('never adds allowPrivilegeEscalation: false beside an added CAP_SYS_ADMIN', () => {
    for (const cap of ['SYS_ADMIN', 'CAP_SYS_ADMIN']) {
      const text = hardenedPod(`        runAsUser: 1000\n        capabilities:\n          add: [${cap}]\n          drop: [ALL]\n`);
      assert.throws(() => applyFirstFix(text, ID), /offered no fix/, cap);
    }
  });
  it('writes into a flow-style container without breaking the YAML', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {seccompProfile: {type: RuntimeDefault}}\n  containers: [{name: a, image: "a:1", securityContext: {}}]\n';
    assert.equal(
      applyFirstFix(text, ID),
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {seccompProfile: {type: RuntimeDefault}}\n  containers: [{name: a, image: "a:1", securityContext: {allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: [ ALL ] }}}]\n',
    );
  });
});
