import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { ResolvedFinding } from '../../server/src/engine/types';
import { buildKustomization, buildText, contentHash, type KustomizeFiles } from '../../server/src/kustomize/build';
import { mapFindings } from '../../server/src/kustomize/map';

const BASE: Record<string, string> = {
  'base/kustomization.yaml':
    'resources:\n  - deploy.yaml\n  - svc.yaml\nconfigMapGenerator:\n  - name: app-config\n    literals:\n      - MODE=base\n      - LEVEL=info\n',
  'base/deploy.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.25\n          envFrom:\n            - configMapRef:\n                name: app-config\n',
  'base/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n',
  'overlay/kustomization.yaml':
    'resources:\n  - ../base\nnamespace: prod\nnamePrefix: prod-\ncommonLabels:\n  env: prod\nimages:\n  - name: nginx\n    newTag: "1.27"\npatches:\n  - path: replicas.yaml\n  - target:\n      kind: Deployment\n      name: web\n    patch: |-\n      - op: add\n        path: /metadata/annotations\n        value:\n          team: web\nsecretGenerator:\n  - name: creds\n    literals:\n      - password=s3cret\n',
  'overlay/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n',
};

/** The files in memory under /k. */
function memory(files: Record<string, string>): KustomizeFiles {
  const abs = new Map(Object.entries(files).map(([k, v]) => [path.join('/k', k), v]));
  return {
    read: (f) => abs.get(f),
    isDirectory: (d) => [...abs.keys()].some((k) => k.startsWith(d + path.sep)),
  };
}

const names = (files: Record<string, string>, dir: string): string[] =>
  buildKustomization(path.join('/k', dir), memory(files)).objects.map(
    (o) =>
      `${String(o.object.kind)} ${String((o.object.metadata as { namespace?: string }).namespace ?? '')}/${String((o.object.metadata as { name: string }).name)}`,
  );

describe('kustomize/build (built-in subset)', () => {
  it('builds an overlay: prefix, namespace, labels into selectors, images, both patch kinds, generators with hashes and their references', () => {
    const b = buildKustomization('/k/overlay', memory(BASE));
    assert.deepEqual(b.problems, []);
    assert.equal(
      buildText(b).text,
      [
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: prod-app-config-h8tdk5mthh\n  namespace: prod\n  labels:\n    env: prod\ndata:\n  MODE: base\n  LEVEL: info\n',
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: prod-creds-bf5fk5d75b\n  namespace: prod\n  labels:\n    env: prod\ntype: Opaque\ndata:\n  password: czNjcmV0\n',
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: prod-web\n  namespace: prod\n  labels:\n    env: prod\nspec:\n  selector:\n    app: web\n    env: prod\n  ports:\n    - port: 80\n',
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: prod-web\n  annotations:\n    team: web\n  namespace: prod\n  labels:\n    env: prod\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n      env: prod\n  template:\n    metadata:\n      labels:\n        app: web\n        env: prod\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n          envFrom:\n            - configMapRef:\n                name: prod-app-config-h8tdk5mthh\n',
      ].join('---\n'),
    );
    assert.deepEqual(
      b.objects.map((o) => [path.relative('/k', o.source.file), o.source.document]),
      [
        ['base/kustomization.yaml', undefined],
        ['overlay/kustomization.yaml', undefined],
        ['base/svc.yaml', 0],
        ['base/deploy.yaml', 0],
      ],
    );
  });

  it('hashes generated data the way kustomize does (content only) and can leave the hash off', () => {
    assert.equal(contentHash({ kind: 'ConfigMap', metadata: { name: 'x' }, data: { LEVEL: 'info', MODE: 'base' } }), 'h8tdk5mthh');
    assert.equal(contentHash({ kind: 'Secret', type: 'Opaque', metadata: { name: 'y' }, data: { password: 'czNjcmV0' } }), 'bf5fk5d75b');
    const files = {
      'a/kustomization.yaml':
        'configMapGenerator:\n  - name: plain\n    literals: [A=1]\n    options:\n      disableNameSuffixHash: true\n',
    };
    assert.deepEqual(names(files, 'a'), ['ConfigMap /plain']);
  });

  it('strategic merge: containers merge by name, $patch: delete removes an item, null removes a field', () => {
    const files = {
      'a/kustomization.yaml': 'resources: [d.yaml]\npatches:\n  - path: p.yaml\n',
      'a/d.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  annotations:\n    old: x\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: a:1\n        - name: side\n          image: s:1\n',
      'a/p.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  annotations:\n    old: null\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          resources:\n            limits:\n              cpu: 100m\n        - name: side\n          $patch: delete\n',
    };
    const b = buildKustomization('/k/a', memory(files));
    assert.deepEqual(b.objects[0].object, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { template: { spec: { containers: [{ name: 'app', image: 'a:1', resources: { limits: { cpu: '100m' } } }] } } },
    });
  });

  it('reports missing resources, patches without a match and remote resources on the kustomization', () => {
    const files = {
      'a/kustomization.yaml': 'resources:\n  - gone.yaml\n  - https://github.com/x/y//base\npatches:\n  - path: p.yaml\n',
      'a/p.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: nothing\n',
    };
    assert.deepEqual(
      buildKustomization('/k/a', memory(files)).problems.map((p) => p.message),
      [
        'Resource gone.yaml does not exist.',
        'Remote resource https://github.com/x/y//base is not fetched by the built-in builder; install kustomize or kubectl.',
        'No resource matches the patch for Service nothing.',
      ],
    );
  });

  it('maps findings on the output back to the source files: same path, else the generator name', () => {
    const files = memory(BASE);
    const b = buildKustomization('/k/overlay', files);
    const { text, starts } = buildText(b);
    const lines = text.split('\n');
    const at = (needle: string, from = 0): ResolvedFinding => {
      const line = lines.findIndex((l, i) => i >= from && l.includes(needle));
      const character = lines[line].indexOf(needle);
      return {
        ruleId: 'k8s/x',
        severity: 'warning',
        fixable: false,
        message: needle,
        range: { start: { line, character }, end: { line, character: character + needle.length } },
      };
    };
    const image = at('nginx:1.27');
    const secret = at('password');
    const replicas = at('replicas: 3');
    const { mapped, unmapped } = mapFindings(b, text, starts, [image, secret, replicas], files);
    assert.deepEqual(unmapped, []);
    assert.deepEqual(
      mapped.map((m) => [path.relative('/k', m.file), m.range.start.line, m.range.start.character, m.range.end.character]),
      [
        ['base/deploy.yaml', 16, 17, 27],
        ['overlay/kustomization.yaml', 20, 10, 15],
        ['base/deploy.yaml', 5, 12, 13],
      ],
    );
    assert.equal(BASE['base/deploy.yaml'].split('\n')[16].slice(17, 27), 'nginx:1.25');
    assert.equal(BASE['overlay/kustomization.yaml'].split('\n')[20].slice(10, 15), 'creds');
  });
});

const haveKubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;

describe('kustomize/build fidelity: the same objects as kubectl kustomize', function () {
  before(function () {
    if (!haveKubectl) {
      console.log('      skipped: kubectl is not on PATH');
      this.skip();
    }
  });

  it('builds the overlay to the objects kubectl kustomize prints', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-kustomize-'));
    try {
      for (const [f, t] of Object.entries(BASE)) {
        fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        fs.writeFileSync(path.join(dir, f), t);
      }
      const real: KustomizeFiles = {
        read: (f) => (fs.existsSync(f) && fs.statSync(f).isFile() ? fs.readFileSync(f, 'utf8') : undefined),
        isDirectory: (d) => fs.existsSync(d) && fs.statSync(d).isDirectory(),
      };
      const ours = buildKustomization(path.join(dir, 'overlay'), real).objects.map((o) => o.object);
      const r = spawnSync('kubectl', ['kustomize', path.join(dir, 'overlay')], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const theirs = parseAllDocuments(r.stdout).map((d) => d.toJS() as unknown);
      assert.deepEqual(ours, theirs);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
