import { strict as assert } from 'node:assert';
import { lintString, summary } from '../../helpers';

const ID = 'shipshape/peer-config';

describe(ID, () => {
  it('says on line 1 of a .hadolint.yaml what Shipshape applies from it', () => {
    const found = lintString('ignored:\n  - DL3007\n  - DL9999\n', { filename: '.hadolint.yaml', only: ID });
    assert.deepEqual(summary(found), [{ ruleId: ID, range: [0, 0, 0, 8] }]);
    assert.equal(
      found[0]!.message,
      'Shipshape applies this hadolint configuration as if it were written in .shipshape.yaml: dockerfile/image-latest-tag: off (DL3007 is in "ignored"). DL9999: no Shipshape rule covers it.',
    );
    assert.equal(found[0]!.severity, 'info');
  });
  it('flags a .kube-linter.yaml and a Polaris configuration too', () => {
    assert.deepEqual(summary(lintString('checks:\n  exclude: [latest-tag]\n', { filename: '.kube-linter.yaml', only: ID })), [
      { ruleId: ID, range: [0, 0, 0, 7] },
    ]);
    const polaris = lintString('checks:\n  tagNotSpecified: danger\n', { filename: '.polaris.yaml', only: ID });
    assert.match(
      polaris[0]!.message,
      /^Shipshape applies this Polaris configuration .*k8s\/image-latest-tag: error \(tagNotSpecified is danger\)/,
    );
  });
  it('does not flag other YAML files or a manifest named polaris.yaml', () => {
    assert.deepEqual(lintString('ignored: [DL3007]\n', { filename: 'hadolint.txt', only: ID }), []);
    const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: polaris\ndata:\n  checks: x\n';
    assert.deepEqual(lintString(manifest, { filename: 'polaris.yaml', only: ID }), []);
  });
});
