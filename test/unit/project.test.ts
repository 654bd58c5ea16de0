import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigLoader } from '../../server/src/engine/config';
import { Project } from '../../server/src/engine/project';
import { pathToFileUri } from '../../server/src/engine/uri';
import { catalogue } from '../../server/src/rules/catalogue';
import { RULES } from '../../server/src/rules';
import { summary, tempWorkspace } from './helpers';
import { engineReady } from './ready';

const latestOnly = RULES.filter((x) => x.id === 'k8s/image-latest-tag');

function pod(image: string): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: app\n      image: ${image}\n`;
}

describe('Project batch caches', () => {
  it('lints a kept parse exactly like a fresh one', () => {
    const dir = tempWorkspace({ 'a.yaml': pod('nginx:latest'), 'b.yaml': pod('nginx:1.27') + '---\n' + pod('redis') });
    const run = (keep: boolean) => {
      const project = Project.create(engineReady(), latestOnly, [dir]);
      if (keep) project.keepParses(1024 * 1024);
      const uris = ['a.yaml', 'b.yaml'].map((f) => ({
        uri: pathToFileUri(path.join(dir, f)),
        text: fs.readFileSync(path.join(dir, f), 'utf8'),
      }));
      for (const u of uris) project.updateIndex(u.uri, u.text);
      return uris.map((u) => summary(project.lint(u).findings));
    };
    const kept = run(true);
    assert.deepEqual(kept, run(false));
    assert.deepEqual(
      kept.map((f) => f.map((x) => x.ruleId)),
      [['k8s/image-latest-tag'], ['k8s/image-latest-tag']],
    );
  });

  it('parses again when the linted text is not the indexed one', () => {
    const dir = tempWorkspace({ 'a.yaml': pod('nginx:latest') });
    const uri = pathToFileUri(path.join(dir, 'a.yaml'));
    const project = Project.create(engineReady(), latestOnly, [dir]);
    project.keepParses(1024 * 1024);
    project.updateIndex(uri, pod('nginx:latest'));
    assert.deepEqual(project.lint({ uri, text: pod('nginx:1.27') }).findings, []);
    // The kept parse was dropped, not reused for the next lint of the original text either.
    assert.equal(project.lint({ uri, text: pod('nginx:latest') }).findings.length, 1);
  });

  it('finds the same config layers per folder when remembering folders, until invalidated', () => {
    const dir = tempWorkspace({
      '.shipshape.yaml': 'kubernetesVersion: "1.30"\n',
      'a/b/.shipshape.yml': 'rules:\n  k8s/image-latest-tag: error\n',
      'a/b/c/x.yaml': '',
      'a/y.yaml': '',
    });
    const fresh = new ConfigLoader(catalogue());
    const remembering = new ConfigLoader(catalogue());
    remembering.rememberFolders = true;
    for (const f of ['a/b/c/x.yaml', 'a/y.yaml', 'a/b/c/x.yaml', 'z.yaml']) {
      const file = path.join(dir, f);
      assert.deepEqual(remembering.layersFor(file, dir), fresh.layersFor(file, dir), f);
    }
    const deep = path.join(dir, 'a/b/c/x.yaml');
    assert.equal(remembering.layersFor(deep, dir).length, 2);
    remembering.layersFor(deep, dir).push({ rules: {} });
    assert.equal(remembering.layersFor(deep, dir).length, 2, 'callers get their own copy');

    fs.writeFileSync(path.join(dir, 'a/b/c/.shipshape.yaml'), 'maxFileSize: 10\n');
    assert.equal(remembering.layersFor(deep, dir).length, 2, 'remembered until invalidated');
    remembering.invalidate(path.join(dir, 'a/b/c/.shipshape.yaml'));
    assert.deepEqual(
      remembering.layersFor(deep, dir).map((l) => l.maxFileSize),
      [undefined, undefined, 10],
    );
  });

  it('sees config files added, changed, replaced and removed on disk without being told, as the server needs', () => {
    const dir = tempWorkspace({ '.shipshape.yaml': 'kubernetesVersion: "1.30"\n', 'a/b/x.yaml': '' });
    const loader = new ConfigLoader(catalogue());
    const file = path.join(dir, 'a/b/x.yaml');
    const sizes = () => loader.layersFor(file, dir).map((l) => l.maxFileSize ?? null);
    const versions = () => loader.layersFor(file, dir).map((l) => l.kubernetesVersion ?? null);
    assert.deepEqual(versions(), ['1.30']);
    assert.deepEqual(versions(), ['1.30'], 'asked again with nothing changed');
    // A new file in a folder between the file and the root.
    fs.writeFileSync(path.join(dir, 'a/.shipshape.yaml'), 'maxFileSize: 10\n');
    assert.deepEqual(sizes(), [null, 10]);
    // The same file rewritten in place (its folder's time does not change, its own does).
    const inner = path.join(dir, 'a/.shipshape.yaml');
    fs.writeFileSync(inner, 'maxFileSize: 20\n');
    fs.utimesSync(inner, new Date(), new Date(Date.now() + 5000));
    assert.deepEqual(sizes(), [null, 20]);
    // Replaced by renaming another file over it, as editors save.
    fs.writeFileSync(path.join(dir, 'a/next.tmp'), 'maxFileSize: 30\n');
    fs.renameSync(path.join(dir, 'a/next.tmp'), inner);
    assert.deepEqual(sizes(), [null, 30]);
    // Another linter's file beside the document.
    fs.writeFileSync(path.join(dir, 'a/b/.hadolint.yaml'), 'ignored:\n  - DL3008\n');
    assert.equal(loader.layersFor(file, dir).length, 3);
    fs.rmSync(inner);
    fs.rmSync(path.join(dir, 'a/b/.hadolint.yaml'));
    assert.deepEqual(versions(), ['1.30']);
    const copy = loader.layersFor(file, dir);
    copy.push({ rules: {} });
    assert.equal(loader.layersFor(file, dir).length, 1, 'callers get their own copy');
  });

  for (const remember of [false, true]) {
    it(`builds a folder's configuration once, and anew after settings, --config or a config file change (${remember ? 'CLI' : 'server'})`, () => {
      const dir = tempWorkspace({ 'a/x.yaml': pod('nginx:latest'), 'a/y.yaml': pod('nginx:latest'), 'b/z.yaml': pod('nginx:latest') });
      const project = Project.create(engineReady(), latestOnly, [dir]);
      project.configs.rememberFolders = remember;
      const input = (f: string) => ({ uri: pathToFileUri(path.join(dir, f)), text: pod('nginx:latest') });
      const severities = (f = 'a/x.yaml') => project.lint(input(f)).findings.map((x) => `${x.ruleId} ${x.severity}`);
      const defaultSeverity = latestOnly[0]!.severity;
      assert.deepEqual(severities(), [`k8s/image-latest-tag ${defaultSeverity}`]);
      const x = project.configFor(input('a/x.yaml').uri);
      assert.equal(project.configFor(input('a/y.yaml').uri), x, 'one configuration for the files of a folder');
      assert.equal(project.configFor(input('a/x.yaml').uri), x, 'and for the same file asked again');

      project.setSettings({ rules: { 'k8s/image-latest-tag': 'hint' } });
      assert.deepEqual(severities(), ['k8s/image-latest-tag hint'], 'settings');
      assert.notEqual(project.configFor(input('a/x.yaml').uri), x);

      project.setExplicitConfig({ rules: { 'k8s/image-latest-tag': { severity: 'error', options: {} } } });
      assert.deepEqual(severities(), ['k8s/image-latest-tag error'], '--config');
      project.setExplicitConfig(undefined);
      assert.deepEqual(severities(), ['k8s/image-latest-tag hint'], '--config taken away');

      const config = path.join(dir, 'a/.shipshape.yaml');
      fs.writeFileSync(config, 'rules:\n  k8s/image-latest-tag: info\n');
      if (remember) {
        assert.deepEqual(severities(), ['k8s/image-latest-tag hint'], 'remembered until invalidated');
        project.configs.invalidate(config);
      }
      assert.deepEqual(severities(), ['k8s/image-latest-tag info'], 'a config file added');
      assert.deepEqual(severities('b/z.yaml'), ['k8s/image-latest-tag hint'], 'only below its folder');
      fs.writeFileSync(config, 'rules:\n  k8s/image-latest-tag: off\n');
      fs.utimesSync(config, new Date(), new Date(Date.now() + 5000));
      if (remember) project.configs.invalidate(config);
      assert.deepEqual(severities(), [], 'a config file changed');
      fs.rmSync(config);
      if (remember) project.configs.invalidate(config);
      assert.deepEqual(severities('a/y.yaml'), ['k8s/image-latest-tag hint'], 'a config file removed');
    });
  }

  it('keeps the pod index across edits that change no workload, and rebuilds it after one that does', () => {
    const deployment = (app: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: ${app}\n  template:\n    metadata:\n      labels:\n        app: ${app}\n    spec:\n      containers:\n        - name: app\n          image: web:1\n`;
    const service = (app: string) =>
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: ${app}\n  ports:\n    - port: 80\n`;
    const files = {
      'deploy.yaml': deployment('web'),
      'svc.yaml': service('web'),
      'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n',
    };
    const dir = tempWorkspace(files);
    const project = Project.create(
      engineReady(),
      RULES.filter((x) => x.id === 'k8s/service-selects-nothing'),
      [dir],
    );
    const uri = (f: string) => pathToFileUri(path.join(dir, f));
    for (const [f, text] of Object.entries(files)) project.updateIndex(uri(f), text);
    const lintService = (text: string) => {
      project.updateIndex(uri('svc.yaml'), text);
      return summary(project.lint({ uri: uri('svc.yaml'), text }).findings);
    };
    const unmatched = [{ ruleId: 'k8s/service-selects-nothing', range: [5, 2, 5, 10] }];
    assert.deepEqual(lintService(service('web')), []);
    project.updateIndex(uri('cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\n');
    assert.deepEqual(lintService(service('web')), [], 'after an edit of a ConfigMap');
    assert.deepEqual(lintService(service('api')), unmatched, 'after an edit of the Service itself');
    project.updateIndex(uri('deploy.yaml'), deployment('api'));
    assert.deepEqual(lintService(service('api')), [], 'after the Deployment took the new label');
    project.updateIndex(uri('deploy.yaml'), deployment('web'));
    assert.deepEqual(lintService(service('api')), unmatched, 'after the Deployment changed back');
  });

  it('follows kustomizations added and removed across edits, keeping the list while none changes', () => {
    const patch = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n';
    const dir = tempWorkspace({ 'overlay/replicas.yaml': patch, 'other.yaml': pod('nginx:1.27') });
    const project = Project.create(
      engineReady(),
      RULES.filter((x) => x.id === 'k8s/schema-required'),
      [dir],
    );
    const uri = (f: string) => pathToFileUri(path.join(dir, f));
    project.updateIndex(uri('overlay/replicas.yaml'), patch);
    project.updateIndex(uri('other.yaml'), pod('nginx:1.27'));
    const lintPatch = () => project.lint({ uri: uri('overlay/replicas.yaml'), text: patch }).findings.length;
    assert.equal(lintPatch(), 2);
    project.updateIndex(uri('overlay/kustomization.yaml'), 'patches:\n  - path: replicas.yaml\n');
    assert.equal(lintPatch(), 0, 'a patch under a kustomization may be partial');
    const kustomizations = project.index.filesOfKind('kustomization');
    project.updateIndex(uri('other.yaml'), pod('nginx:1.28'));
    assert.equal(project.index.filesOfKind('kustomization'), kustomizations, 'kept across an unrelated edit');
    assert.equal(lintPatch(), 0);
    project.index.delete(uri('overlay/kustomization.yaml'));
    assert.deepEqual(project.index.filesOfKind('kustomization'), []);
    assert.equal(lintPatch(), 2, 'after the kustomization is gone');
  });
});
