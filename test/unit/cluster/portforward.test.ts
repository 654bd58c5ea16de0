import * as assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import * as net from 'node:net';
import { ProblemError } from '../../../client/src/cluster/errors';
import { PortForwardSession, resolveTarget } from '../../../client/src/cluster/portforward';
import { pod, putWebDeployment, useCluster } from './env';
import { roundTrip } from '../../kube-api-server/tcp';

/** A TCP echo server standing in for the app inside the pod. */
async function echoServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const srv = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.pipe(s);
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return {
    port: (srv.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((r) => {
        sockets.forEach((s) => s.destroy());
        srv.close(() => r());
      }),
  };
}

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe('cluster/portforward', () => {
  const cluster = useCluster();
  let echo: Awaited<ReturnType<typeof echoServer>>;
  beforeEach(async () => {
    echo = await echoServer();
    cluster.defer(() => echo.close());
  });
  async function session(target: ConstructorParameters<typeof PortForwardSession>[1], opts = {}): Promise<PortForwardSession> {
    const s = new PortForwardSession(cluster.api, target, opts);
    cluster.defer(() => s.stop());
    await s.start();
    return s;
  }

  it('relays bytes exactly over many concurrent connections, bound to 127.0.0.1', async () => {
    cluster.server.put(pod('web'));
    cluster.server.setPortTarget('default', 'web', 8080, echo.port);
    const s = await session({ kind: 'Pod', namespace: 'default', name: 'web', port: 8080 });
    assert.equal(s.address, '127.0.0.1');
    const payloads = Array.from({ length: 50 }, (_, i) => randomBytes(1 + ((i * 7919) % 200_000)));
    const echoed = await Promise.all(payloads.map((p) => roundTrip(s.localPort, p)));
    echoed.forEach((e, i) => assert.equal(sha(e), sha(payloads[i]), `connection ${i} (${payloads[i].length} bytes)`));
    assert.equal(s.accepted, 50);
  });

  it('resolves a Service to a ready pod, mapping a named targetPort', async () => {
    cluster.server.put(
      pod('web-unready', {
        labels: { app: 'web' },
        status: { conditions: [{ type: 'Ready', status: 'False' }] },
        ports: [{ name: 'http', containerPort: 8080 }],
      }),
    );
    cluster.server.put(pod('web-ready', { labels: { app: 'web' }, ports: [{ name: 'http', containerPort: 8080 }] }));
    cluster.server.put({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { app: 'web' }, ports: [{ name: 'web', port: 80, targetPort: 'http' }] },
    });
    assert.deepEqual(await resolveTarget(cluster.api, { kind: 'Service', namespace: 'default', name: 'web', port: 80 }), {
      pod: 'web-ready',
      port: 8080,
    });
    assert.deepEqual(await resolveTarget(cluster.api, { kind: 'Service', namespace: 'default', name: 'web', port: 'web' }), {
      pod: 'web-ready',
      port: 8080,
    });
  });

  it('re-resolves a workload target when its pod goes away, and says so', async () => {
    putWebDeployment(cluster.server, echo.port);
    const s = await session({ kind: 'Deployment', namespace: 'default', name: 'web', port: 80 });
    assert.equal(s.current?.pod, 'web-a');
    assert.equal((await roundTrip(s.localPort, Buffer.from('one'))).toString(), 'one');
    cluster.server.remove('v1', 'Pod', 'default', 'web-a');
    cluster.server.put(pod('web-b', { labels: { app: 'web' } }));
    const notice = new Promise<{ kind: string; message: string }>((r) => s.once('notice', r));
    assert.equal((await roundTrip(s.localPort, Buffer.from('two'))).toString(), 'two');
    assert.deepEqual(await notice, { kind: 're-resolved', message: 'Pod web-a is gone; Deployment web now forwards to pod web-b.' });
  });

  it('clear messages: pod not running, port in use, non-local address, nothing listening, forbidden', async () => {
    cluster.server.put(pod('pending', { status: { phase: 'Pending' } }));
    await assert.rejects(session({ kind: 'Pod', namespace: 'default', name: 'pending', port: 80 }), (e: unknown) => {
      assert.ok(e instanceof ProblemError);
      assert.equal(e.problem.kind, 'pod-not-running');
      assert.equal(e.problem.message, 'Pod pending is not running (Pending).');
      return true;
    });
    cluster.server.put(pod('web'));
    const busy = net.createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const busyPort = (busy.address() as net.AddressInfo).port;
    await assert.rejects(session({ kind: 'Pod', namespace: 'default', name: 'web', port: 80 }, { localPort: busyPort }), (e: unknown) => {
      assert.ok(e instanceof ProblemError);
      assert.equal(e.problem.kind, 'port-in-use');
      assert.equal(e.problem.message, `Local port ${busyPort} is already in use on 127.0.0.1.`);
      return true;
    });
    busy.close();
    await assert.rejects(
      session({ kind: 'Pod', namespace: 'default', name: 'web', port: 80 }, { address: '0.0.0.0' }),
      /127\.0\.0\.1 only/,
    );
    // Nothing listens on the pod's port: the error channel's message reaches the user.
    const s = await session({ kind: 'Pod', namespace: 'default', name: 'web', port: 9999 });
    const refused = new Promise<{ message: string }>((r) => s.once('notice', r));
    await roundTrip(s.localPort, Buffer.from('x')).catch(() => Buffer.alloc(0));
    assert.match((await refused).message, /^Port-forward to web:9999 failed: error forwarding port 9999 to pod web: .*connection refused$/);
    cluster.server.forbid(/portforward/);
    const forbidden = new Promise<{ message: string }>((r) => s.once('notice', r));
    await roundTrip(s.localPort, Buffer.from('x')).catch(() => Buffer.alloc(0));
    assert.match((await forbidden).message, /^Forbidden: /);
  });

  it('stop closes every open connection', async () => {
    cluster.server.put(pod('web'));
    cluster.server.setPortTarget('default', 'web', 8080, echo.port);
    const s = await session({ kind: 'Pod', namespace: 'default', name: 'web', port: 8080 });
    const clients = await Promise.all(
      Array.from(
        { length: 5 },
        () =>
          new Promise<net.Socket>((r) => {
            const c = net.connect(s.localPort, '127.0.0.1', () => {
              c.write('ping');
              c.once('data', () => r(c));
            });
          }),
      ),
    );
    const closed = Promise.all(clients.map((c) => new Promise((r) => c.once('close', r))));
    await s.stop();
    await closed;
    assert.equal(s.openConnections, 0);
  });
});
