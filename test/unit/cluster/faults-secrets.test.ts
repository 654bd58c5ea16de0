/**
 * Under faults, no message Shipshape produces (problems, notices, errors, console output) carries
 * the bearer token or a Secret's value, even when the server or a proxy quotes them back.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { ApiClient, type KubeObject } from '../../../client/src/cluster/api';
import { ProblemError, toProblem } from '../../../client/src/cluster/errors';
import { isProblem, loadKubeconfig } from '../../../client/src/cluster/kubeconfig';
import { ContainerLogStream, type LogNotice } from '../../../client/src/cluster/logs';
import { PortForwardSession } from '../../../client/src/cluster/portforward';
import { ClusterTree, revealSecretValue, type TreeNode } from '../../../client/src/cluster/tree';
import { LiveCollection } from '../../../client/src/cluster/watch';
import { kubeconfigYaml } from '../../kube-api-server/kubeconfig';
import { pod, tempDir, useCluster } from './env';

const TOKEN = 'sk-live-7Hq2vX9pL4mN8rT1';
const SECRET = 'correct horse battery staple';
const SECRET_B64 = Buffer.from(SECRET).toString('base64');
const FORBIDDEN = [TOKEN, SECRET, SECRET_B64];

describe('cluster faults: tokens and Secret values stay out of every message', () => {
  const cluster = useCluster({ token: TOKEN });
  /** Everything shown or logged during the test. */
  let produced: string[];

  beforeEach(() => {
    cluster.server.put({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db', namespace: 'default' },
      type: 'Opaque',
      data: { password: SECRET_B64 },
    });
    produced = [];
    // Console and stderr output is recorded (and still printed).
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const original = console[level];
      console[level] = (...args: unknown[]) => {
        produced.push(args.map(String).join(' '));
        original.apply(console, args);
      };
      cluster.defer(() => (console[level] = original));
    }
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      produced.push(String(chunk));
      return write(chunk, ...rest);
    }) as typeof process.stderr.write;
    cluster.defer(() => (process.stderr.write = write));
  });

  /** Records a failure the way the explorer shows it: the error itself and its problem. */
  function record(e: unknown, server_ = cluster.api.server): void {
    const p = toProblem(e, server_);
    produced.push(String(e), e instanceof Error ? (e.stack ?? '') : '', p.message, p.hint);
  }
  async function failing(p: Promise<unknown>, server_ = cluster.api.server): Promise<string> {
    try {
      await p;
    } catch (e) {
      record(e, server_);
      return toProblem(e, server_).message;
    }
    return assert.fail('it succeeded');
  }
  function assertClean(): void {
    assert.ok(produced.length > 0);
    for (const text of produced)
      for (const f of FORBIDDEN) assert.ok(!text.includes(f), `leaked ${f === TOKEN ? 'the token' : 'the Secret'}: ${text}`);
  }

  it('a server or proxy quoting the bearer token back: requests, watches, logs, port-forwards', async () => {
    const quoting = `upstream rejected "Authorization: Bearer ${TOKEN}" (token=${TOKEN}; raw ${TOKEN})`;
    for (const code of [400, 403, 404, 500, 503]) {
      // 5xx are retried three times, the others fail at once.
      const times = code >= 500 ? 4 : 1;
      cluster.server.addFault({
        match: /^GET \/api\/v1\/namespaces\/default\/configmaps/,
        action: { kind: 'status', code, message: quoting },
        times,
      });
      await failing(cluster.api.get('/api/v1/namespaces/default/configmaps'));
    }
    cluster.server.addFault({ match: /configmaps/, action: { kind: 'status', code: 403, message: quoting } });
    assert.equal(
      await failing(cluster.api.get('/api/v1/namespaces/default/configmaps')),
      'Forbidden: upstream rejected "Authorization: Bearer <redacted>" (token=<redacted>; raw <redacted>)',
    );

    // A live collection of Secrets whose watch fails that way.
    const c = new LiveCollection(cluster.api, '/api/v1/namespaces/default/secrets', { backoffMs: 5 });
    cluster.defer(() => c.stop());
    c.onEvent((e) => e.type === 'error' && produced.push(e.problem.message, e.problem.hint));
    const synced = c.next((e) => e.type === 'synced');
    c.start();
    await synced;
    cluster.server.addFault({ match: /secrets\?.*watch=1/, action: { kind: 'status', code: 500, message: quoting }, times: 2 });
    const recovered = c.next((e) => e.type === 'recovered');
    cluster.server.dropWatches();
    await recovered;

    // A log follow that keeps failing that way.
    cluster.server.put(pod('web'));
    cluster.server.appendLog('default', 'web', 'app', 'hello');
    cluster.server.addFault({ match: /\/log\?/, action: { kind: 'status', code: 500, message: quoting }, times: 2 });
    const notices: LogNotice[] = [];
    let firstLineSeen: () => void = () => undefined;
    const firstLine = new Promise<void>((r) => (firstLineSeen = r));
    const s = new ContainerLogStream(
      cluster.api,
      { namespace: 'default', pod: 'web', container: 'app' },
      { follow: true },
      {
        line: () => firstLineSeen(),
        notice: (n) => notices.push(n),
      },
    );
    cluster.defer(() => s.stop());
    s.start();
    await firstLine;
    produced.push(...notices.map((n) => n.message));
    assert.ok(notices.some((n) => n.message.includes('<redacted>')));

    // A port-forward whose upgrade is refused that way.
    const pf = new PortForwardSession(cluster.api, { kind: 'Pod', namespace: 'default', name: 'web', port: 80 });
    cluster.defer(() => pf.stop());
    await pf.start();
    cluster.server.addFault({ match: /portforward/, action: { kind: 'status', code: 403, message: quoting } });
    const notice = new Promise<{ message: string }>((r) => pf.once('notice', r));
    const conn = net.connect(pf.localPort, '127.0.0.1', () => conn.write('x'));
    conn.on('error', () => undefined);
    produced.push((await notice).message);
    conn.destroy();
    assertClean();
  });

  it('Secret values: revealing through 429/500 and a proxy answering with a non-JSON page; the tree under watch faults', async () => {
    // The explicit reveal still works through retries...
    cluster.server.addFault({ match: /secrets\/db/, action: { kind: 'status', code: 429, retryAfter: 0 } });
    cluster.server.addFault({ match: /secrets\/db/, action: { kind: 'status', code: 500 } });
    assert.equal(await revealSecretValue(cluster.api, 'default', 'db', 'password'), SECRET);
    // ...and a mangled answer (YAML, an HTML page, truncated JSON) never ends up in a message.
    for (const body of [
      `password: ${SECRET_B64}\n`,
      `<html><body>cached: ${SECRET} / ${SECRET_B64}</body></html>`,
      `{"kind":"Secret","data":{"password":"${SECRET_B64}"`,
      `${SECRET_B64}`,
    ]) {
      cluster.server.addFault({ match: /secrets\/db/, action: { kind: 'body', code: 200, body } });
      assert.equal(
        await failing(revealSecretValue(cluster.api, 'default', 'db', 'password')),
        `The API server's answer to GET /api/v1/namespaces/default/secrets/db is not JSON (${body.length} characters).`,
      );
    }
    await failing(revealSecretValue(cluster.api, 'default', 'db', 'nokey'));

    // The tree shows Secrets by key only, also while its watch is dropped and expired.
    const loaded = loadKubeconfig({ setting: cluster.kubeconfig });
    assert.ok(!isProblem(loaded));
    const tree = new ClusterTree(loaded.kc);
    cluster.defer(() => tree.dispose());
    const namespaces = await tree.roots()[0].children!();
    const kinds = await namespaces.find((n) => n.view.label === 'default')!.children!();
    const secretsNode = kinds.find((n) => n.view.label === 'Secrets')!;
    const views = async (): Promise<void> => {
      const walk = async (nodes: TreeNode[]): Promise<void> => {
        for (const n of nodes) {
          produced.push(JSON.stringify(n.view), JSON.stringify(n.ref?.object ?? {}));
          if (n.children) await walk(await n.children());
        }
      };
      await walk(await secretsNode.children!());
    };
    await views();
    await cluster.server.waitForRequest(/secrets\?.*watch=1/);
    cluster.server.addFault({ match: /secrets\?.*watch=1/, action: { kind: 'drop', afterLines: 1 } });
    cluster.server.addFault({ match: /secrets\?.*watch=1.*resourceVersion=/, action: { kind: 'status', code: 410, reason: 'Expired' } });
    const redrawn = new Promise<void>((r) => {
      const off = tree.onChange((n) => n === secretsNode && (off(), r()));
    });
    cluster.server.dropWatches();
    cluster.server.put({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db', namespace: 'default' },
      type: 'Opaque',
      data: { password: SECRET_B64, user: Buffer.from('admin').toString('base64') },
    });
    await redrawn;
    await views();
    assert.ok(produced.some((t) => t.includes('"label":"user"')));
    assertClean();
  });

  it('an exec plugin that prints a bare token, or quotes it in its error', async () => {
    const dir = tempDir();
    cluster.defer(() => fs.rmSync(dir, { recursive: true, force: true }));
    for (const [i, script] of [
      `process.stdout.write(${JSON.stringify(TOKEN)})`,
      `process.stderr.write("error: token: ${TOKEN} expired\\n"); process.exit(1)`,
      `process.stderr.write("error: cached credential Bearer ${TOKEN} rejected\\n"); process.exit(1)`,
    ].entries()) {
      fs.writeFileSync(path.join(dir, `plugin${i}.js`), script);
      const yaml = JSON.parse(kubeconfigYaml(cluster.server)) as { users: { user: Record<string, unknown> }[] };
      yaml.users[0].user = {
        exec: { apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: [path.join(dir, `plugin${i}.js`)] },
      };
      fs.writeFileSync(path.join(dir, 'config'), JSON.stringify(yaml));
      const loaded = loadKubeconfig({ setting: path.join(dir, 'config') });
      assert.ok(!isProblem(loaded));
      const exec = new ApiClient(loaded.kc);
      const message = await failing(exec.get<KubeObject>('/api/v1/namespaces/default/secrets/db'), exec.server);
      await assert.rejects(exec.get('/api/v1/namespaces'), ProblemError);
      assert.ok(
        message.startsWith(`The credential plugin "${path.basename(process.execPath)}" of kubeconfig user "test" failed: `),
        message,
      );
    }
    assertClean();
  });
});
