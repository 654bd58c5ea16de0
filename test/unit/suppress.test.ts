import { strict as assert } from 'node:assert';
import { lintString } from './helpers';

const DF = 'dockerfile/maintainer-deprecated';
const K8S = 'k8s/image-latest-tag';
const ids = (text: string, filename?: string) =>
  lintString(text, filename ? { filename } : {})
    .map((f) => f.ruleId)
    .filter((id) => id === DF || id === K8S);

const pod = (annotations: string, image = 'nginx') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n${annotations ? `  annotations:\n${annotations}` : ''}spec:\n  containers:\n    - name: web\n      image: ${image}\n`;

describe('suppressions', () => {
  describe('# shipshape-ignore', () => {
    it('suppresses the next Dockerfile instruction only', () => {
      assert.deepEqual(ids('FROM a:1\n# shipshape-ignore dockerfile/maintainer-deprecated legacy\nMAINTAINER x\nMAINTAINER y\n'), [DF]);
    });
    it('does not suppress other rule ids', () => {
      assert.deepEqual(ids('FROM a:1\n# shipshape-ignore k8s/image-latest-tag\nMAINTAINER x\n'), [DF]);
    });
    it('accepts several ids separated by commas', () => {
      assert.deepEqual(ids('FROM a:1\n# shipshape-ignore foo/bar,dockerfile/maintainer-deprecated\nMAINTAINER x\n'), []);
    });
    it('covers the whole YAML block under the next line', () => {
      const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  # shipshape-ignore k8s/image-latest-tag\n  containers:\n    - name: web\n      image: nginx\n`;
      assert.deepEqual(ids(text), []);
    });
    it('does not reach past the block', () => {
      const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  initContainers:\n    # shipshape-ignore k8s/image-latest-tag\n    - name: a\n      image: busybox\n    - name: b\n      image: busybox\n  containers:\n    - name: web\n      image: nginx:1.27\n`;
      assert.equal(lintString(text, { only: K8S })[0]?.range.start.line, 10);
    });
  });
  describe('# shipshape-ignore-file', () => {
    it('suppresses the id in the whole file', () => {
      assert.deepEqual(ids('# shipshape-ignore-file dockerfile/maintainer-deprecated\nFROM a:1\nMAINTAINER x\nMAINTAINER y\n'), []);
    });
    it('leaves other ids alone', () => {
      assert.deepEqual(ids(`# shipshape-ignore-file dockerfile/maintainer-deprecated\n${pod('')}`), [K8S]);
    });
  });
  describe('hadolint comments', () => {
    it('ignore= suppresses the next instruction by DL id', () => {
      assert.deepEqual(ids('FROM a:1\n# hadolint ignore=DL3008,DL4000\nMAINTAINER x\nMAINTAINER y\n'), [DF]);
    });
    it('global ignore= suppresses the whole file', () => {
      assert.deepEqual(ids('# hadolint global ignore=DL4000\nFROM a:1\nMAINTAINER x\nMAINTAINER y\n'), []);
    });
    it('other DL ids do not suppress', () => {
      assert.deepEqual(ids('FROM a:1\n# hadolint ignore=DL3007\nMAINTAINER x\n'), [DF]);
    });
  });
  describe("Docker's check directive", () => {
    it('check=skip= suppresses the named build checks in the whole file', () => {
      assert.deepEqual(ids('# check=skip=JSONArgsRecommended,MaintainerDeprecated\nFROM a:1\nMAINTAINER x\nMAINTAINER y\n'), []);
    });
    it('skip=all suppresses every rule with a Docker alias, and other options may follow after ;', () => {
      assert.deepEqual(ids('# syntax=docker/dockerfile:1\n# check=skip=all;error=true\nFROM a:1\nMAINTAINER x\n'), []);
    });
    it('other check names do not suppress, and neither does the directive below the first instruction', () => {
      assert.deepEqual(ids('# check=skip=StageNameCasing\nFROM a:1\nMAINTAINER x\n'), [DF]);
      assert.deepEqual(ids('FROM a:1\n# check=skip=MaintainerDeprecated\nMAINTAINER x\n'), [DF]);
    });
  });
  describe('kube-linter annotation', () => {
    it('ignore-check.kube-linter.io/<check> suppresses by kube-linter name', () => {
      assert.deepEqual(ids(pod('    ignore-check.kube-linter.io/latest-tag: "pinned by digest in CI"\n')), []);
    });
    it('another check name does not', () => {
      assert.deepEqual(ids(pod('    ignore-check.kube-linter.io/privileged-container: "x"\n')), [K8S]);
    });
  });
  describe('Polaris annotations', () => {
    it('<check>-exempt: "true" suppresses by Polaris id', () => {
      assert.deepEqual(ids(pod('    polaris.fairwinds.com/tagNotSpecified-exempt: "true"\n')), []);
    });
    it('exempt: "true" suppresses every Polaris-aliased rule', () => {
      assert.deepEqual(ids(pod('    polaris.fairwinds.com/exempt: "true"\n')), []);
    });
    it('"false" does not suppress', () => {
      assert.deepEqual(ids(pod('    polaris.fairwinds.com/tagNotSpecified-exempt: "false"\n')), [K8S]);
    });
  });
  describe('kube-score annotation', () => {
    it('kube-score/ignore lists check ids', () => {
      assert.deepEqual(ids(pod('    kube-score/ignore: pod-networkpolicy,container-image-tag\n')), []);
    });
    it('unrelated ids do not suppress', () => {
      assert.deepEqual(ids(pod('    kube-score/ignore: pod-networkpolicy\n')), [K8S]);
    });
    it('accepts the display name of a check as kube-score prints it', () => {
      assert.deepEqual(ids(pod('    kube-score/ignore: Pod NetworkPolicy, Container Image Tag\n')), []);
    });
    it('a display name of another check does not suppress', () => {
      assert.deepEqual(ids(pod('    kube-score/ignore: Container Image Pull Policy\n')), [K8S]);
    });
  });
  describe('peer ids in shipshape-ignore comments', () => {
    it('a tool:check id suppresses the rule that lists it as an alias', () => {
      const text = pod('').replace('spec:\n', 'spec:\n  # shipshape-ignore kube-linter:latest-tag\n');
      assert.deepEqual(ids(text), []);
    });
    it('a peer id works in a file-wide comment', () => {
      assert.deepEqual(ids(`# shipshape-ignore-file kube-score:container-image-tag\n${pod('')}`), []);
    });
    it('a peer id the rule does not list leaves it alone', () => {
      const text = pod('').replace('spec:\n', 'spec:\n  # shipshape-ignore kube-linter:privileged-container\n');
      assert.deepEqual(ids(text), [K8S]);
    });
  });
  describe('Checkov', () => {
    it('checkov.io/skipN annotations suppress by CKV id', () => {
      assert.deepEqual(ids(pod('    checkov.io/skip1: CKV_K8S_14=pinned elsewhere\n')), []);
    });
    it('a different CKV id does not', () => {
      assert.deepEqual(ids(pod('    checkov.io/skip1: CKV_K8S_20=x\n')), [K8S]);
    });
    it('#checkov:skip= comments suppress within the YAML document they are in', () => {
      const text = `${pod('')}---\n${pod('')}`.replace('spec:\n', 'spec:\n  #checkov:skip=CKV_K8S_14:reason\n');
      assert.deepEqual(ids(text), [K8S]);
    });
  });
  it('annotations only cover their own object in a multi-document file', () => {
    const text = `${pod('    kube-score/ignore: container-image-tag\n')}---\n${pod('')}`;
    const found = lintString(text, { only: K8S });
    assert.equal(found.length, 1);
    assert.equal(found[0]!.range.start.line, 18);
  });
});
