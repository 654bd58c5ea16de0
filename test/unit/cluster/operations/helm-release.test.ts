import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { KubeObject } from '../../../../client/src/cluster/api';
import { ProblemError } from '../../../../client/src/cluster/errors';
import {
  diffReleaseManifests,
  helmDryRun,
  helmMajor,
  helmRevision,
  helmUninstall,
  helmUpgrade,
  helmUpgradeArgs,
  releaseSecretName,
  revisionManifestText,
  revisionValuesText,
  validateReleaseName,
  valuesFileCandidates,
  type HelmUpgradeOptions,
} from '../../../../client/src/cluster/operations/helm-release';
import { helmReleaseHistory } from '../../../../client/src/cluster/operations/helm-history';
import { testHelm } from '../../../helm';
import { tempDir, useCluster } from '../env';

const CM_V1 =
  '---\n# Source: demo/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo-config\ndata:\n  greeting: "hello"\n';

/** A release Secret as Helm stores it, with a manifest, values and a hook. */
function releaseSecret(revision: number, manifest: string, config: Record<string, unknown>): KubeObject {
  const release = {
    name: 'demo',
    namespace: 'default',
    version: revision,
    manifest,
    config,
    info: { status: 'deployed', notes: 'Thanks' },
    chart: { metadata: { name: 'demo', version: '0.1.0' }, values: { greeting: 'hello', replicas: 1 } },
    hooks: [
      {
        name: 'demo-test',
        path: 'demo/templates/test.yaml',
        events: ['test'],
        manifest: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo-test\n',
      },
    ],
  };
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'helm.sh/release.v1',
    metadata: {
      name: releaseSecretName('demo', revision),
      namespace: 'default',
      labels: { owner: 'helm', name: 'demo', version: String(revision) },
    },
    data: { release: Buffer.from(gzipSync(Buffer.from(JSON.stringify(release))).toString('base64')).toString('base64') },
  };
}

describe('cluster/operations/helm release revisions (no helm needed)', () => {
  const cluster = useCluster();

  it('reads a revision from its Secret: manifest, hooks, user values and chart defaults', async () => {
    cluster.server.put(releaseSecret(2, CM_V1, { greeting: 'hi' }));
    const r = await helmRevision(cluster.api, 'default', 'demo', 2);
    assert.deepEqual(r, {
      name: 'demo',
      namespace: 'default',
      revision: 2,
      status: 'deployed',
      chart: 'demo-0.1.0',
      manifest: CM_V1,
      hooks: [
        {
          name: 'demo-test',
          path: 'demo/templates/test.yaml',
          events: ['test'],
          manifest: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: demo-test\n',
        },
      ],
      userValues: { greeting: 'hi' },
      chartValues: { greeting: 'hello', replicas: 1 },
      notes: 'Thanks',
    });
    assert.equal(
      revisionManifestText(r),
      '# Helm release default/demo, revision 2 (deployed, chart demo-0.1.0)\n' +
        CM_V1.trim() +
        '\n---\n# Hook demo/templates/test.yaml (test)\napiVersion: v1\nkind: Pod\nmetadata:\n  name: demo-test\n',
    );
    assert.equal(
      revisionValuesText(r),
      '# Helm release default/demo, revision 2: user-supplied values\ngreeting: hi\n---\n# Chart defaults (demo-0.1.0)\n# greeting: hello\n# replicas: 1\n',
    );
  });

  it('a revision Helm no longer keeps is a clear not-found', async () => {
    await assert.rejects(
      helmRevision(cluster.api, 'default', 'demo', 7),
      (e: unknown) => e instanceof ProblemError && e.problem.message === 'Helm release default/demo has no revision 7.',
    );
  });
});

describe('cluster/operations/helm release diff, arguments and values files', () => {
  it('pairs objects by kind, namespace and name and lists what is added, removed and changed', () => {
    const live = `${CM_V1}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: old\n`;
    const next = `${CM_V1.replace('hello', 'hi')}---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: new\n  namespace: other\n`;
    const d = diffReleaseManifests(live, next, 'default');
    assert.deepEqual(
      [d.added, d.removed, d.changed, d.unchanged],
      [['Secret other/new'], ['Service default/old'], ['ConfigMap default/demo-config'], 0],
    );
    assert.equal(
      d.liveText,
      '# ConfigMap default/demo-config\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo-config\ndata:\n  greeting: hello\n' +
        '---\n# Secret other/new\n# (not in the release)\n---\n# Service default/old\napiVersion: v1\nkind: Service\nmetadata:\n  name: old\n',
    );
    assert.equal(
      d.nextText,
      '# ConfigMap default/demo-config\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo-config\ndata:\n  greeting: hi\n' +
        '---\n# Secret other/new\napiVersion: v1\nkind: Secret\nmetadata:\n  name: new\n  namespace: other\n---\n# Service default/old\n# (removed by this upgrade)\n',
    );
    const same = diffReleaseManifests(CM_V1, CM_V1.replace('# Source: demo/templates/cm.yaml\n', ''), 'default');
    assert.deepEqual([same.added, same.removed, same.changed, same.unchanged], [[], [], [], 1]);
  });

  const opts: HelmUpgradeOptions = {
    release: 'demo',
    chart: '/w/chart',
    namespace: 'apps',
    context: 'kind',
    valuesFiles: ['/w/chart/values-prod.yaml', '/w/extra.values.yaml'],
    kubeconfig: '/k/config',
  };

  it('installs atomically: --atomic for Helm 3, --rollback-on-failure for Helm 4', () => {
    const base = ['upgrade', 'demo', '/w/chart', '--install', '--namespace', 'apps', '--kube-context', 'kind', '--kubeconfig', '/k/config'];
    const values = ['--values', '/w/chart/values-prod.yaml', '--values', '/w/extra.values.yaml'];
    assert.deepEqual(helmUpgradeArgs(opts, 3, false), [...base, ...values, '--atomic', '--timeout', '5m0s']);
    assert.deepEqual(helmUpgradeArgs(opts, 4, false), [...base, ...values, '--rollback-on-failure', '--timeout', '5m0s']);
    assert.deepEqual(helmUpgradeArgs({ ...opts, atomic: false, timeout: '30s' }, 4, false), [...base, ...values, '--timeout', '30s']);
    assert.deepEqual(helmUpgradeArgs({ ...opts, createNamespace: true }, 4, true), [
      ...base,
      ...values,
      '--create-namespace',
      '--dry-run=server',
      '--output',
      'json',
    ]);
    assert.deepEqual([helmMajor('v3.16.2+g13654a5'), helmMajor('v4.1.4+g05fa379'), helmMajor('4.0.0')], [3, 4, 4]);
  });

  it('offers the chart values files first, then the workspace ones outside the chart', () => {
    const dir = tempDir();
    try {
      const chart = path.join(dir, 'chart');
      fs.mkdirSync(path.join(chart, 'ci'), { recursive: true });
      for (const f of ['values.yaml', 'values-prod.yaml', 'Chart.yaml', 'ci/test-values.yaml', 'ci/lint.values.yml', 'staging.values.yaml'])
        fs.writeFileSync(path.join(chart, f), 'a: 1\n');
      const ws = [
        path.join(dir, 'env/prod.values.yaml'),
        path.join(dir, 'env/notes.yaml'),
        path.join(chart, 'values.yaml'),
        path.join(dir, 'values.yml'),
      ];
      assert.deepEqual(
        valuesFileCandidates(chart, ws).map((f) => path.relative(dir, f)),
        [
          'chart/staging.values.yaml',
          'chart/values-prod.yaml',
          'chart/values.yaml',
          'chart/ci/lint.values.yml',
          'env/prod.values.yaml',
          'values.yml',
        ],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('checks release names as Helm does', () => {
    assert.equal(validateReleaseName('web-1'), undefined);
    assert.equal(validateReleaseName(''), 'A release needs a name.');
    assert.equal(validateReleaseName('a'.repeat(54)), 'At most 53 characters.');
    assert.equal(validateReleaseName('Web'), 'Lower-case letters, digits and "-", starting and ending with a letter or digit.');
    assert.equal(validateReleaseName('web-'), 'Lower-case letters, digits and "-", starting and ending with a letter or digit.');
  });

  it('without helm: install and uninstall say so, and name the setting', async () => {
    const missing = '/nonexistent/helm';
    await assert.rejects(
      helmUpgrade({ ...opts, helmPath: missing }),
      (e: unknown) =>
        e instanceof ProblemError &&
        e.problem.message === 'Installing a chart needs Helm, and `/nonexistent/helm` could not be run.' &&
        /shipshape\.helm\.path/.test(e.problem.hint),
    );
    await assert.rejects(
      helmUninstall({ release: 'demo', namespace: 'apps', context: 'kind', helmPath: missing }),
      (e: unknown) =>
        e instanceof ProblemError && e.problem.message === 'Uninstalling a release needs Helm, and `/nonexistent/helm` could not be run.',
    );
  });
});

const HELM = testHelm();

describe('cluster/operations/helm install, upgrade and uninstall with real helm against the test API server', function () {
  this.timeout(60_000);
  before(function () {
    if (!HELM) {
      console.log('      skipped: no helm on PATH or in .vscode-test/helm');
      this.skip();
    }
  });
  const cluster = useCluster();
  let dir: string;
  let saved: NodeJS.ProcessEnv;
  beforeEach(() => {
    dir = tempDir();
    saved = { ...process.env };
    // helm keeps its cache and configuration under these; a test does not touch the user's.
    for (const v of ['HELM_CACHE_HOME', 'HELM_CONFIG_HOME', 'HELM_DATA_HOME']) process.env[v] = path.join(dir, v.toLowerCase());
    fs.mkdirSync(path.join(dir, 'chart/templates'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'chart/Chart.yaml'), 'apiVersion: v2\nname: demo\nversion: 0.1.0\n');
    fs.writeFileSync(path.join(dir, 'chart/values.yaml'), 'greeting: hello\n');
    fs.writeFileSync(
      path.join(dir, 'chart/templates/cm.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-config\ndata:\n  greeting: {{ .Values.greeting | quote }}\n',
    );
    fs.writeFileSync(path.join(dir, 'prod.values.yaml'), 'greeting: hi\n');
    cluster.defer(() => {
      process.env = saved;
      fs.rmSync(dir, { recursive: true, force: true });
    });
  });
  const options = (valuesFiles: string[] = []): HelmUpgradeOptions => ({
    release: 'demo',
    chart: path.join(dir, 'chart'),
    namespace: 'default',
    context: 'test',
    kubeconfig: cluster.kubeconfig,
    helmPath: HELM,
    valuesFiles,
    timeout: '30s',
  });
  /** Runs helm asynchronously (a synchronous spawn would block the in-process server). */
  function helm(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(HELM!, [...args, '--kubeconfig', cluster.kubeconfig, '--kube-context', 'test']);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
  }

  it('dry-runs, installs, diffs an upgrade, upgrades and uninstalls; helm list and history agree', async () => {
    const first = await helmDryRun(cluster.api, options());
    assert.equal(first.upgrade, false);
    assert.deepEqual([first.diff.added, first.diff.changed, first.diff.removed], [['ConfigMap default/demo-config'], [], []]);
    assert.equal(cluster.server.get('v1', 'ConfigMap', 'default', 'demo-config'), undefined, 'a dry-run creates nothing');

    await helmUpgrade(options());
    assert.equal((cluster.server.get('v1', 'ConfigMap', 'default', 'demo-config')?.data as Record<string, string>).greeting, 'hello');
    const installed = await helmRevision(cluster.api, 'default', 'demo', 1);
    assert.equal(installed.status, 'deployed');
    assert.match(installed.manifest, /greeting: "hello"/);

    const list = await helm('list', '--namespace', 'default', '--output', 'json');
    assert.equal(list.status, 0, list.stderr);
    assert.deepEqual(
      (JSON.parse(list.stdout) as { name: string; revision: string; status: string; chart: string }[]).map((r) => [
        r.name,
        r.revision,
        r.status,
        r.chart,
      ]),
      [['demo', '1', 'deployed', 'demo-0.1.0']],
    );

    const second = await helmDryRun(cluster.api, options([path.join(dir, 'prod.values.yaml')]));
    assert.equal(second.upgrade, true);
    assert.deepEqual([second.diff.added, second.diff.changed, second.diff.removed], [[], ['ConfigMap default/demo-config'], []]);
    assert.match(second.diff.liveText, /greeting: hello/);
    assert.match(second.diff.nextText, /greeting: hi/);

    await helmUpgrade(options([path.join(dir, 'prod.values.yaml')]));
    const upgraded = await helmRevision(cluster.api, 'default', 'demo', 2);
    assert.deepEqual(upgraded.userValues, { greeting: 'hi' });
    assert.deepEqual(
      (await helmReleaseHistory(cluster.api, 'default', 'demo')).map((r) => [r.revision, r.status]),
      [
        [2, 'deployed'],
        [1, 'superseded'],
      ],
    );
    const history = await helm('history', 'demo', '--namespace', 'default', '--output', 'json');
    assert.equal(history.status, 0, history.stderr);
    assert.deepEqual(
      (JSON.parse(history.stdout) as { revision: number; status: string }[]).map((r) => [r.revision, r.status]),
      [
        [1, 'superseded'],
        [2, 'deployed'],
      ],
    );

    await helmUninstall({ release: 'demo', namespace: 'default', context: 'test', kubeconfig: cluster.kubeconfig, helmPath: HELM });
    assert.equal(cluster.server.get('v1', 'ConfigMap', 'default', 'demo-config'), undefined);
    assert.deepEqual(await helmReleaseHistory(cluster.api, 'default', 'demo'), []);
  });

  it("a refused upgrade is helm's message and leaves the release as it was", async () => {
    await helmUpgrade(options());
    fs.writeFileSync(
      path.join(dir, 'chart/templates/bad.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.missing.key }}\n',
    );
    await assert.rejects(
      helmDryRun(cluster.api, options()),
      (e: unknown) =>
        e instanceof ProblemError &&
        /^helm upgrade --dry-run=server failed: UPGRADE FAILED: demo\/templates\/bad.yaml:4:18\n[\s\S]*nil pointer evaluating/.test(
          e.problem.message,
        ),
    );
    assert.deepEqual(
      (await helmReleaseHistory(cluster.api, 'default', 'demo')).map((r) => r.revision),
      [1],
    );
  });
});
