/** Other linters' configuration files, applied as if written in `.shipshape.yaml`. */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { translatePeerConfig } from '../../server/src/engine/peer-config';
import { Project } from '../../server/src/engine/project';
import { pathToFileUri } from '../../server/src/engine/uri';
import { RULES } from '../../server/src/rules';
import { tempWorkspace } from './helpers';
import { engineReady } from './ready';

/** The rule ids each file of `files` gets findings of, when linted through a Project on a temporary workspace. */
function lintIds(files: Record<string, string>, target: string, only: readonly string[]): string[] {
  const dir = tempWorkspace(files);
  const project = Project.create(engineReady(), RULES, [dir]);
  const file = path.join(dir, target);
  const found = project.lint({ uri: pathToFileUri(file), text: fs.readFileSync(file, 'utf8') }).findings;
  return found.filter((f) => only.includes(f.ruleId)).map((f) => `${f.ruleId}:${f.severity}`);
}

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      image: nginx:latest\n';

describe("other linters' configuration", () => {
  describe('.hadolint.yaml', () => {
    it('turns ignored checks off, sets overridden severities (style as hint) and trusted registries', () => {
      const { layer, notes } = translatePeerConfig(
        'hadolint',
        'ignored: [DL3007, DL3030]\noverride:\n  error: [DL3008]\n  style: [DL4000]\ntrustedRegistries: [registry.example.com]\n',
        RULES,
      );
      assert.deepEqual(layer.rules, {
        'dockerfile/image-latest-tag': { severity: 'off', options: {} },
        'dockerfile/apt-pin-versions': { severity: 'error', options: {} },
        'dockerfile/maintainer-deprecated': { severity: 'hint', options: {} },
        'dockerfile/untrusted-registry': { options: { trustedRegistries: ['registry.example.com'] } },
      });
      // DL3030 shares its rule with DL3034 and DL3038, so the rule stays on, and the info says why.
      assert.ok(
        notes.some((n) => n.startsWith('DL3030 is in "ignored", but dockerfile/rpm-install-yes also covers DL3038, DL3034')),
        notes.join('\n'),
      );
    });

    it('turns label-schema into required and typed labels, and strict-labels into strictLabels', () => {
      const { layer } = translatePeerConfig('hadolint', 'label-schema:\n  author: text\n  version: semver\nstrict-labels: true\n', RULES);
      assert.deepEqual(layer.rules['dockerfile/label-schema'], { options: { requiredLabels: ['author', 'version'], strictLabels: true } });
      assert.deepEqual(layer.rules['dockerfile/label-format'], { options: { labelTypes: ['author=text', 'version=semver'] } });
      const only = ['dockerfile/label-format', 'dockerfile/label-schema'];
      assert.deepEqual(
        lintIds(
          {
            Dockerfile: 'FROM alpine:3.20\nLABEL version=v1 team=a\n',
            '.hadolint.yaml': 'label-schema:\n  version: semver\nstrict-labels: true\n',
          },
          'Dockerfile',
          only,
        ),
        ['dockerfile/label-format:warning', 'dockerfile/label-schema:info'],
      );
    });

    it('applies to the Dockerfiles of its folder, below .shipshape.yaml of the same folder', () => {
      const only = ['dockerfile/image-latest-tag', 'dockerfile/maintainer-deprecated'];
      const dockerfile = 'FROM alpine:latest\nMAINTAINER Jane\n';
      assert.deepEqual(lintIds({ Dockerfile: dockerfile }, 'Dockerfile', only), [
        'dockerfile/image-latest-tag:warning',
        'dockerfile/maintainer-deprecated:warning',
      ]);
      assert.deepEqual(
        lintIds({ Dockerfile: dockerfile, '.hadolint.yaml': 'ignored: [DL3007]\noverride:\n  error: [DL4000]\n' }, 'Dockerfile', only),
        ['dockerfile/maintainer-deprecated:error'],
      );
      assert.deepEqual(
        lintIds(
          {
            Dockerfile: dockerfile,
            '.hadolint.yaml': 'ignored: [DL3007]\n',
            '.shipshape.yaml': 'rules:\n  dockerfile/image-latest-tag: info\n',
          },
          'Dockerfile',
          only,
        ),
        ['dockerfile/image-latest-tag:info', 'dockerfile/maintainer-deprecated:warning'],
      );
    });
  });

  describe('.kube-linter.yaml', () => {
    it('turns excluded checks off and included opt-in checks on; exclusion wins', () => {
      const { layer } = translatePeerConfig(
        'kube-linter',
        'checks:\n  include: [no-anti-affinity, latest-tag]\n  exclude: [latest-tag]\n',
        RULES,
      );
      assert.equal(layer.rules['k8s/image-latest-tag']?.severity, 'off');
      assert.equal(layer.rules['k8s/anti-affinity']?.severity, RULES.find((r) => r.id === 'k8s/anti-affinity')!.severity);
      assert.equal(
        lintIds({ 'pod.yaml': POD, '.kube-linter.yaml': 'checks:\n  exclude: [latest-tag]\n' }, 'pod.yaml', ['k8s/image-latest-tag'])
          .length,
        0,
      );
      assert.equal(lintIds({ 'pod.yaml': POD }, 'pod.yaml', ['k8s/image-latest-tag']).length, 1);
    });

    it('with doNotAutoAddDefaults, turns off the rules of the checks it does not include', () => {
      const { layer } = translatePeerConfig('kube-linter', 'checks:\n  doNotAutoAddDefaults: true\n  include: [latest-tag]\n', RULES);
      assert.equal(layer.rules['k8s/image-latest-tag'], undefined);
      assert.equal(layer.rules['k8s/privileged-container']?.severity, 'off');
      // Rules with no kube-linter check are not kube-linter's to turn off.
      assert.equal(layer.rules['dockerfile/image-latest-tag'], undefined);
    });
  });

  describe('Polaris configuration', () => {
    it('maps ignore, warning and danger to off, warning and error, and notes unknown levels and ids', () => {
      const { layer, notes } = translatePeerConfig(
        'polaris',
        'checks:\n  tagNotSpecified: danger\n  hostIPCSet: ignore\n  pullPolicyNotAlways: loud\n  notAPolarisCheck: warning\n',
        RULES,
      );
      assert.equal(layer.rules['k8s/image-latest-tag']?.severity, 'error');
      assert.equal(layer.rules['k8s/host-namespaces'], undefined, 'host-namespaces also covers hostNetworkSet and hostPIDSet');
      assert.ok(notes.includes('pullPolicyNotAlways: "loud" is not a Polaris severity (ignore, warning, danger).'), notes.join('\n'));
      assert.ok(notes.includes('notAPolarisCheck: no Shipshape rule covers it.'), notes.join('\n'));
      assert.deepEqual(
        lintIds({ 'pod.yaml': POD, 'polaris.yaml': 'checks:\n  tagNotSpecified: danger\n' }, 'pod.yaml', ['k8s/image-latest-tag']),
        ['k8s/image-latest-tag:error'],
      );
    });

    it('is not read from a polaris.yaml that is a Kubernetes manifest', () => {
      assert.deepEqual(
        lintIds({ 'pod.yaml': POD, 'polaris.yaml': POD.replace('name: p', 'name: polaris') }, 'pod.yaml', ['k8s/image-latest-tag']),
        ['k8s/image-latest-tag:warning'],
      );
    });
  });

  it('reads nothing from a file that is not a mapping', () => {
    assert.deepEqual(translatePeerConfig('hadolint', '- a\n- b\n', RULES).layer.rules, {});
    assert.deepEqual(translatePeerConfig('hadolint', 'ignored: [\n', RULES).layer.rules, {});
  });
});
