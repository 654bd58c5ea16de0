import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { classify } from '../../server/src/engine/classify';
import { DiskProbe } from '../../server/src/engine/project';
import { tempWorkspace } from './helpers';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n';

describe('classification', () => {
  const dir = tempWorkspace({
    'chart/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
    'chart/charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.1.0\n',
  });
  const probe = new DiskProbe();
  const kind = (rel: string, text = '', languageId?: string) => classify(path.join(dir, rel), languageId, text, probe).kind;

  it('recognises every Dockerfile naming convention', () => {
    for (const name of ['Dockerfile', 'dockerfile', 'api.Dockerfile', 'Dockerfile.prod', 'Containerfile', 'Containerfile.dev']) {
      assert.equal(kind(`svc/${name}`), 'dockerfile', name);
    }
    assert.equal(kind('notes.txt', 'FROM x', 'dockerfile'), 'dockerfile');
    assert.equal(kind('svc/.dockerignore'), 'dockerignore');
    assert.equal(kind('Dockerfile.md'), 'dockerfile', 'Dockerfile.* is a Dockerfile name by convention');
  });
  it('recognises manifests by apiVersion and kind, multi-document included', () => {
    assert.equal(kind('k8s/pod.yaml', POD), 'manifest');
    assert.equal(kind('k8s/all.yml', `# comment\n---\n${POD}---\n${POD}`), 'manifest');
    assert.equal(kind('k8s/pod.txt', POD, 'yaml'), 'manifest');
  });
  it('ignores YAML that is not Kubernetes', () => {
    assert.equal(kind('.github/workflows/ci.yaml', 'name: ci\non: push\njobs: {}\n'), 'other');
    assert.equal(kind('config.yaml', 'kind: thing\n'), 'other');
    assert.equal(kind('nested.yaml', 'spec:\n  apiVersion: v1\n  kind: Pod\n'), 'other');
  });
  it('classifies Helm chart files by their place in the chart', () => {
    assert.equal(kind('chart/Chart.yaml'), 'helm-chart');
    assert.equal(kind('chart/values.yaml'), 'helm-values');
    assert.equal(kind('chart/values-prod.yaml'), 'helm-values');
    assert.equal(kind('chart/values.schema.json'), 'helm-schema');
    assert.equal(kind('chart/templates/deploy.yaml', POD), 'helm-template');
    assert.equal(kind('chart/templates/_helpers.tpl'), 'helm-template');
    assert.equal(kind('chart/templates/NOTES.txt'), 'helm-template');
    assert.equal(kind('chart/crds/crd.yaml', 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n'), 'manifest');
    assert.equal(
      classify(path.join(dir, 'chart/charts/sub/values.yaml'), undefined, '', probe).chartRoot,
      path.join(dir, 'chart/charts/sub'),
    );
  });
  it('does not treat values.yaml outside a chart as Helm', () => {
    assert.equal(kind('other/values.yaml', 'image: nginx\n'), 'other');
  });
  it('recognises Compose files by every name Compose reads and the usual overrides', () => {
    const text = 'services:\n  web:\n    image: nginx\n';
    for (const name of [
      'compose.yaml',
      'compose.yml',
      'compose.override.yaml',
      'compose.prod.yml',
      'docker-compose.yml',
      'docker-compose.yaml',
      'docker-compose.override.yml',
      'docker-compose-dev.yaml',
      'Docker-Compose.YML',
    ]) {
      assert.equal(kind(`app/${name}`, text), 'compose', name);
    }
    assert.equal(kind('stack.yaml', text, 'dockercompose'), 'compose', 'the editor language of Compose files');
    for (const name of ['composer.yaml', 'my-compose.yaml', 'compose.json', 'docker-compose'])
      assert.equal(kind(name, text), 'other', name);
  });
  it('keeps a Kubernetes object saved under a Compose name a manifest, and a chart template a template', () => {
    assert.equal(kind('k8s/docker-compose.yaml', POD), 'manifest');
    assert.equal(kind('chart/templates/compose.yaml', 'services: {}\n'), 'helm-template');
  });
  it('recognises kustomization files and Shipshape config', () => {
    assert.equal(kind('overlay/kustomization.yaml', 'resources: []\n'), 'kustomization');
    assert.equal(kind('.shipshape.yaml'), 'shipshape-config');
  });
});
