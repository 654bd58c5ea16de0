import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Project } from '../../server/src/engine/project';
import { findExecutable } from '../../server/src/engine/tools';
import { pathToFileUri } from '../../server/src/engine/uri';
import { buildOverlay, overlayOf } from '../../server/src/kustomize/service';
import { RULES } from '../../server/src/rules';
import { engineReady } from './ready';

const FILES: Record<string, string> = {
  'base/kustomization.yaml': 'resources:\n  - deploy.yaml\n',
  'base/deploy.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:latest\n',
  'overlay/kustomization.yaml': 'resources:\n  - ../base\nnamePrefix: prod-\nnamespace: prod\n',
};

describe('kustomize/service: build, lint through the engine, map back', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-kustomize-'));
    for (const [f, t] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.writeFileSync(path.join(dir, f), t);
    }
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const project = (): Project =>
    Project.create(
      engineReady(),
      RULES.filter((r) => r.id === 'k8s/image-latest-tag'),
      [dir],
    );

  it('finds the overlay of a file or folder', () => {
    assert.equal(overlayOf(path.join(dir, 'overlay/kustomization.yaml')), path.join(dir, 'overlay'));
    assert.equal(overlayOf(path.join(dir, 'base/deploy.yaml')), path.join(dir, 'base'));
    assert.equal(overlayOf(path.join(dir, 'overlay')), path.join(dir, 'overlay'));
  });

  it('in restricted mode builds with the built-in builder and places the finding on the base file', async () => {
    const p = project();
    const r = await buildOverlay(path.join(dir, 'overlay'), {
      trusted: false,
      lint: (f, t) => p.lintRendered(f, t),
      which: () => assert.fail('no program may be looked for in restricted mode'),
    });
    assert.equal(r.builtWith, 'built-in');
    assert.match(r.output ?? '', /name: prod-web\n {2}namespace: prod\n/);
    assert.deepEqual(r.problems, []);
    assert.equal(r.unmapped, 0);
    assert.deepEqual(
      r.findings.map((f) => [f.code, f.uri, f.range]),
      [
        [
          'k8s/image-latest-tag',
          pathToFileUri(path.join(dir, 'base/deploy.yaml')),
          { start: { line: 15, character: 17 }, end: { line: 15, character: 29 } },
        ],
      ],
    );
  });

  it('a missing resource is a build problem named with its kustomization', async () => {
    fs.writeFileSync(path.join(dir, 'overlay/kustomization.yaml'), 'resources:\n  - ../base\n  - gone.yaml\n');
    const p = project();
    const r = await buildOverlay(path.join(dir, 'overlay'), { trusted: false, lint: (f, t) => p.lintRendered(f, t) });
    assert.deepEqual(r.problems, ['kustomization.yaml: Resource gone.yaml does not exist.']);
  });

  const kubectl = findExecutable('kubectl');
  it('trusted, with kubectl: builds with kubectl kustomize and maps the same finding', async function () {
    if (!kubectl) {
      console.log('      skipped: kubectl is not on PATH');
      return this.skip();
    }
    const p = project();
    const r = await buildOverlay(path.join(dir, 'overlay'), {
      trusted: true,
      lint: (f, t) => p.lintRendered(f, t),
      which: (n) => (n === 'kubectl' ? kubectl : undefined),
    });
    assert.equal(r.builtWith, 'kubectl');
    assert.match(r.output ?? '', /name: prod-web\n {2}namespace: prod\n/);
    assert.deepEqual(
      r.findings.map((f) => [f.code, f.uri, f.range.start.line]),
      [['k8s/image-latest-tag', pathToFileUri(path.join(dir, 'base/deploy.yaml')), 15]],
    );
  });
});
