/** A lazy engine loads each parser on the first check of a kind that needs it, and never checks around one. */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { loadsSoFar } from '../../server/src/engine/loads';
import { Project } from '../../server/src/engine/project';
import type { ParserLoader } from '../../server/src/engine/ready';
import { pathToFileUri } from '../../server/src/engine/uri';
import { KUBERNETES_VERSION } from '../../server/src/k8s/schema/generated/version';
import { loadBundle } from '../../server/src/k8s/schema/model';
import { RULES } from '../../server/src/rules';
import { r, summary, tempWorkspace } from './helpers';

const DOCKERFILE = 'FROM ubuntu:22.04\nRUN apt install python\n';
const POD =
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27\n      imagePullPolicyy: Always\n';

/** Loaders that count their loads and resolve (or reject) when told. */
function fakeLoaders(fail?: string) {
  const calls: string[] = [];
  const loaders: ParserLoader[] = [
    {
      name: 'the test shell parser',
      kinds: ['dockerfile'],
      load: () => {
        calls.push('shell');
        return fail ? Promise.reject(new Error(fail)) : Promise.resolve();
      },
    },
    {
      name: 'the test schemas',
      kinds: ['manifest'],
      load: () => {
        calls.push('schemas');
        return Promise.resolve();
      },
    },
  ];
  return { calls, loaders };
}

describe('Project.lazy', () => {
  it('loads nothing until a kind is prepared, then only what that kind needs, once', async () => {
    const dir = tempWorkspace({});
    const { calls, loaders } = fakeLoaders();
    const project = Project.lazy(RULES, [dir], loaders);
    assert.deepEqual(calls, []);
    const input = { uri: pathToFileUri(path.join(dir, 'pod.yaml')), text: POD };
    const pending = project.prepare(input);
    assert.ok(pending, 'the first manifest waits for the schemas');
    await pending;
    assert.deepEqual(calls, ['schemas']);
    assert.equal(project.prepare(input), undefined, 'a loaded kind waits for nothing');
    assert.deepEqual(calls, ['schemas'], 'a Dockerfile parser is not loaded for a manifest');
    assert.deepEqual(
      summary(project.lint(input).findings).filter((f) => f.ruleId === 'k8s/schema-unknown-field'),
      [{ ruleId: 'k8s/schema-unknown-field', range: [8, 6, 8, 22] }],
    );
  });

  it('refuses to lint a kind whose parser was not awaited', () => {
    const dir = tempWorkspace({});
    const project = Project.lazy(RULES, [dir], fakeLoaders().loaders);
    assert.throws(
      () => project.lint({ uri: pathToFileUri(path.join(dir, 'Dockerfile')), text: DOCKERFILE }),
      /the test shell parser was used before it was loaded: prepare the engine for dockerfile files first/,
    );
  });

  it('loads a parser that can load at once when a lint comes first (a rendered chart on the request thread)', () => {
    const dir = tempWorkspace({});
    const loaded: string[] = [];
    const project = Project.lazy(
      RULES,
      [dir],
      [{ name: 'the sync schemas', kinds: ['manifest'], load: () => Promise.resolve(), loadSync: () => void loaded.push('sync') }],
    );
    const findings = project.lintRendered(path.join(dir, 'templates', 'pod.yaml'), POD);
    assert.deepEqual(loaded, ['sync']);
    assert.deepEqual(
      summary(findings).filter((f) => f.ruleId === 'k8s/schema-unknown-field'),
      [{ ruleId: 'k8s/schema-unknown-field', range: [8, 6, 8, 22] }],
    );
  });

  it('turns a failed lazy load into an error on each file of that kind, and a line in the load log', async () => {
    const dir = tempWorkspace({});
    const project = Project.lazy(RULES, [dir], fakeLoaders('no grammar here').loaders);
    const input = { uri: pathToFileUri(path.join(dir, 'Dockerfile')), text: DOCKERFILE };
    await project.prepare(input);
    const internal = project.lint(input).findings.filter((f) => f.ruleId === 'shipshape/internal-error');
    assert.deepEqual(
      internal.map((f) => [f.severity, r(f.range), f.message]),
      [
        [
          'error',
          [0, 0, 0, 0],
          'Shipshape could not load the test shell parser (no grammar here), so the rules that need it did not check this file. Please report it.',
        ],
      ],
    );
    assert.deepEqual(
      loadsSoFar().filter((e) => e.name === 'the test shell parser'),
      [{ name: 'the test shell parser', error: 'no grammar here' }],
    );
    assert.equal(project.prepare(input), undefined, 'a failed parser is not retried on every check');
  });

  it('names the bundled Kubernetes version without loading the schemas, and the two agree', () => {
    assert.equal(KUBERNETES_VERSION, loadBundle().kubernetes);
  });
});
