import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { ApiClient } from '../../../client/src/cluster/api';
import { toProblem, type ClusterProblem } from '../../../client/src/cluster/errors';
import { forContext, isProblem, loadKubeconfig, type LoadedKubeconfig } from '../../../client/src/cluster/kubeconfig';
import { kubeconfigYaml } from '../../kube-api-server/kubeconfig';
import { KubeApiServer } from '../../kube-api-server/server';
import { tempDir } from './env';

function cfg(contexts: string[], current: string, server = 'https://127.0.0.1:1'): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': current,
    clusters: contexts.map((c) => ({ name: c, cluster: { server: `${server}/${c}` } })),
    users: contexts.map((c) => ({ name: c, user: { token: `t-${c}` } })),
    contexts: contexts.map((c) => ({ name: c, context: { cluster: c, user: c, namespace: `ns-${c}` } })),
  });
}

function ok(x: LoadedKubeconfig | ClusterProblem): LoadedKubeconfig {
  if (isProblem(x)) assert.fail(x.message);
  return x;
}

describe('cluster/kubeconfig: loading', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('merges KUBECONFIG paths; the first file wins for names and current-context; missing files are skipped', () => {
    const a = path.join(dir, 'a');
    const b = path.join(dir, 'b');
    fs.writeFileSync(a, cfg(['one', 'shared'], 'one', 'https://a'));
    fs.writeFileSync(b, cfg(['shared', 'two'], 'two', 'https://b'));
    const r = ok(loadKubeconfig({ env: [a, path.join(dir, 'missing'), b].join(path.delimiter) }));
    assert.deepEqual(
      r.kc.getContexts().map((c) => c.name),
      ['one', 'shared', 'two'],
    );
    assert.equal(r.kc.getCurrentContext(), 'one');
    assert.equal(r.kc.getCluster('shared')?.server, 'https://a/shared');
    assert.deepEqual(r.files, [a, b]);
    assert.deepEqual(r.missing, [path.join(dir, 'missing')]);
  });

  it('prefers the setting over KUBECONFIG and ~/.kube/config', () => {
    const a = path.join(dir, 'a');
    const s = path.join(dir, 's');
    fs.writeFileSync(a, cfg(['env'], 'env'));
    fs.writeFileSync(s, cfg(['setting'], 'setting'));
    assert.equal(ok(loadKubeconfig({ setting: s, env: a, home: dir })).kc.getCurrentContext(), 'setting');
  });

  it('falls back to ~/.kube/config', () => {
    fs.mkdirSync(path.join(dir, '.kube'));
    fs.writeFileSync(path.join(dir, '.kube', 'config'), cfg(['home'], 'home'));
    assert.equal(ok(loadKubeconfig({ home: dir })).kc.getCurrentContext(), 'home');
  });

  it('reads an empty file in KUBECONFIG as an empty configuration, as kubectl does', () => {
    const empty = path.join(dir, 'empty');
    const real = path.join(dir, 'real');
    fs.writeFileSync(empty, '');
    fs.writeFileSync(real, cfg(['one', 'two'], 'two'));
    const r = ok(loadKubeconfig({ env: [empty, real].join(path.delimiter), home: dir }));
    assert.deepEqual(
      r.kc.getContexts().map((c) => c.name),
      ['one', 'two'],
    );
    assert.equal(r.kc.getCurrentContext(), 'two');
    assert.deepEqual(r.files, [empty, real]);
  });

  it("uses the pod's service account (in-cluster) when there is no kubeconfig", async () => {
    const server = await new KubeApiServer({ token: 'sa-token' }).start();
    try {
      const sa = path.join(dir, 'sa');
      fs.mkdirSync(sa);
      fs.writeFileSync(path.join(sa, 'token'), 'sa-token');
      fs.writeFileSync(path.join(sa, 'ca.crt'), server.caPem);
      fs.writeFileSync(path.join(sa, 'namespace'), 'team-a\n');
      const port = new URL(server.url).port;
      const r = ok(loadKubeconfig({ home: dir, inCluster: { host: '127.0.0.1', port, serviceAccountDir: sa } }));
      assert.equal(r.kc.getCurrentContext(), 'in-cluster');
      assert.equal(r.kc.getContextObject('in-cluster')?.namespace, 'team-a');
      const api = new ApiClient(r.kc, { timeoutMs: 5000 });
      const v = await api.get<{ gitVersion: string }>('/version');
      assert.equal(v.gitVersion, 'v1.33.0-shipshape-test');
      assert.equal(server.requests.at(-1)?.headers.authorization, 'Bearer sa-token');
      // Without the service account, there is still no configuration.
      assert.ok(
        isProblem(loadKubeconfig({ home: dir, inCluster: { host: '127.0.0.1', port, serviceAccountDir: path.join(dir, 'none') } })),
      );
    } finally {
      await server.stop();
    }
  });

  it('says clearly when there is no kubeconfig', () => {
    const r = loadKubeconfig({ home: dir });
    assert.ok(isProblem(r));
    assert.equal(r.kind, 'no-kubeconfig');
    assert.match(r.message, /No kubeconfig found \(looked at .*\.kube\/config\)\./);
  });

  it('says clearly when the configured file is missing', () => {
    const r = loadKubeconfig({ setting: path.join(dir, 'nope') });
    assert.ok(isProblem(r));
    assert.equal(r.kind, 'no-kubeconfig');
    assert.match(r.message, /does not exist/);
  });

  it('says clearly when the file is broken (YAML, binary) without a stack trace', () => {
    for (const content of ['clusters: [unclosed', '\0\x01\x02binary']) {
      const f = path.join(dir, 'broken');
      fs.writeFileSync(f, content);
      const r = loadKubeconfig({ setting: f });
      assert.ok(isProblem(r));
      assert.equal(r.kind, 'kubeconfig-invalid');
      assert.ok(r.message.startsWith(`The kubeconfig ${f} cannot be read: `), r.message);
      assert.doesNotMatch(r.message, /\n\s+at /);
    }
  });

  it('says when there are no contexts', () => {
    const f = path.join(dir, 'empty');
    fs.writeFileSync(f, 'apiVersion: v1\nkind: Config\nclusters: []\n');
    const r = loadKubeconfig({ setting: f });
    assert.ok(isProblem(r));
    assert.equal(r.kind, 'no-context');
  });

  it('switches context without touching the original', () => {
    const f = path.join(dir, 'c');
    fs.writeFileSync(f, cfg(['one', 'two'], 'one'));
    const r = ok(loadKubeconfig({ setting: f }));
    const two = forContext(r.kc, 'two');
    assert.equal(two.getCurrentCluster()?.server, 'https://127.0.0.1:1/two');
    assert.equal(r.kc.getCurrentContext(), 'one');
  });
});

describe('cluster/errors: connection failures become clear messages', () => {
  let server: KubeApiServer;
  let dir: string;
  before(async () => {
    server = await new KubeApiServer({ token: 'good' }).start();
    dir = tempDir();
  });
  after(async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function problemFor(yaml: string, timeoutMs = 5000): Promise<ClusterProblem> {
    const f = path.join(dir, `k${Math.random()}`);
    fs.writeFileSync(f, yaml);
    const api = new ApiClient(ok(loadKubeconfig({ setting: f })).kc, { timeoutMs, retries: 0 });
    try {
      await api.get('/api/v1/namespaces');
    } catch (e) {
      return toProblem(e, api.server);
    }
    return assert.fail('the request succeeded');
  }

  it('unreachable server', async () => {
    const free = net.createServer();
    await new Promise<void>((r) => free.listen(0, '127.0.0.1', r));
    const port = (free.address() as net.AddressInfo).port;
    await new Promise<void>((r) => free.close(() => r()));
    const p = await problemFor(kubeconfigYaml(server, { server: `https://127.0.0.1:${port}` }));
    assert.equal(p.kind, 'unreachable');
    assert.equal(p.message, `Cannot reach the API server (https://127.0.0.1:${port}): ECONNREFUSED.`);
  });

  it('401 with a wrong token, without echoing the token', async () => {
    const p = await problemFor(kubeconfigYaml(server, { token: 'wrong-secret-token' }));
    assert.equal(p.kind, 'unauthorized');
    assert.equal(p.status, 401);
    assert.doesNotMatch(`${p.message} ${p.hint}`, /wrong-secret-token/);
  });

  it('403 carries the server message', async () => {
    server.forbid(/^GET \/api\/v1\/namespaces\?/);
    const p = await problemFor(kubeconfigYaml(server));
    assert.equal(p.kind, 'forbidden');
    assert.match(p.message, /^Forbidden: forbidden: User "system:serviceaccount:test:viewer" cannot get \/api\/v1\/namespaces$/);
  });

  it('timeout when the server never answers', async () => {
    server.addFault({ match: /^GET \/api\/v1\/pods/, action: { kind: 'hang' } });
    const f = path.join(dir, 'timeout');
    fs.writeFileSync(f, kubeconfigYaml(server));
    const api = new ApiClient(ok(loadKubeconfig({ setting: f })).kc, { timeoutMs: 300, retries: 0 });
    const p = await api.get('/api/v1/pods').then(
      () => assert.fail('answered'),
      (e: unknown) => toProblem(e, api.server),
    );
    assert.equal(p.kind, 'timeout');
    assert.equal(p.message, `The API server (${server.url}) did not answer within 0.3 s.`);
  });

  it('untrusted certificate', async () => {
    const yaml = JSON.parse(kubeconfigYaml(server)) as { clusters: { cluster: Record<string, unknown> }[] };
    delete yaml.clusters[0].cluster['certificate-authority-data'];
    const p = await problemFor(JSON.stringify(yaml));
    assert.equal(p.kind, 'tls');
  });

  it('retries 429 honouring Retry-After, then succeeds', async () => {
    server.addFault({ match: /^GET \/api\/v1\/configmaps/, action: { kind: 'status', code: 429, retryAfter: 0 }, times: 2 });
    const f = path.join(dir, 'retry');
    fs.writeFileSync(f, kubeconfigYaml(server));
    const api = new ApiClient(ok(loadKubeconfig({ setting: f })).kc, { timeoutMs: 5000, retries: 3, maxRetryDelayMs: 10 });
    const list = await api.get<{ kind: string }>('/api/v1/configmaps');
    assert.equal(list.kind, 'ConfigMapList');
    assert.equal(server.requests.filter((r) => r.path === '/api/v1/configmaps').length, 3);
  });
});
