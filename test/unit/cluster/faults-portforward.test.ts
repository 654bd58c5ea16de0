/** Port-forward under load and faults: 1,000 concurrent connections, a clean stop, pods deleted mid-session. */
import * as assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import { ApiClient } from '../../../client/src/cluster/api';
import { PortForwardSession, UPLOAD_HIGH_WATER, type ForwardTarget } from '../../../client/src/cluster/portforward';
import { pod, putWebDeployment, useCluster } from './env';

/** A TCP echo server standing in for the app in the pod; counts its open sockets. */
class Echo {
  readonly sockets = new Set<net.Socket>();
  private readonly server = net.createServer((s) => {
    this.sockets.add(s);
    s.on('close', () => {
      this.sockets.delete(s);
      this.waiters.splice(0).forEach((w) => w());
    });
    s.on('error', () => undefined);
    s.pipe(s);
  });
  private waiters: (() => void)[] = [];
  port = 0;

  async start(): Promise<this> {
    await new Promise<void>((r) => this.server.listen({ port: 0, host: '127.0.0.1', backlog: 2048 }, r));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this;
  }

  async allClosed(): Promise<void> {
    while (this.sockets.size) await new Promise<void>((r) => this.waiters.push(r));
  }

  close(): Promise<void> {
    this.sockets.forEach((s) => s.destroy());
    return new Promise((r) => this.server.close(() => r()));
  }
}

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** Open sockets of this process (Linux), or undefined elsewhere. */
function socketFds(): number | undefined {
  if (!fs.existsSync('/proc/self/fd')) return undefined;
  let n = 0;
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    try {
      if (fs.readlinkSync(`/proc/self/fd/${fd}`).startsWith('socket:')) n++;
    } catch {
      // closed while listing
    }
  }
  return n;
}

/** A client connection that sends `data`, reads the echo back and stays open. */
interface Client {
  socket: net.Socket;
  echoed: Buffer;
  /** Resolves with whether the close came with an error. */
  closed: Promise<boolean>;
}

function echoOnce(port: number, data: Buffer): Promise<Client> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let got = 0;
    const socket = net.connect(port, '127.0.0.1', () => socket.write(data));
    const closed = new Promise<boolean>((r) => socket.once('close', r));
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      got += c.length;
      if (got === data.length) resolve({ socket, echoed: Buffer.concat(chunks), closed });
    });
    socket.on('error', reject);
    void closed.then(() => got < data.length && reject(new Error(`closed after ${got} of ${data.length} bytes`)));
  });
}

describe('cluster faults: port-forward', () => {
  const cluster = useCluster();
  let echo: Echo;
  beforeEach(async () => {
    echo = await new Echo().start();
    cluster.defer(() => echo.close());
  });
  async function session(target: ForwardTarget): Promise<PortForwardSession> {
    const s = new PortForwardSession(cluster.api, target);
    cluster.defer(() => s.stop());
    await s.start();
    return s;
  }
  function notices(s: PortForwardSession): { kind: string; message: string }[] {
    const out: { kind: string; message: string }[] = [];
    s.on('notice', (n: { kind: string; message: string }) => out.push(n));
    return out;
  }

  it('1,000 concurrent connections through one session relay every byte exactly and all close cleanly on stop', async function () {
    // About 7 s of CPU (two TLS handshakes and six sockets per connection, all in this process):
    // a few seconds on an idle 2-core machine, much longer on a loaded one.
    this.timeout(120_000);
    cluster.server.put(pod('web'));
    cluster.server.setPortTarget('default', 'web', 8080, echo.port);
    const s = await session({ kind: 'Pod', namespace: 'default', name: 'web', port: 8080 });
    const baseline = socketFds();
    const N = 1000;
    // 1 byte to 32 KiB each (about 16 MB in total), sizes spread so frames split differently.
    const payloads = Array.from({ length: N }, (_, i) => randomBytes(1 + ((i * 7919) % 32_768)));
    const clients = await Promise.all(payloads.map((p) => echoOnce(s.localPort, p)));
    clients.forEach((c, i) => assert.equal(sha(c.echoed), sha(payloads[i]), `connection ${i} (${payloads[i].length} bytes)`));
    // All of them are open at once, end to end.
    assert.equal(s.accepted, N);
    assert.equal(s.openConnections, N);
    assert.equal(cluster.server.openWebSockets, N);
    assert.equal(echo.sockets.size, N);

    await s.stop();
    const errors = await Promise.all(clients.map((c) => c.closed));
    assert.equal(errors.filter(Boolean).length, 0, 'every client saw an orderly close');
    await echo.allClosed();
    assert.equal(s.openConnections, 0);
    assert.equal(cluster.server.openWebSockets, 0);
    if (baseline !== undefined) {
      // The last client-side WebSocket sockets finish closing on the next turns of the event loop.
      let now = socketFds();
      for (let i = 0; i < 1000 && now !== undefined && now > baseline - 1; i++) {
        await new Promise((r) => setImmediate(r));
        now = socketFds();
      }
      // The session's own listener is closed too, so at least one socket fewer than while it ran
      // (fewer still when a request socket from the start was still closing then).
      assert.ok(now !== undefined && now <= baseline - 1, `no leaked sockets: ${now} open, ${baseline} before the connections`);
    }
  });

  it('a pod deleted while forwarding ends the session at once, with a notice, and stops listening', async () => {
    cluster.server.put(pod('web'));
    cluster.server.setPortTarget('default', 'web', 8080, echo.port);
    const s = await session({ kind: 'Pod', namespace: 'default', name: 'web', port: 8080 });
    const seen = notices(s);
    const open = await echoOnce(s.localPort, Buffer.from('hello'));
    await cluster.server.waitForRequest(/fieldSelector=metadata.name%3Dweb.*watch=1|watch=1.*fieldSelector=metadata.name%3Dweb/);
    const closed = new Promise<void>((r) => s.once('closed', () => r()));
    cluster.server.remove('v1', 'Pod', 'default', 'web');
    assert.equal(await open.closed, false);
    await closed;
    assert.deepEqual(seen, [
      {
        kind: 'error',
        message: 'Pod web was deleted, so the port-forward to it has ended. Forward to its Service or workload to follow replacement pods.',
      },
    ]);
    assert.equal(s.openConnections, 0);
    // Nothing listens any more: a new connection is refused by the OS, not accepted and dropped.
    const refused = await new Promise<string | undefined>((r) => {
      const again = net.connect(s.localPort, '127.0.0.1');
      again.on('connect', () => r(undefined));
      again.on('error', (e: NodeJS.ErrnoException) => r(e.code));
    });
    assert.equal(refused, 'ECONNREFUSED');
  });

  it('a workload target follows its replacement pod; with none running yet it says so', async () => {
    putWebDeployment(cluster.server, echo.port);
    const s = await session({ kind: 'Deployment', namespace: 'default', name: 'web', port: 80 });
    const seen = notices(s);
    const open = await echoOnce(s.localPort, Buffer.from('one'));
    // The pod is deleted; its replacement is still starting.
    cluster.server.remove('v1', 'Pod', 'default', 'web-a');
    cluster.server.put(pod('web-b', { labels: { app: 'web' }, status: { phase: 'Pending' } }));
    assert.equal(await open.closed, false);
    const failed = new Promise<void>((r) => s.once('notice', () => r()));
    const early = net.connect(s.localPort, '127.0.0.1', () => early.write('x'));
    early.on('error', () => undefined);
    await failed;
    // The replacement is up: the next connection goes there.
    cluster.server.put(pod('web-b', { labels: { app: 'web' } }));
    const payload = randomBytes(100_000);
    const later = await echoOnce(s.localPort, payload);
    assert.equal(sha(later.echoed), sha(payload));
    assert.equal(s.current?.pod, 'web-b');
    assert.deepEqual(seen, [
      { kind: 'error', message: 'Deployment web has no running pod (1 pod(s) match its selector).' },
      { kind: 're-resolved', message: 'Pod web-a is gone; Deployment web now forwards to pod web-b.' },
    ]);
    later.socket.destroy();
  });
});

/** A TCP server standing in for an app in the pod, with its own handler per connection. */
async function tcpServer(handler: (s: net.Socket) => void): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ allowHalfOpen: true }, (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    handler(s);
  });
  await new Promise<void>((r) => server.listen({ port: 0, host: '127.0.0.1' }, r));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => {
      sockets.forEach((x) => x.destroy());
      return new Promise((r) => server.close(() => r()));
    },
  };
}

/** Connects, sends `data`, ends the sending side, and collects everything until the remote ends. */
function sendAndHalfClose(port: number, data: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect({ port, host: '127.0.0.1', allowHalfOpen: true }, () => socket.end(data));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => resolve(Buffer.concat(chunks)));
    socket.on('error', reject);
  });
}

describe('cluster faults: port-forward streams', () => {
  const cluster = useCluster();
  async function forwardTo(port: number): Promise<PortForwardSession> {
    cluster.server.put(pod('web'));
    cluster.server.setPortTarget('default', 'web', 8080, port);
    const s = new PortForwardSession(cluster.api, { kind: 'Pod', namespace: 'default', name: 'web', port: 8080 });
    cluster.defer(() => s.stop());
    await s.start();
    return s;
  }

  it('200 concurrent connections relay large payloads both ways byte-exact', async function () {
    this.timeout(240_000);
    const echo = await new Echo().start();
    cluster.defer(() => echo.close());
    const s = await forwardTo(echo.port);
    // 128 to 384 KiB each way per connection (about 50 MB each way in all).
    const payloads = Array.from({ length: 200 }, (_, i) => randomBytes(131_072 + ((i * 7919) % 262_144)));
    const clients = await Promise.all(payloads.map((p) => echoOnce(s.localPort, p)));
    clients.forEach((c, i) => assert.equal(sha(c.echoed), sha(payloads[i]), `connection ${i} (${payloads[i].length} bytes)`));
    assert.equal(s.openConnections, 200);
    clients.forEach((c) => c.socket.destroy());
  });

  it('pauses an upload while its WebSocket is backed up and resumes on drain, losing no byte', async function () {
    this.timeout(240_000);
    const upload = randomBytes(64 << 20);
    const received: Buffer[] = [];
    let bytes = 0;
    let pod: net.Socket | undefined;
    let gotEverything!: () => void;
    const gotAll = new Promise<void>((r) => (gotEverything = r));
    const app = await tcpServer((sock) => {
      pod = sock;
      sock.on('data', (d: Buffer) => {
        received.push(d);
        bytes += d.length;
        if (bytes === upload.length) gotEverything();
      });
      // The app does not read yet: everything queues up towards it.
      sock.pause();
    });
    cluster.defer(app.close);
    const session = await forwardTo(app.port);
    const paused = new Promise<number>((r) => session.once('backpressure', r));
    const client = net.connect({ port: session.localPort, host: '127.0.0.1', allowHalfOpen: true }, () => client.write(upload));
    client.on('error', () => undefined);
    cluster.defer(() => client.destroy());
    const queued = await paused;
    assert.ok(queued >= UPLOAD_HIGH_WATER, `paused at ${queued} bytes queued`);
    assert.equal(session.uploadPauses, 1);
    // What the forwarder holds is bounded by the high-water mark plus one read from the socket.
    assert.ok(session.peakBuffered < UPLOAD_HIGH_WATER + 65_536 + 1, `peak ${session.peakBuffered}`);
    pod!.resume();
    await gotAll;
    assert.equal(sha(Buffer.concat(received)), sha(upload));
    assert.ok(session.uploadPauses >= 1);
  });

  it('a local end that finishes sending still gets the rest of the download (v4.channel.k8s.io)', async function () {
    this.timeout(120_000);
    const download = randomBytes(4 << 20);
    const app = await tcpServer((sock) => {
      let got = 0;
      sock.on('data', (d: Buffer) => {
        got += d.length;
        // A request of 1,000 bytes is answered with 4 MiB; the app does not wait for EOF.
        if (got === 1000) sock.end(download);
      });
    });
    cluster.defer(app.close);
    const s = await forwardTo(app.port);
    const reply = await sendAndHalfClose(s.localPort, randomBytes(1000));
    assert.equal(reply.length, download.length);
    assert.equal(sha(reply), sha(download));
  });

  it('a local end that finishes sending is seen by the remote side as EOF when the server speaks v5.channel.k8s.io', async function () {
    this.timeout(120_000);
    cluster.server.portForwardProtocols = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
    const download = randomBytes(2 << 20);
    const app = await tcpServer((sock) => {
      const chunks: Buffer[] = [];
      sock.on('data', (d: Buffer) => chunks.push(d));
      // Answers only once the request has ended: its digest, then 2 MiB.
      sock.on('end', () => sock.end(Buffer.concat([Buffer.from(sha(Buffer.concat(chunks))), download])));
    });
    cluster.defer(app.close);
    const s = await forwardTo(app.port);
    const upload = randomBytes(8 << 20);
    const reply = await sendAndHalfClose(s.localPort, upload);
    assert.equal(reply.subarray(0, 64).toString(), sha(upload));
    assert.equal(sha(reply.subarray(64)), sha(download));
  });
});

describe('cluster faults: WebSocket keep-alive', () => {
  const cluster = useCluster();
  const EXEC = '/api/v1/namespaces/default/pods/web/exec?command=cat&stdin=true&stdout=true';

  it('pings an exec or port-forward WebSocket while it is open', async () => {
    cluster.server.put(pod('web'));
    const api = new ApiClient(cluster.api.kc, { pingIntervalMs: 20 });
    const ws = await api.websocket(EXEC);
    cluster.defer(() => ws.terminate());
    while (cluster.server.pingsReceived < 3) await new Promise((r) => setTimeout(r, 20));
    assert.equal(ws.readyState, ws.OPEN);
  });

  it('closes a WebSocket whose peer stops answering pings', async () => {
    cluster.server.put(pod('web'));
    cluster.server.answerPings = false;
    const api = new ApiClient(cluster.api.kc, { pingIntervalMs: 20 });
    const ws = await api.websocket(EXEC);
    const closed = new Promise<void>((r) => ws.once('close', () => r()));
    await closed;
    assert.ok(cluster.server.pingsReceived >= 1);
    assert.equal(ws.readyState, ws.CLOSED);
  });
});
