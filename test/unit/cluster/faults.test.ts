/**
 * The cluster module under injected faults: throttling, server errors, slow and silent servers,
 * untrusted certificates, revoked exec-plugin tokens, a context deleted from the kubeconfig and a
 * namespace deleted while browsing. Each either recovers or gives the exact message asserted here.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiClient } from '../../../client/src/cluster/api';
import { ProblemError, toProblem, type ClusterProblem } from '../../../client/src/cluster/errors';
import { forContext, isProblem, loadKubeconfig } from '../../../client/src/cluster/kubeconfig';
import { ClusterTree, type TreeNode } from '../../../client/src/cluster/tree';
import { LiveCollection, listAll, type CollectionEvent } from '../../../client/src/cluster/watch';
import { kubeconfigYaml } from '../../kube-api-server/kubeconfig';
import { KubeApiServer } from '../../kube-api-server/server';
import { pod, tempDir, useCluster } from './env';

const PODS = '/api/v1/namespaces/default/pods';

async function problemOf(p: Promise<unknown>, server: string): Promise<ClusterProblem> {
  return p.then(
    () => assert.fail('the request succeeded'),
    (e: unknown) => toProblem(e, server),
  );
}

function names(c: LiveCollection): string[] {
  return c.items().map((o) => o.metadata.name);
}

async function child(nodes: TreeNode[], label: string): Promise<TreeNode> {
  const n = nodes.find((x) => x.view.label === label);
  assert.ok(n, `no node ${label} among ${nodes.map((x) => x.view.label).join(', ')}`);
  return n;
}

describe('cluster faults: requests, watches, credentials, contexts, namespaces', () => {
  const cluster = useCluster();
  function collection(opts = {}): LiveCollection {
    const c = new LiveCollection(cluster.api, PODS, { apiVersion: 'v1', kind: 'Pod', backoffMs: 5, maxBackoffMs: 20, ...opts });
    cluster.defer(() => c.stop());
    return c;
  }
  async function started(c: LiveCollection): Promise<void> {
    const synced = c.next((e) => e.type === 'synced');
    c.start();
    await synced;
    await cluster.server.waitForRequest(/watch=1/);
  }

  describe('429 with Retry-After', () => {
    it('a list waits and retries, then succeeds', async () => {
      cluster.server.put(pod('a'));
      cluster.server.addFault({
        match: /^GET \/api\/v1\/namespaces\/default\/pods\?limit/,
        action: { kind: 'status', code: 429, retryAfter: 1 },
        times: 2,
      });
      const r = await listAll(cluster.api, PODS);
      assert.deepEqual(
        r.items.map((o) => o.metadata.name),
        ['a'],
      );
      assert.equal(cluster.server.requests.filter((q) => q.path === PODS).length, 3);
    });

    it('throttling that persists gives the throttled message', async () => {
      cluster.server.addFault({ match: /pods\?limit/, action: { kind: 'status', code: 429, retryAfter: 1 }, times: Infinity });
      const p = await problemOf(listAll(cluster.api, PODS), cluster.api.server);
      assert.deepEqual(p, {
        kind: 'throttled',
        status: 429,
        message: `The API server (${cluster.server.url}) is throttling requests (429).`,
        hint: 'Shipshape retries automatically; wait a moment.',
      });
      // The first try and three retries.
      assert.equal(cluster.server.requests.filter((q) => q.path === PODS).length, 4);
    });

    it('a throttled watch waits as long as Retry-After says, not the shorter back-off', async () => {
      const c = collection();
      await started(c);
      cluster.server.addFault({ match: /watch=1/, action: { kind: 'status', code: 429, retryAfter: 7 } });
      const err = c.next((e) => e.type === 'error');
      cluster.server.dropWatches();
      const e = await err;
      assert.ok(e.type === 'error');
      assert.equal(e.retryInMs, 7000);
      assert.equal(e.problem.message, `The API server (${cluster.server.url}) is throttling requests (429).`);
      assert.equal(c.problem?.kind, 'throttled');
    });
  });

  describe('500s', () => {
    it('a live collection keeps its items through failing lists and watches and catches up', async () => {
      cluster.server.put(pod('a'));
      const c = collection();
      await started(c);
      // The watch fails and so do the next lists (each list try is retried inside the request layer).
      cluster.server.addFault({
        match: /watch=1/,
        action: { kind: 'status', code: 500, message: 'etcdserver: request timed out' },
        times: 3,
      });
      const errors: CollectionEvent[] = [];
      c.onEvent((e) => e.type === 'error' && errors.push(e));
      const recovered = c.next((e) => e.type === 'recovered');
      cluster.server.dropWatches();
      cluster.server.put(pod('b'));
      cluster.server.remove('v1', 'Pod', 'default', 'a');
      while (names(c).join() !== 'b') await c.next();
      assert.equal(errors.length, 3);
      assert.deepEqual(
        errors.map((e) => e.type === 'error' && e.problem.message),
        Array(3).fill(`The API server (${cluster.server.url}) failed (500): etcdserver: request timed out`),
      );
      // Recovered: the problem is cleared (the tree redraws on 'recovered').
      await recovered;
      assert.equal(c.problem, undefined);
      cluster.server.put(pod('c'));
      while (names(c).join() !== 'b,c') await c.next();
    });

    it('persistent 503 from a list says what failed', async () => {
      cluster.server.addFault({
        match: /pods\?limit/,
        action: { kind: 'status', code: 503, message: 'the server is shutting down' },
        times: Infinity,
      });
      const p = await problemOf(listAll(cluster.api, PODS), cluster.api.server);
      assert.equal(p.kind, 'server-error');
      assert.equal(p.message, `The API server (${cluster.server.url}) failed (503): the server is shutting down`);
    });
  });

  describe('slow responses', () => {
    it('a slow answer within the timeout is waited for', async () => {
      cluster.server.put(pod('a'));
      cluster.server.addFault({ match: /pods\?limit/, action: { kind: 'delay', ms: 300 } });
      const r = await listAll(cluster.api, PODS);
      assert.equal(r.items.length, 1);
    });

    it('a server that never answers times out with a message, and the collection recovers once it answers', async () => {
      const slow = new ApiClient(cluster.api.kc, { timeoutMs: 200, retries: 0 });
      cluster.server.put(pod('a'));
      cluster.server.addFault({ match: /pods\?limit/, action: { kind: 'hang' } });
      const c = new LiveCollection(slow, PODS, { backoffMs: 5 });
      cluster.defer(() => c.stop());
      const err = c.next((e) => e.type === 'error');
      const synced = c.next((e) => e.type === 'synced');
      c.start();
      const e = await err;
      assert.ok(e.type === 'error');
      assert.deepEqual(e.problem, {
        kind: 'timeout',
        message: `The API server (${cluster.server.url}) did not answer within 0.2 s.`,
        hint: 'Check the VPN or network, or raise shipshape.cluster.requestTimeout.',
      });
      await synced;
      assert.deepEqual(names(c), ['a']);
      assert.equal(c.problem, undefined);
    });

    it('an answer that stalls half-way times out with the same message', async () => {
      const slow = new ApiClient(cluster.api.kc, { timeoutMs: 200, retries: 0 });
      cluster.server.put(pod('a'));
      cluster.server.addFault({
        match: /pods\?limit/,
        action: { kind: 'body', code: 200, contentType: 'application/json', body: '{"kind":"PodList","items":[', stall: true },
      });
      const p = await problemOf(listAll(slow, PODS), slow.server);
      assert.equal(p.message, `The API server (${cluster.server.url}) did not answer within 0.2 s.`);
      assert.equal((await listAll(slow, PODS)).items.length, 1);
    });
  });

  describe('watches closed and 410', () => {
    it('misses nothing across repeated drops, 410s and compactions', async () => {
      const c = collection();
      await started(c);
      const expected = new Set<string>();
      for (let round = 0; round < 12; round++) {
        const watches = cluster.server.requests.filter((q) => q.query.get('watch') === '1').length;
        switch (round % 4) {
          case 0:
            cluster.server.dropWatches();
            break;
          case 1:
            cluster.server.addFault({ match: /watch=1/, action: { kind: 'drop', afterLines: 1 } });
            cluster.server.dropWatches();
            break;
          case 2:
            cluster.server.addFault({ match: /watch=1.*resourceVersion=/, action: { kind: 'status', code: 410, reason: 'Expired' } });
            cluster.server.dropWatches();
            break;
          default:
            cluster.server.compact();
            cluster.server.dropWatches();
        }
        // Changes while the watch is down or being re-established.
        cluster.server.put(pod(`p${round}`));
        expected.add(`p${round}`);
        if (round % 3 === 2) {
          cluster.server.remove('v1', 'Pod', 'default', `p${round - 1}`);
          expected.delete(`p${round - 1}`);
        }
        await cluster.server.waitForRequest(/watch=1/, watches + 1);
        const want = [...expected].sort().join();
        while (names(c).join() !== want) await c.next();
      }
      assert.ok(cluster.server.requests.filter((q) => q.path === PODS && q.query.has('limit')).length >= 3, 'relisted after the 410s');
    });
  });

  describe('certificate errors', () => {
    it('an untrusted certificate names the server and the cause, and never suggests disabling checks', async () => {
      const yaml = JSON.parse(kubeconfigYaml(cluster.server)) as { clusters: { cluster: Record<string, unknown> }[] };
      delete yaml.clusters[0].cluster['certificate-authority-data'];
      const dir = tempDir();
      cluster.defer(() => fs.rmSync(dir, { recursive: true, force: true }));
      fs.writeFileSync(path.join(dir, 'config'), JSON.stringify(yaml));
      const loaded = loadKubeconfig({ setting: path.join(dir, 'config') });
      assert.ok(!isProblem(loaded));
      const untrusted = new ApiClient(loaded.kc, { retries: 0 });
      const p = await problemOf(listAll(untrusted, PODS), untrusted.server);
      assert.deepEqual(p, {
        kind: 'tls',
        message: `The API server's certificate (${cluster.server.url}) is not trusted: self-signed certificate`,
        hint: 'Update certificate-authority(-data) in the kubeconfig; do not disable verification.',
      });
    });
  });

  describe('expired tokens from an exec credential plugin', () => {
    let dir: string;
    let state: string;
    beforeEach(() => {
      dir = tempDir();
      state = path.join(dir, 'state.json');
      // The plugin hands out whatever token the identity provider currently issues, valid "for a long time".
      fs.writeFileSync(
        path.join(dir, 'plugin.js'),
        [
          "const fs = require('fs');",
          'const file = process.argv[2];',
          "const st = JSON.parse(fs.readFileSync(file, 'utf8'));",
          'st.runs += 1;',
          'fs.writeFileSync(file, JSON.stringify(st));',
          'if (st.stderr !== undefined) { process.stderr.write(st.stderr); process.exit(1); }',
          'if (st.stdout !== undefined) { process.stdout.write(st.stdout); process.exit(0); }',
          'process.stdout.write(JSON.stringify({',
          "  apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential',",
          "  status: st.noExpiry ? { token: st.token } : { token: st.token, expirationTimestamp: st.expires || '2099-01-01T00:00:00Z' },",
          '}));',
        ].join('\n'),
      );
      cluster.defer(() => fs.rmSync(dir, { recursive: true, force: true }));
    });
    function plugin(st: { token: string; stderr?: string; stdout?: string; noExpiry?: boolean; expires?: string }): void {
      fs.writeFileSync(state, JSON.stringify({ runs: 0, ...st }));
    }
    function runs(): number {
      return (JSON.parse(fs.readFileSync(state, 'utf8')) as { runs: number }).runs;
    }
    function execClient(): ApiClient {
      const yaml = JSON.parse(kubeconfigYaml(cluster.server)) as { users: { name: string; user: Record<string, unknown> }[] };
      yaml.users[0].user = {
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1',
          command: process.execPath,
          args: [path.join(dir, 'plugin.js'), state],
          interactiveMode: 'Never',
        },
      };
      fs.writeFileSync(path.join(dir, 'config'), JSON.stringify(yaml));
      const loaded = loadKubeconfig({ setting: path.join(dir, 'config') });
      assert.ok(!isProblem(loaded));
      return new ApiClient(loaded.kc, { retries: 0 });
    }

    it('a rejected token makes the plugin run again and the request is retried', async () => {
      cluster.server.put(pod('a'));
      cluster.server.token = 'exec-token-1';
      plugin({ token: 'exec-token-1' });
      const exec = execClient();
      assert.equal((await listAll(exec, PODS)).items.length, 1);
      assert.equal((await listAll(exec, PODS)).items.length, 1);
      assert.equal(runs(), 1, 'the credential is cached while valid');
      // The token is revoked before the expiry the plugin stated; the provider now issues another.
      cluster.server.token = 'exec-token-2';
      plugin({ token: 'exec-token-2' });
      const before = cluster.server.requests.length;
      assert.equal((await listAll(exec, PODS)).items.length, 1);
      assert.equal(runs(), 1);
      assert.deepEqual(
        cluster.server.requests.slice(before).map((q) => q.headers.authorization),
        ['Bearer exec-token-1', 'Bearer exec-token-2'],
      );
      // Streams and WebSockets renew the same way.
      cluster.server.token = 'exec-token-3';
      plugin({ token: 'exec-token-3' });
      const c = new LiveCollection(exec, PODS, { backoffMs: 5 });
      cluster.defer(() => c.stop());
      const synced = c.next((e) => e.type === 'synced');
      c.start();
      await synced;
      cluster.server.token = 'exec-token-4';
      plugin({ token: 'exec-token-4' });
      const resumed = c.next((e) => e.type === 'ADDED');
      cluster.server.dropWatches();
      await cluster.server.waitForRequest(/watch=1/, 2);
      cluster.server.put(pod('b'));
      await resumed;
      assert.deepEqual(names(c), ['a', 'b']);
      assert.equal(c.problem, undefined);
    });

    it('a credential without an expiry is cached, shared by concurrent requests, and renewed on 401', async () => {
      cluster.server.put(pod('a'));
      cluster.server.token = 'forever-1';
      plugin({ token: 'forever-1', noExpiry: true });
      const exec = execClient();
      await Promise.all(Array.from({ length: 13 }, () => exec.get('/api/v1/namespaces/default/pods')));
      for (let i = 0; i < 13; i++) await exec.get('/api/v1/namespaces/default/pods');
      assert.equal(runs(), 1, '26 requests, one plugin run');
      // Another client of the same user shares the credential.
      await execClient().get('/version');
      assert.equal(runs(), 1);
      cluster.server.token = 'forever-2';
      plugin({ token: 'forever-2', noExpiry: true });
      await Promise.all(Array.from({ length: 5 }, () => exec.get('/api/v1/namespaces/default/pods')));
      assert.equal(runs(), 1, 'the 401s of concurrent requests share one new run');
      assert.equal(cluster.server.requests.at(-1)?.headers.authorization, 'Bearer forever-2');
    });

    it('a credential past its stated expiry is renewed before the request', async () => {
      cluster.server.token = 'short-1';
      plugin({ token: 'short-1', expires: new Date(Date.now() + 5_000).toISOString() });
      const exec = execClient();
      await exec.get('/version');
      // Within the renewal margin of its expiry: the next request runs the plugin first.
      await exec.get('/version');
      assert.equal(runs(), 2);
      assert.deepEqual(
        cluster.server.requests.map((r) => r.headers.authorization),
        ['Bearer short-1', 'Bearer short-1'],
      );
    });

    it('a token the server still rejects after the refresh gives the 401 message', async () => {
      cluster.server.token = 'the-only-good-token';
      plugin({ token: 'stale-token' });
      const exec = execClient();
      const p = await problemOf(listAll(exec, PODS), exec.server);
      assert.equal(p.kind, 'unauthorized');
      assert.equal(p.message, `The API server (${cluster.server.url}) rejected the credentials (401 Unauthorized).`);
      assert.equal(runs(), 2, 'ran once, and once more after the 401');
    });

    it('a failing plugin says which plugin and why', async () => {
      plugin({ token: '', stderr: 'error: refresh token expired, run `acme login`\ntrace…' });
      const exec = execClient();
      const p = await problemOf(listAll(exec, PODS), exec.server);
      assert.deepEqual(p, {
        kind: 'exec-plugin',
        message: `The credential plugin "${path.basename(process.execPath)}" of kubeconfig user "test" failed: error: refresh token expired, run \`acme login\`.`,
        hint: 'Log in again with the tool behind the plugin (e.g. kubelogin, gke-gcloud-auth-plugin, aws) and make sure it is on PATH.',
      });
    });

    it('a plugin that is not installed says so', async () => {
      plugin({ token: 'x' });
      const yaml = JSON.parse(kubeconfigYaml(cluster.server)) as { users: { user: Record<string, unknown> }[] };
      yaml.users[0].user = { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'shipshape-no-such-plugin' } };
      fs.writeFileSync(path.join(dir, 'config'), JSON.stringify(yaml));
      const loaded = loadKubeconfig({ setting: path.join(dir, 'config') });
      assert.ok(!isProblem(loaded));
      const exec = new ApiClient(loaded.kc);
      const p = await problemOf(exec.get(PODS), exec.server);
      assert.equal(
        p.message,
        'The credential plugin "shipshape-no-such-plugin" of kubeconfig user "test" failed: it is not installed or not on PATH.',
      );
    });
  });

  describe('context deleted from the kubeconfig while in use', () => {
    it('the reloaded tree no longer shows it, stale commands get a clear message, running watches carry on', async () => {
      const two = JSON.parse(kubeconfigYaml(cluster.server, { context: 'staging' })) as {
        clusters: object[];
        users: object[];
        contexts: object[];
      };
      const prod = JSON.parse(kubeconfigYaml(cluster.server, { context: 'prod' })) as typeof two;
      two.clusters.push(...prod.clusters);
      two.users.push(...prod.users);
      two.contexts.push(...prod.contexts);
      fs.writeFileSync(cluster.kubeconfig, JSON.stringify(two));
      const first = loadKubeconfig({ setting: cluster.kubeconfig });
      assert.ok(!isProblem(first));
      const tree = new ClusterTree(first.kc);
      cluster.defer(() => tree.dispose());
      cluster.server.put(pod('a'));
      const inUse = new LiveCollection(tree.api('prod'), PODS, { backoffMs: 5 });
      cluster.defer(() => inUse.stop());
      const synced = inUse.next((e) => e.type === 'synced');
      inUse.start();
      await synced;

      // The user deletes "prod" from the kubeconfig (kubectl config delete-context prod).
      fs.writeFileSync(cluster.kubeconfig, kubeconfigYaml(cluster.server, { context: 'staging' }));
      const reloaded = loadKubeconfig({ setting: cluster.kubeconfig });
      assert.ok(!isProblem(reloaded));
      const tree2 = new ClusterTree(reloaded.kc);
      cluster.defer(() => tree2.dispose());
      assert.deepEqual(
        tree2.roots().map((r) => r.view.label),
        ['staging'],
      );
      assert.throws(
        () => tree2.api('prod'),
        (e: unknown) => {
          assert.ok(e instanceof ProblemError);
          assert.deepEqual(e.problem, {
            kind: 'no-context',
            message: 'Context "prod" is not in the kubeconfig (any more).',
            hint: "Refresh the explorer and pick one of the kubeconfig's contexts.",
          });
          return true;
        },
      );
      assert.throws(
        () => new ApiClient(forContext(reloaded.kc, 'prod')),
        /^ProblemError: Context "prod" is not in the kubeconfig \(any more\)\.$/,
      );

      // What was already open keeps its credentials in memory and keeps working until refreshed.
      const added = inUse.next((e) => e.type === 'ADDED');
      cluster.server.put(pod('b'));
      await added;
      assert.deepEqual(names(inUse), ['a', 'b']);
    });
  });

  describe('namespace deleted while browsing', () => {
    it('an open kind node says the namespace is gone instead of showing nothing', async () => {
      cluster.server.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
      cluster.server.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
      cluster.server.put(pod('api-1', { namespace: 'team' }));
      const loaded = loadKubeconfig({ setting: cluster.kubeconfig });
      assert.ok(!isProblem(loaded));
      const tree = new ClusterTree(loaded.kc);
      cluster.defer(() => tree.dispose());
      const namespaces = await tree.roots()[0].children!();
      const kinds = await (await child(namespaces, 'team')).children!();
      const podsNode = await child(kinds, 'Pods');
      assert.deepEqual(
        (await podsNode.children!()).map((n) => n.view.label),
        ['api-1'],
      );
      await cluster.server.waitForRequest(/namespaces\/team\/pods\?.*watch=1/);
      const redraw = new Promise<void>((r) => {
        const off = tree.onChange((n) => {
          if (n === podsNode) {
            off();
            r();
          }
        });
      });
      // The namespace controller deletes the contents, then the namespace.
      cluster.server.remove('v1', 'Pod', 'team', 'api-1');
      cluster.server.remove('v1', 'Namespace', undefined, 'team');
      await redraw;
      const after = await podsNode.children!();
      assert.deepEqual(
        after.map((n) => [n.view.label, n.view.description, n.view.contextValue]),
        [['Namespace team no longer exists.', 'It was deleted; refresh the explorer to pick another namespace.', 'message']],
      );
      // An empty namespace that exists is just empty.
      const defaultKinds = await (await child(namespaces, 'default')).children!();
      assert.deepEqual(await (await child(defaultKinds, 'ConfigMaps')).children!(), []);
    });
  });

  it('an API server that is down gives the unreachable message', async () => {
    const down = await new KubeApiServer({ token: 'test-token-123' }).start();
    const url = down.url;
    await down.stop();
    const yaml = kubeconfigYaml(cluster.server, { server: url });
    fs.writeFileSync(cluster.kubeconfig, yaml);
    const loaded = loadKubeconfig({ setting: cluster.kubeconfig });
    assert.ok(!isProblem(loaded));
    const gone = new ApiClient(loaded.kc, { retries: 0 });
    const p = await problemOf(gone.get(PODS), gone.server);
    assert.equal(p.message, `Cannot reach the API server (${url}): ECONNREFUSED.`);
  });
});
