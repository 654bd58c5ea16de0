/**
 * Port-forward sessions. A session listens on a local TCP port (127.0.0.1 unless the caller
 * explicitly allows another address) and opens one WebSocket (`v4.channel.k8s.io` port-forward
 * framing: channel 0 data, channel 1 errors, each opening with the little-endian port number) per
 * accepted connection. Targets are pods, Services (resolved to a ready backing pod, `targetPort`
 * names and numbers mapped) or workloads. The pod forwarded to is watched: when it is deleted
 * (or stops running) a Pod target's session ends at once, with a notice, instead of listening on
 * and failing on the next connection; a Service or workload target is resolved again to a
 * running pod.
 */
import { EventEmitter } from 'node:events';
import * as net from 'node:net';
import type WebSocket from 'ws';
import type { ApiClient, KubeObject } from './api';
import { ApiError, ProblemError, toProblem, type ClusterProblem } from './errors';
import { objectPath, builtinKind } from './kinds';
import { selectorOf } from './status';
import { LiveCollection, listAll } from './watch';

/** What to forward to. */
export interface ForwardTarget {
  kind: 'Pod' | 'Service' | 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet';
  namespace: string;
  name: string;
  /** The port on the target: a number, or a port name (container port or Service port). */
  port: number | string;
}

/** A target resolved to one pod and a numeric container port. */
export interface ResolvedTarget {
  pod: string;
  port: number;
}

/** Session options. */
export interface ForwardOptions {
  /** Local port; 0 or absent takes a free one. */
  localPort?: number;
  /** Local address (default 127.0.0.1); anything else needs `allowNonLocal`. */
  address?: string;
  /** The explicit opt-in to listen beyond loopback (API callers only: the explorer never sets it). */
  allowNonLocal?: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Bytes a connection may have queued on its WebSocket before reading from the local socket pauses. */
export const UPLOAD_HIGH_WATER = 1 << 20;

/** Under `v4.channel.k8s.io`, how long after the local end finished sending a quiet download is taken as complete. */
export const V4_LINGER_MS = 1000;

/**
 * Tells the remote side that the local end finished sending. `v5.channel.k8s.io` has a close
 * signal for that (255, then the channel), and the WebSocket closes when the remote side ends.
 * `v4.channel.k8s.io`, which kubelets speak for port-forwards today, has none: closing at once
 * would cut off the rest of the download, and waiting for the remote to end would hang a remote
 * that waits for EOF, so the WebSocket stays open while the download flows and closes once it
 * has been quiet for {@link V4_LINGER_MS}.
 */
function halfClose(ws: WebSocket): void {
  if (ws.readyState !== ws.OPEN) return;
  if (ws.protocol === 'v5.channel.k8s.io') return void ws.send(Buffer.from([255, 0]));
  let timer: NodeJS.Timeout | undefined;
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => ws.close(1000), V4_LINGER_MS);
  };
  ws.on('message', arm);
  ws.once('close', () => clearTimeout(timer));
  arm();
}

function problem(kind: ClusterProblem['kind'], message: string, hint: string): ProblemError {
  return new ProblemError({ kind, message, hint });
}

function containerPorts(pod: KubeObject): { name?: string; containerPort: number }[] {
  const cs = (pod.spec as { containers?: { ports?: { name?: string; containerPort: number }[] }[] } | undefined)?.containers ?? [];
  return cs.flatMap((c) => c.ports ?? []);
}

function isReady(pod: KubeObject): boolean {
  const st = pod.status as { phase?: string; conditions?: { type: string; status: string }[] } | undefined;
  return (
    st?.phase === 'Running' &&
    !pod.metadata.deletionTimestamp &&
    (st.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True')
  );
}

function mapPort(pod: KubeObject, port: number | string): number {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  const found = containerPorts(pod).find((p) => p.name === port);
  if (!found)
    throw problem(
      'bad-request',
      `Pod ${pod.metadata.name} has no container port named "${port}".`,
      'Pick a port number or one of the named ports.',
    );
  return found.containerPort;
}

/** Resolves a target to a running pod and a numeric port (throws a {@link ProblemError} otherwise). */
export async function resolveTarget(api: ApiClient, t: ForwardTarget): Promise<ResolvedTarget> {
  const podPath = (name: string): string => objectPath(builtinKind('Pod')!, t.namespace, name);
  if (t.kind === 'Pod') {
    const pod = await api.get<KubeObject>(podPath(t.name));
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    if (phase !== 'Running') {
      throw problem(
        'pod-not-running',
        `Pod ${t.name} is not running (${phase ?? 'unknown'}).`,
        'Wait until it is Running, or forward to its Service or workload instead.',
      );
    }
    return { pod: t.name, port: mapPort(pod, t.port) };
  }
  const kind = builtinKind(t.kind);
  if (!kind) throw problem('bad-request', `Cannot forward to a ${t.kind}.`, 'Pick a pod, Service or workload.');
  const obj = await api.get<KubeObject>(objectPath(kind, t.namespace, t.name));
  const selector = selectorOf({ ...obj, kind: t.kind });
  if (!selector)
    throw problem('bad-request', `${t.kind} ${t.name} has no selector, so no pods to forward to.`, 'Forward to a pod directly.');
  let targetPort: number | string = t.port;
  if (t.kind === 'Service') {
    const ports = (obj.spec as { ports?: { name?: string; port: number; targetPort?: number | string }[] } | undefined)?.ports ?? [];
    const sp = ports.find((p) => p.port === Number(t.port) || (p.name !== undefined && p.name === t.port));
    if (!sp)
      throw problem(
        'bad-request',
        `Service ${t.name} has no port ${t.port}.`,
        `Pick one of: ${ports.map((p) => p.name ?? p.port).join(', ')}.`,
      );
    targetPort = sp.targetPort ?? sp.port;
  }
  const pods = await listAll(api, `/api/v1/namespaces/${encodeURIComponent(t.namespace)}/pods`, {
    labelSelector: selector,
    apiVersion: 'v1',
    kind: 'Pod',
  });
  const ready = pods.items.filter(isReady);
  const running = ready.length
    ? ready
    : pods.items.filter((p) => (p.status as { phase?: string } | undefined)?.phase === 'Running' && !p.metadata.deletionTimestamp);
  if (!running.length) {
    throw problem(
      'pod-not-running',
      `${t.kind} ${t.name} has no running pod (${pods.items.length} pod(s) match its selector).`,
      'Wait for a pod to become ready.',
    );
  }
  const pod = running[0];
  return { pod: pod.metadata.name, port: mapPort(pod, targetPort) };
}

/** Events: 'connection' (count), 'notice' ({kind, message}), 'closed'. */
export class PortForwardSession extends EventEmitter {
  private server: net.Server | undefined;
  private readonly conns = new Set<{ socket: net.Socket; ws?: WebSocket }>();
  private resolved: ResolvedTarget | undefined;
  private resolving: Promise<ResolvedTarget> | undefined;
  /** The pod forwarded to last, kept while the target is being resolved again. */
  private lastPod: string | undefined;
  /** Watches the pod forwarded to. */
  private podWatch: LiveCollection | undefined;
  private stopped = false;
  /** Local address and port, once listening. */
  address = '';
  localPort = 0;
  /** Connections relayed so far. */
  accepted = 0;
  /** How many times an upload was paused because its WebSocket had too much queued (back-pressure). */
  uploadPauses = 0;
  /** The most bytes any connection had queued on its WebSocket. */
  peakBuffered = 0;

  constructor(
    private readonly api: ApiClient,
    readonly target: ForwardTarget,
    private readonly opts: ForwardOptions = {},
  ) {
    super();
  }

  /** The pod and port currently forwarded to. */
  get current(): ResolvedTarget | undefined {
    return this.resolved;
  }

  /** Open connections now. */
  get openConnections(): number {
    return this.conns.size;
  }

  /** Resolves the target and listens; throws a {@link ProblemError} with a clear message on failure. */
  async start(): Promise<void> {
    const address = this.opts.address ?? '127.0.0.1';
    if (!LOOPBACK.has(address) && !this.opts.allowNonLocal) {
      throw problem(
        'bad-request',
        `Refusing to listen on ${address}: port-forwards listen on 127.0.0.1 only.`,
        'Listen on 127.0.0.1 (or ::1) and forward from there.',
      );
    }
    try {
      this.resolved = await resolveTarget(this.api, this.target);
      this.lastPod = this.resolved.pod;
    } catch (e) {
      throw e instanceof ProblemError ? e : new ProblemError(toProblem(e, this.api.server));
    }
    const server = net.createServer({ allowHalfOpen: true }, (socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'EADDRINUSE') {
          reject(
            problem(
              'port-in-use',
              `Local port ${this.opts.localPort} is already in use on ${address}.`,
              'Pick another local port, or leave it empty to take a free one.',
            ),
          );
        } else if (e.code === 'EACCES') {
          reject(
            problem(
              'port-in-use',
              `Not allowed to listen on ${address}:${this.opts.localPort}.`,
              'Ports below 1024 need privileges; pick a higher port.',
            ),
          );
        } else reject(e);
      });
      // A deep accept queue (as kubectl's, the kernel caps it) so bursts of connections are not dropped and retried.
      server.listen({ port: this.opts.localPort ?? 0, host: address, backlog: 4096 }, () => resolve());
    });
    this.server = server;
    const a = server.address() as net.AddressInfo;
    this.address = a.address;
    this.localPort = a.port;
    this.watchPod(this.resolved.pod);
  }

  /** Watches `pod` (only it, by field selector) for its deletion or end. */
  private watchPod(pod: string): void {
    this.podWatch?.stop();
    if (this.stopped) return;
    const c = new LiveCollection(this.api, `/api/v1/namespaces/${encodeURIComponent(this.target.namespace)}/pods`, {
      fieldSelector: `metadata.name=${pod}`,
      apiVersion: 'v1',
      kind: 'Pod',
    });
    c.onEvent((e) => {
      if (e.type === 'DELETED') return void this.podGone(pod, true);
      if (e.type === 'ADDED' || e.type === 'MODIFIED') {
        const phase = (e.object.status as { phase?: string } | undefined)?.phase;
        if (e.object.metadata.deletionTimestamp || (phase !== undefined && phase !== 'Running' && phase !== 'Pending'))
          return void this.podGone(pod, !!e.object.metadata.deletionTimestamp);
      }
      if ((e.type === 'synced' || e.type === 'relisted') && c.items().length === 0) return void this.podGone(pod, true);
    });
    c.start();
    this.podWatch = c;
  }

  private async podGone(pod: string, deleted: boolean): Promise<void> {
    if (this.stopped || this.resolved?.pod !== pod) return;
    this.podWatch?.stop();
    this.podWatch = undefined;
    if (this.target.kind === 'Pod') {
      this.notice(
        'error',
        `Pod ${pod} ${deleted ? 'was deleted' : 'stopped running'}, so the port-forward to it has ended. Forward to its Service or workload to follow replacement pods.`,
      );
      await this.stop();
      return;
    }
    this.resolved = undefined;
    try {
      await this.target_();
    } catch {
      // No running pod yet: the next connection resolves again and says why if it still fails.
    }
  }

  /** Stops listening and closes every connection. */
  async stop(): Promise<void> {
    const first = !this.stopped;
    this.stopped = true;
    this.podWatch?.stop();
    this.podWatch = undefined;
    for (const c of this.conns) {
      c.ws?.terminate();
      c.socket.destroy();
    }
    this.conns.clear();
    if (this.server) await new Promise<void>((r) => this.server!.close(() => r()));
    this.server = undefined;
    if (first) this.emit('closed');
  }

  private async target_(): Promise<ResolvedTarget> {
    if (this.resolved) return this.resolved;
    const before = this.lastPod;
    // One resolution (and one notice) however many connections are waiting for it.
    this.resolving ??= resolveTarget(this.api, this.target)
      .then((next) => {
        this.resolved = next;
        if (next.pod !== this.lastPod || !this.podWatch) this.watchPod(next.pod);
        this.lastPod = next.pod;
        if (before && next.pod !== before) {
          this.notice('re-resolved', `Pod ${before} is gone; ${this.target.kind} ${this.target.name} now forwards to pod ${next.pod}.`);
        }
        return next;
      })
      .finally(() => (this.resolving = undefined));
    return this.resolving;
  }

  private accept(socket: net.Socket): void {
    this.accepted++;
    const conn: { socket: net.Socket; ws?: WebSocket } = { socket };
    this.conns.add(conn);
    this.emit('connection', this.conns.size);
    const pending: Buffer[] = [];
    let pendingBytes = 0;
    let wsOpen = false;
    let socketEnded = false;
    // Back-pressure: reading from the local socket stops while the WebSocket has more than
    // UPLOAD_HIGH_WATER bytes queued, and resumes once what was queued has been written out.
    const resumeWhenFlushed = (): void => {
      const ws = conn.ws;
      if (socket.isPaused() && ws && ws.bufferedAmount < UPLOAD_HIGH_WATER / 2) socket.resume();
    };
    const upload = (d: Buffer): void => {
      const ws = conn.ws!;
      ws.send(Buffer.concat([Buffer.from([0]), d]), resumeWhenFlushed);
      this.peakBuffered = Math.max(this.peakBuffered, ws.bufferedAmount);
      if (ws.bufferedAmount >= UPLOAD_HIGH_WATER && !socket.isPaused()) {
        socket.pause();
        this.uploadPauses++;
        this.emit('backpressure', ws.bufferedAmount);
      }
    };
    socket.on('data', (d: Buffer) => {
      if (wsOpen) return upload(d);
      pending.push(d);
      pendingBytes += d.length;
      // Until the WebSocket opens, hold at most one high-water mark of data.
      if (pendingBytes >= UPLOAD_HIGH_WATER) socket.pause();
    });
    // The local end finished sending: the remote side gets EOF where the protocol can say so, and
    // the rest of the download still arrives (the local socket is half-open until the remote ends).
    socket.on('end', () => {
      socketEnded = true;
      if (wsOpen) halfClose(conn.ws!);
    });
    socket.on('error', () => conn.ws?.terminate());
    socket.on('close', () => {
      conn.ws?.terminate();
      this.conns.delete(conn);
    });
    void this.open(conn, () => {
      wsOpen = true;
      for (const d of pending.splice(0)) upload(d);
      if (socket.isPaused() && conn.ws!.bufferedAmount < UPLOAD_HIGH_WATER) socket.resume();
      if (socketEnded) halfClose(conn.ws!);
    });
  }

  private async open(conn: { socket: net.Socket; ws?: WebSocket }, opened: () => void): Promise<void> {
    const { socket } = conn;
    for (let attempt = 0; attempt < 2; attempt++) {
      let t: ResolvedTarget;
      try {
        t = await this.target_();
      } catch (e) {
        this.notice('error', toProblem(e, this.api.server).message);
        return void socket.destroy();
      }
      const path = `/api/v1/namespaces/${encodeURIComponent(this.target.namespace)}/pods/${encodeURIComponent(t.pod)}/portforward?ports=${t.port}`;
      // The first frame of each channel starts with the 2-byte port number.
      const prefixLeft = [2, 2];
      let errorText = '';
      try {
        const ws = await this.api.websocket(path, ['v5.channel.k8s.io', 'v4.channel.k8s.io']);
        if (socket.destroyed) return void ws.terminate();
        conn.ws = ws;
        ws.on('message', (raw: Buffer) => {
          if (raw.length < 1) return;
          const ch = raw[0];
          let data = raw.subarray(1);
          if (ch <= 1 && prefixLeft[ch] > 0) {
            const cut = Math.min(prefixLeft[ch], data.length);
            prefixLeft[ch] -= cut;
            data = data.subarray(cut);
          }
          if (data.length === 0) return;
          if (ch === 0) {
            if (!socket.write(data)) {
              ws.pause();
              socket.once('drain', () => ws.resume());
            }
          } else if (ch === 1) errorText += data.toString('utf8');
        });
        ws.on('close', () => {
          if (errorText) this.notice('error', `Port-forward to ${t.pod}:${t.port} failed: ${errorText}`);
          socket.end();
        });
        ws.on('error', () => socket.destroy());
        opened();
        return;
      } catch (e) {
        const gone = e instanceof ApiError && (e.status === 404 || e.status === 400);
        if (gone && attempt === 0 && this.target.kind !== 'Pod') {
          // The pod went away: resolve the Service/workload again and retry once.
          if (this.resolved?.pod === t.pod) this.resolved = undefined;
          try {
            await this.target_();
          } catch (e2) {
            this.notice('error', toProblem(e2, this.api.server).message);
            return void socket.destroy();
          }
          continue;
        }
        const p = toProblem(e, this.api.server);
        const status = e instanceof ApiError ? e.status : 0;
        this.notice(
          'error',
          this.target.kind === 'Pod' && status === 404
            ? `Pod ${t.pod} was deleted, so this port-forward cannot connect any more. Forward to its Service or workload to follow replacement pods.`
            : this.target.kind === 'Pod' && status === 400
              ? `Pod ${t.pod} is not running any more: ${p.message}`
              : p.message,
        );
        return void socket.destroy();
      }
    }
  }

  private notice(kind: 'error' | 're-resolved', message: string): void {
    this.emit('notice', { kind, message });
  }
}
