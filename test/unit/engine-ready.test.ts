/** The one entry to the engine: a project is ready before it checks, and a parser that failed is reported. */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { looksLikeJsonManifest, looksLikeManifest } from '../../server/src/engine/classify';
import { Project } from '../../server/src/engine/project';
import { pathToFileUri } from '../../server/src/engine/uri';
import { parseYaml } from '../../server/src/parse/yaml';
import { RULES } from '../../server/src/rules';
import { r, summary, tempWorkspace } from './helpers';

const DOCKERFILE = 'FROM ubuntu:22.04\nRUN apt install python\n';

describe('Project.open', () => {
  it('runs the shell rules on the first lint', async () => {
    const dir = tempWorkspace({ Dockerfile: DOCKERFILE });
    const project = await Project.open(RULES, [dir]);
    const findings = project.lint({ uri: pathToFileUri(path.join(dir, 'Dockerfile')), text: DOCKERFILE }).findings;
    assert.deepEqual(
      summary(findings).filter((f) => f.ruleId === 'dockerfile/apt-not-apt-get'),
      [{ ruleId: 'dockerfile/apt-not-apt-get', range: [1, 4, 1, 7] }],
    );
  });

  it('reports a parser that failed to load on each file that needs it, even under a suppression', async () => {
    const dir = tempWorkspace({});
    const failing = [{ name: 'the test parser', kinds: ['dockerfile' as const], load: () => Promise.reject(new Error('no grammar')) }];
    const project = await Project.open(RULES, [dir], failing);
    assert.deepEqual(
      project.ready.failures.map((f) => f.message),
      ['no grammar'],
    );
    const text = '# shipshape-ignore-file shipshape/internal-error\n' + DOCKERFILE;
    const internal = project
      .lint({ uri: pathToFileUri(path.join(dir, 'Dockerfile')), text })
      .findings.filter((f) => f.ruleId === 'shipshape/internal-error');
    assert.deepEqual(
      internal.map((f) => [f.severity, r(f.range), f.message]),
      [
        [
          'error',
          [0, 0, 0, 0],
          'Shipshape could not load the test parser (no grammar), so the rules that need it did not check this file. Please report it.',
        ],
      ],
    );
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n';
    const manifest = project.lint({ uri: pathToFileUri(path.join(dir, 'pod.yaml')), text: pod }).findings;
    assert.deepEqual(
      manifest.filter((f) => f.ruleId === 'shipshape/internal-error'),
      [],
      'a manifest needs no shell parser',
    );
  });
});

describe('what the engine reads', () => {
  it('takes the items of a List (and of a *List kind) as objects, with their ranges', () => {
    const text =
      'apiVersion: v1\nkind: DeploymentList\nitems:\n  - apiVersion: apps/v1\n    kind: Deployment\n    metadata:\n      name: a\n  - apiVersion: v1\n    kind: Service\n    metadata:\n      name: b\n      namespace: n\n';
    const doc = parseYaml(text, 'manifest');
    assert.deepEqual(
      doc.objects.map((o) => [o.kind, o.name, o.namespace, r(o.range), (o.value?.metadata as { name?: string } | undefined)?.name]),
      [
        ['Deployment', 'a', undefined, [3, 4, 7, 0], 'a'],
        ['Service', 'b', 'n', [7, 4, 12, 0], 'b'],
      ],
    );
  });

  it('leaves an object that only ends in List, without items, as it is', () => {
    const doc = parseYaml('apiVersion: example.com/v1\nkind: AllowList\nspec:\n  hosts: []\n', 'manifest');
    assert.deepEqual(
      doc.objects.map((o) => o.kind),
      ['AllowList'],
    );
  });

  it('recognises manifests with a byte order mark, quoted keys, or written as JSON', () => {
    assert.ok(looksLikeManifest('\uFEFFapiVersion: v1\nkind: Pod\n'));
    assert.ok(looksLikeManifest('"apiVersion": v1\n"kind": Pod\n'));
    assert.ok(looksLikeManifest("'apiVersion': v1\n'kind': Pod\n"));
    assert.ok(!looksLikeManifest('name: x\nspec:\n  apiVersion: v1\n  kind: Pod\n'));
    assert.ok(looksLikeJsonManifest('{\n  "apiVersion": "v1",\n  "kind": "Pod"\n}\n'));
    assert.ok(!looksLikeJsonManifest('{ "name": "x", "version": "1.0.0" }\n'));
    assert.ok(!looksLikeJsonManifest('["apiVersion", "kind"]\n'));
  });
});
