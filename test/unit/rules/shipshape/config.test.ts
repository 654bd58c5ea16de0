import { strict as assert } from 'node:assert';
import { applyFirstFix, lintString, summary } from '../../helpers';

const ID = 'shipshape/config';
const lintConfig = (text: string) => lintString(text, { filename: '.shipshape.yaml', only: ID });

describe(ID, () => {
  it('flags an unknown rule id on the key, with a suggestion fix', () => {
    const text = 'rules:\n  k8s/image-latest-tg: off\n';
    assert.deepEqual(summary(lintConfig(text)), [{ ruleId: ID, range: [1, 2, 1, 21] }]);
    assert.match(lintConfig(text)[0]!.message, /did you mean "k8s\/image-latest-tag"/);
    assert.equal(applyFirstFix(text, ID, { filename: '.shipshape.yaml' }), 'rules:\n  k8s/image-latest-tag: off\n');
  });
  it('flags an invalid severity on the value', () => {
    assert.deepEqual(summary(lintConfig('rules:\n  k8s/image-latest-tag: loud\n')), [{ ruleId: ID, range: [1, 24, 1, 28] }]);
  });
  it('flags an unknown top-level key and a bad kubernetesVersion', () => {
    const found = lintConfig('kubernetesVersoin: "1.30"\nkubernetesVersion: banana\n');
    assert.deepEqual(summary(found), [
      { ruleId: ID, range: [0, 0, 0, 17] },
      { ruleId: ID, range: [1, 19, 1, 25] },
    ]);
  });
  it('flags a YAML syntax error instead of crashing', () => {
    assert.equal(lintConfig('rules: [\n').length > 0, true);
  });
  it('flags a key that is a mapping on the key, without converting the document', () => {
    assert.deepEqual(summary(lintConfig('rules:\n  { k8s/image-latest-tag: off }: error\n')), [{ ruleId: ID, range: [1, 2, 1, 31] }]);
    // Converting this key would print it, which takes seconds for deeply nested flow collections (8 s at 200 levels).
    const deep = `rules:\n  ${'[{'.repeat(40)}a${'}]'.repeat(40)}: error\n`;
    assert.deepEqual(summary(lintConfig(deep)), [{ ruleId: ID, range: [1, 2, 1, 163] }]);
  });
  it('does not flag a valid configuration', () => {
    assert.deepEqual(
      lintConfig(
        'kubernetesVersion: "1.30"\nrules:\n  k8s/image-latest-tag: error\n  dockerfile/maintainer-deprecated:\n    severity: "off"\n',
      ),
      [],
    );
  });
});
