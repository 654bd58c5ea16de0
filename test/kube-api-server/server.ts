/**
 * A Kubernetes API test server speaking the real wire protocol for what Shipshape uses: discovery
 * (/api, /apis, resource lists), list with paging (`limit`/`continue`, 410 on an expired token),
 * watch streams (`?watch=1`, bookmarks, 410 Expired for a compacted `resourceVersion`), pod logs
 * (`follow`, `previous`, `sinceTime`, `sinceSeconds`, `tailLines`, `timestamps`, `limitBytes`), and
 * the WebSocket port-forward and exec channel protocols (`v4.channel.k8s.io`, `v5.channel.k8s.io`).
 * TLS with a throwaway certificate, bearer-token auth, 403s, and injected faults. OpenAPI v3 for the
 * built-in kinds, with `?fieldValidation=Strict|Warn` on writes (see openapi.ts).
 *
 * State is in memory; tests change it through methods (`put`, `remove`, `appendLog`, …) and every
 * change is a watch event, like etcd behind a real API server.
 */
import { EventEmitter } from 'node:events';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { servingCert } from './certs';
import { DebugOperations } from './debugops';
import { ApiOperations } from './operations';
import { decodeProtobufObject, PROTOBUF_CONTENT_TYPE } from './protobuf';
import { AUTHORIZATION_TYPES, Authorization } from './authorization';
import { BUILTIN_TYPES, groupVersion } from './resources';
import { fieldValidation, openApiV3 } from './openapi';
import type { Fault, FaultAction, KObject, ResourceType } from './types';

export type { Fault, FaultAction, KObject, ResourceType } from './types';

/** Options for {@link KubeApiServer}. */
export interface KubeApiServerOptions {
  /** Serve HTTPS with a self-signed certificate (default true). */
  tls?: boolean;
  /** Require `Authorization: Bearer <token>` (default: no auth). */
  token?: string;
  /** Watch events kept for resuming; older resource versions get 410 (default 1000). */
  historyLimit?: number;
}

type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';
type DropAction = Extract<FaultAction, { kind: 'drop' }>;

interface HistoryEntry {
  rv: number;
  typeKey: string;
  type: WatchEventType;
  object: KObject;
}

interface Watcher {
  typeKey: string;
  rt: ResourceType;
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  bookmarks: boolean;
  table: boolean;
  res: http.ServerResponse;
  sent: number;
  dropAfter?: number;
  /** Cut with a TCP reset instead of an orderly end. */
  reset?: boolean;
}

interface LogLine {
  nanos: bigint;
  text: string;
}

interface ContainerLog {
  current: LogLine[];
  previous: LogLine[];
  ended: boolean;
  followers: Set<LogFollower>;
}

interface LogFollower {
  res: http.ServerResponse;
  timestamps: boolean;
  sent: number;
  dropAfter?: number;
  reset?: boolean;
}

/** What an exec'd fake command sees and does. */
export interface ExecContext {
  namespace: string;
  pod: string;
  container: string;
  command: string[];
  tty: boolean;
  stdout(data: string | Buffer): void;
  stderr(data: string | Buffer): void;
  /** Data the client sends on stdin, and 'end' when it closes stdin. */
  stdin: EventEmitter;
  /** Terminal size changes (channel 4). */
  resize: EventEmitter;
  /** Ends the command with this exit code (0 = Success). */
  exit(code: number): void;
  /** Fails the exec the way a missing binary does. */
  fail(message: string): void;
}

/** Runs a fake command inside a fake container. */
export type ExecHandler = (ctx: ExecContext) => void;

/** One request as the server saw it (for assertions on what a client sent). */
export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
}

const STATUS_REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'AlreadyExists',
  410: 'Expired',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
};

function statusBody(code: number, message: string, reason = STATUS_REASONS[code] ?? 'Unknown', details?: unknown): object {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, details, code };
}

function nowNanos(): bigint {
  return BigInt(Date.now()) * 1_000_000n;
}

/** RFC 3339 with nanoseconds, as the kubelet writes log timestamps. */
export function formatNanos(n: bigint): string {
  const ms = Number(n / 1_000_000n);
  const iso = new Date(ms).toISOString(); // 2026-11-23T10:00:00.123Z
  const frac = (n % 1_000_000_000n).toString().padStart(9, '0');
  return `${iso.slice(0, 19)}.${frac}Z`;
}

/** Parses RFC 3339 (with optional fraction) to nanoseconds since the epoch. */
export function parseRfc3339Nanos(s: string): bigint | undefined {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(s);
  if (!m) return undefined;
  const secs = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(secs)) return undefined;
  const frac = BigInt((m[2] ?? '').padEnd(9, '0'));
  return BigInt(secs) * 1_000_000n + frac;
}

/** Splits a selector at the commas outside parentheses (`a in (x,y),!b` → two terms). */
function selectorTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of selector) {
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      terms.push(cur);
      cur = '';
    } else cur += ch;
  }
  terms.push(cur);
  return terms.map((t) => t.trim()).filter(Boolean);
}

/** Label selector semantics: `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`. */
export function matchesLabels(labels: Record<string, string> | undefined, selector: string | undefined): boolean {
  if (!selector) return true;
  for (const term of selectorTerms(selector)) {
    const set = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(term);
    if (set) {
      const values = set[3].split(',').map((v) => v.trim());
      const v = labels?.[set[1]];
      const inSet = v !== undefined && values.includes(v);
      if (set[2] === 'in' ? !inSet : inSet) return false;
      continue;
    }
    const neq = /^([^!=]+)!=(.*)$/.exec(term);
    if (neq) {
      if (labels?.[neq[1].trim()] === neq[2].trim()) return false;
      continue;
    }
    const eq = /^([^=]+)==?(.*)$/.exec(term);
    if (eq) {
      if (labels?.[eq[1].trim()] !== eq[2].trim()) return false;
      continue;
    }
    const key = term.replace(/^!\s*/, '');
    const has = labels !== undefined && key in labels;
    if (term.startsWith('!') ? has : !has) return false;
  }
  return true;
}

function fieldValue(obj: KObject, field: string): string | undefined {
  let cur: unknown = obj;
  for (const part of field.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur === undefined ? undefined : String(cur);
}

function matchesFields(obj: KObject, selector: string | undefined): boolean {
  if (!selector) return true;
  for (const term of selector.split(',').filter(Boolean)) {
    const m = /^([^!=]+)(!=|==?)(.*)$/.exec(term);
    if (!m) continue;
    const v = fieldValue(obj, m[1].trim()) ?? '';
    if (m[2] === '!=' ? v === m[3] : v !== m[3]) return false;
  }
  return true;
}

function age(ts: string | undefined): string {
  if (!ts) return '<unknown>';
  const s = Math.max(0, Math.floor((Date.now() - Date.parse(ts)) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  return `${Math.floor(s / 3600)}h`;
}

/** The in-memory Kubernetes API server. */
export class KubeApiServer {
  /** Base URL once started, e.g. https://127.0.0.1:41234. */
  url = '';
  /** The CA (the serving certificate itself) clients must trust, PEM; empty without TLS. */
  caPem = '';
  /** The bearer token accepted; change it to revoke the old one (the next request with it gets 401). */
  token: string | undefined;
  /** Every request seen, oldest first. */
  readonly requests: SeenRequest[] = [];
  /** Emits 'request' (SeenRequest), 'watch' (a watch started), 'log-follow' (a log follow started). */
  readonly events = new EventEmitter();
  /** The fake command runner behind `pods/exec`. */
  execHandler: ExecHandler = defaultExec;
  /** PATCH (merge, JSON, server-side apply), dry-run, `scale`, admission denials, the Deployment controller. */
  readonly operations: ApiOperations = new ApiOperations(this);
  /** Ephemeral containers, evictions with PodDisruptionBudgets, and container file systems for `tar`. */
  readonly debug: DebugOperations = new DebugOperations(this);
  /** SelfSubjectAccessReview and SubjectAccessReview from the RBAC objects held; `authorization.user` is who asks. */
  readonly authorization: Authorization = new Authorization(this);

  private readonly tls: boolean;
  private readonly historyLimit: number;
  private readonly types = new Map<string, ResourceType>();
  private readonly objects = new Map<string, Map<string, KObject>>();
  private readonly history: HistoryEntry[] = [];
  private compactedRv = 0;
  private rv = 1;
  private readonly watchers = new Set<Watcher>();
  private readonly logs = new Map<string, ContainerLog>();
  private readonly portTargets = new Map<string, number>();
  private readonly faults: (Fault & { left: number })[] = [];
  /** The TCP socket under each connection (under TLS too), by the client's port: what a reset is sent on. */
  private readonly tcpSockets = new Map<number, net.Socket>();
  private readonly forbidden: RegExp[] = [];
  private readonly sockets = new Set<net.Socket>();
  private readonly webSockets = new Set<WebSocket>();
  /** `namespace/pod` of each open port-forward (deleting the pod cuts them, as the kubelet does). */
  private readonly forwards = new Map<WebSocket, string>();
  private server: http.Server | undefined;
  /**
   * Pods deleted through the API are Terminating (deletionTimestamp set, a MODIFIED event) for
   * this long before they are gone, as the kubelet's graceful shutdown makes them; 0 deletes at once.
   */
  podGracePeriodMs = 0;
  /** WebSocket pings received from clients (port-forward and exec keep-alives). */
  pingsReceived = 0;
  /**
   * The channel protocols port-forwards are served with, in order of preference. Kubelets speak
   * `v4.channel.k8s.io` only (the default); adding `v5.channel.k8s.io` first serves its close
   * signal (255, channel): the target's socket is then half-closed, as SPDY port-forwards do.
   */
  portForwardProtocols = ['v4.channel.k8s.io'];
  /** Answer WebSocket pings (false: a peer that has silently gone away). */
  answerPings = true;
  private readonly wss = new WebSocketServer({
    noServer: true,
    autoPong: false,
    handleProtocols: (protocols, req) => {
      const served = /\/portforward(\?|$)/.test(req.url ?? '') ? this.portForwardProtocols : ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
      for (const p of served) if (protocols.has(p)) return p;
      return false;
    },
  });
  private lastLogNanos = 0n;

  constructor(opts: KubeApiServerOptions = {}) {
    this.tls = opts.tls ?? true;
    this.token = opts.token;
    this.historyLimit = opts.historyLimit ?? 1000;
    for (const rt of [...BUILTIN_TYPES, ...AUTHORIZATION_TYPES]) this.addType(rt);
    this.events.setMaxListeners(0);
  }

  /** Listens on 127.0.0.1 with a free port. */
  async start(): Promise<this> {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => this.handle(req, res);
    if (this.tls) {
      const { cert, key } = servingCert();
      this.caPem = cert;
      this.server = https.createServer({ cert, key }, handler);
    } else {
      this.server = http.createServer(handler);
    }
    this.server.on('connection', (s: net.Socket) => {
      this.sockets.add(s);
      const port = s.remotePort;
      if (port !== undefined) this.tcpSockets.set(port, s);
      s.on('close', () => {
        this.sockets.delete(s);
        if (port !== undefined && this.tcpSockets.get(port) === s) this.tcpSockets.delete(port);
      });
    });
    this.server.on('secureConnection', (s: net.Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.server.on('upgrade', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => this.upgrade(req, socket, head));
    await new Promise<void>((resolve) => this.server!.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve));
    const addr = this.server.address() as net.AddressInfo;
    this.url = `${this.tls ? 'https' : 'http'}://127.0.0.1:${addr.port}`;
    return this;
  }

  /** Closes every connection and the listener. */
  async stop(): Promise<void> {
    for (const w of this.watchers) w.res.destroy();
    for (const ws of this.webSockets) ws.terminate();
    for (const s of this.sockets) s.destroy();
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.wss.close();
    this.debug.cleanup();
  }

  // ---- state -------------------------------------------------------------------------------

  /** Serves a resource type (custom resources: also what discovery lists). */
  addType(rt: ResourceType): void {
    this.types.set(this.typeKey(rt.group, rt.plural), rt);
  }

  /** The current resource version (as the API server reports it). */
  get resourceVersion(): string {
    return String(this.rv);
  }

  /** Creates or replaces an object (ADDED or MODIFIED event); returns the stored copy. */
  put(obj: KObject): KObject {
    const rt = this.typeOf(obj);
    const map = this.bucket(rt);
    const key = this.objKey(obj.metadata.namespace, obj.metadata.name);
    const existing = map.get(key);
    const stored: KObject = structuredClone(obj);
    stored.apiVersion = groupVersion(rt);
    stored.kind = rt.kind;
    if (rt.namespaced) stored.metadata.namespace = stored.metadata.namespace ?? 'default';
    stored.metadata.uid = existing?.metadata.uid ?? stored.metadata.uid ?? randomUUID();
    stored.metadata.creationTimestamp =
      existing?.metadata.creationTimestamp ?? stored.metadata.creationTimestamp ?? new Date().toISOString();
    stored.metadata.resourceVersion = String(++this.rv);
    map.set(this.objKey(stored.metadata.namespace, stored.metadata.name), stored);
    this.record(rt, existing ? 'MODIFIED' : 'ADDED', stored);
    return structuredClone(stored);
  }

  /** Deletes an object (DELETED event); false when it did not exist. */
  remove(apiVersion: string, kind: string, namespace: string | undefined, name: string): boolean {
    const rt = this.typeOf({ apiVersion, kind, metadata: { name } });
    const map = this.bucket(rt);
    const key = this.objKey(rt.namespaced ? (namespace ?? 'default') : undefined, name);
    const existing = map.get(key);
    if (!existing) return false;
    map.delete(key);
    const gone = structuredClone(existing);
    gone.metadata.resourceVersion = String(++this.rv);
    this.record(rt, 'DELETED', gone);
    if (kind === 'Pod') {
      for (const [ws, target] of this.forwards) if (target === `${gone.metadata.namespace}/${name}`) ws.terminate();
      for (const [k, log] of this.logs) {
        if (k.startsWith(`${gone.metadata.namespace}/${name}/`)) {
          for (const f of log.followers) f.res.end();
          log.followers.clear();
        }
      }
    }
    return true;
  }

  /**
   * Deletes a pod as the API does: Terminating for {@link podGracePeriodMs} first when that is set.
   * Returns the pod as the answer shows it (undefined when there was none).
   */
  deletePod(namespace: string, name: string): KObject | undefined {
    const obj = this.get('v1', 'Pod', namespace, name);
    if (!obj) return undefined;
    if (this.podGracePeriodMs > 0) {
      if (obj.metadata.deletionTimestamp) return obj;
      const ms = this.podGracePeriodMs;
      const terminating = this.put({
        ...obj,
        metadata: {
          ...obj.metadata,
          deletionTimestamp: new Date(Date.now() + ms).toISOString(),
          deletionGracePeriodSeconds: Math.ceil(ms / 1000),
        },
      });
      setTimeout(() => this.remove('v1', 'Pod', namespace, name), ms).unref();
      return terminating;
    }
    this.remove('v1', 'Pod', namespace, name);
    return obj;
  }

  /** A stored object, or undefined. */
  get(apiVersion: string, kind: string, namespace: string | undefined, name: string): KObject | undefined {
    const rt = this.typeOf({ apiVersion, kind, metadata: { name } });
    const found = this.bucket(rt).get(this.objKey(rt.namespaced ? (namespace ?? 'default') : undefined, name));
    return found ? structuredClone(found) : undefined;
  }

  /** Stored objects of a type, sorted by namespace and name (all namespaces when none is given). */
  listObjects(apiVersion: string, kind: string, namespace?: string): KObject[] {
    const rt = this.typeOf({ apiVersion, kind, metadata: { name: '' } });
    return this.selected(rt, namespace, new URLSearchParams()).map((o) => structuredClone(o));
  }

  /** Forgets the watch history: resuming from any earlier resourceVersion now gets 410 Gone. */
  compact(): void {
    this.history.length = 0;
    this.compactedRv = this.rv;
  }

  /** Sends a BOOKMARK with the current resourceVersion to every watch that asked for bookmarks. */
  bookmark(): void {
    for (const w of this.watchers) {
      if (!w.bookmarks) continue;
      this.writeWatch(w, {
        type: 'BOOKMARK',
        object: { kind: w.rt.kind, apiVersion: groupVersion(w.rt), metadata: { resourceVersion: String(this.rv) } },
      });
    }
  }

  /** Cuts every open watch stream (as a load balancer or an API server restart does). */
  dropWatches(): void {
    for (const w of [...this.watchers]) {
      this.watchers.delete(w);
      w.res.socket?.destroy();
    }
  }

  /** Number of open watch streams. */
  get openWatches(): number {
    return this.watchers.size;
  }

  /** Number of open WebSocket connections (port-forward and exec). */
  get openWebSockets(): number {
    return this.webSockets.size;
  }

  /** Number of open log follow streams. */
  get openLogFollows(): number {
    let n = 0;
    for (const l of this.logs.values()) n += l.followers.size;
    return n;
  }

  /** Adds a fault for the next matching request(s). */
  addFault(fault: Fault): void {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
  }

  /** Requests whose `METHOD path` matches get 403 Forbidden. */
  forbid(match: RegExp): void {
    this.forbidden.push(match);
  }

  /**
   * Appends a log line and sends it to followers. It is timestamped now (strictly increasing)
   * unless `at` gives its time: the kubelet timestamps stdout and stderr lines as they are read, so
   * a line written after another may carry an earlier time.
   */
  appendLog(namespace: string, pod: string, container: string, text: string, at?: bigint): void {
    const log = this.containerLog(namespace, pod, container);
    let n = at ?? nowNanos();
    if (at === undefined && n <= this.lastLogNanos) n = this.lastLogNanos + 1000n;
    if (n > this.lastLogNanos) this.lastLogNanos = n;
    const line = { nanos: n, text };
    log.current.push(line);
    for (const f of [...log.followers]) this.writeLogLine(f, log, line);
  }

  /** The container exits: followers' streams end (as the kubelet ends a follow when the container stops). */
  endLog(namespace: string, pod: string, container: string): void {
    const log = this.containerLog(namespace, pod, container);
    log.ended = true;
    for (const f of log.followers) f.res.end();
    log.followers.clear();
  }

  /** The container restarts: the current log becomes `previous`, a new empty log starts. */
  restartContainer(namespace: string, pod: string, container: string): void {
    const log = this.containerLog(namespace, pod, container);
    for (const f of log.followers) f.res.end();
    log.followers.clear();
    log.previous = log.current;
    log.current = [];
    log.ended = false;
  }

  /** Port `port` of the pod is served by this local TCP port (what a port-forward dials). */
  setPortTarget(namespace: string, pod: string, port: number, localPort: number): void {
    this.portTargets.set(`${namespace}/${pod}:${port}`, localPort);
  }

  /** Resolves once a request matching `match` (against `METHOD path?query`) has been seen (including earlier ones). */
  waitForRequest(match: RegExp, count = 1): Promise<SeenRequest> {
    const test = (r: SeenRequest): boolean => match.test(`${r.method} ${r.path}?${r.query.toString()}`);
    const seen = this.requests.filter(test);
    if (seen.length >= count) return Promise.resolve(seen[count - 1]);
    return new Promise((resolve) => {
      let n = seen.length;
      const on = (r: SeenRequest): void => {
        if (test(r) && ++n >= count) {
          this.events.off('request', on);
          resolve(r);
        }
      };
      this.events.on('request', on);
    });
  }

  // ---- internals ---------------------------------------------------------------------------

  /** Ends a stream mid-body: an orderly close after the written data, or (`reset`) a TCP reset, as a crashed proxy sends. */
  private cut(res: http.ServerResponse, reset: boolean | undefined): void {
    const s = res.socket;
    if (!s) return;
    const tcp = s.remotePort !== undefined ? this.tcpSockets.get(s.remotePort) : undefined;
    if (!reset || !tcp) return void s.end();
    tcp.resetAndDestroy();
    s.destroy();
  }

  private typeKey(group: string, plural: string): string {
    return `${group}/${plural}`;
  }

  private objKey(ns: string | undefined, name: string): string {
    return `${ns ?? ''}/${name}`;
  }

  private typeOf(obj: Pick<KObject, 'apiVersion' | 'kind' | 'metadata'>): ResourceType {
    const [g, v] = obj.apiVersion?.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion];
    for (const rt of this.types.values()) if (rt.group === g && rt.version === v && rt.kind === obj.kind) return rt;
    throw new Error(`test API server: no type ${obj.apiVersion} ${obj.kind}`);
  }

  private bucket(rt: ResourceType): Map<string, KObject> {
    const k = this.typeKey(rt.group, rt.plural);
    let m = this.objects.get(k);
    if (!m) this.objects.set(k, (m = new Map()));
    return m;
  }

  private containerLog(ns: string, pod: string, container: string): ContainerLog {
    const k = `${ns}/${pod}/${container}`;
    let l = this.logs.get(k);
    if (!l) this.logs.set(k, (l = { current: [], previous: [], ended: false, followers: new Set() }));
    return l;
  }

  private record(rt: ResourceType, type: WatchEventType, object: KObject): void {
    const typeKey = this.typeKey(rt.group, rt.plural);
    this.history.push({ rv: this.rv, typeKey, type, object });
    if (this.history.length > this.historyLimit) {
      const dropped = this.history.splice(0, this.history.length - this.historyLimit);
      this.compactedRv = dropped[dropped.length - 1].rv;
    }
    for (const w of this.watchers) {
      if (w.typeKey !== typeKey || !this.watchMatches(w, object)) continue;
      this.writeWatch(w, { type, object: w.table ? this.table(rt, [object]) : this.forList(rt, object) });
    }
  }

  private watchMatches(w: Watcher, obj: KObject): boolean {
    if (w.namespace && obj.metadata.namespace !== w.namespace) return false;
    return matchesLabels(obj.metadata.labels, w.labelSelector) && matchesFields(obj, w.fieldSelector);
  }

  private writeWatch(w: Watcher, event: object): void {
    if (w.res.destroyed) return;
    w.res.write(`${JSON.stringify(event)}\n`);
    w.sent++;
    if (w.dropAfter !== undefined && w.sent >= w.dropAfter) {
      this.watchers.delete(w);
      this.cut(w.res, w.reset);
    }
  }

  private forList(rt: ResourceType, obj: KObject): KObject {
    return { ...obj, apiVersion: groupVersion(rt), kind: rt.kind };
  }

  private table(rt: ResourceType, objs: KObject[]): object {
    const columns =
      rt.kind === 'Pod'
        ? ['Name', 'Ready', 'Status', 'Restarts', 'Age']
        : rt.kind === 'Namespace'
          ? ['Name', 'Status', 'Age']
          : ['Name', 'Age'];
    return {
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion: String(this.rv) },
      columnDefinitions: columns.map((name) => ({
        name,
        type: 'string',
        format: name === 'Name' ? 'name' : '',
        description: '',
        priority: 0,
      })),
      rows: objs.map((o) => ({
        cells: columns.map((c) => this.cell(o, c)),
        object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
      })),
    };
  }

  private cell(o: KObject, column: string): string | number {
    const status = (o.status ?? {}) as { phase?: string; containerStatuses?: { ready?: boolean; restartCount?: number }[] };
    const cs = status.containerStatuses ?? [];
    switch (column) {
      case 'Name':
        return o.metadata.name;
      case 'Ready':
        return `${cs.filter((c) => c.ready).length}/${cs.length}`;
      case 'Status':
        return o.metadata.deletionTimestamp ? 'Terminating' : (status.phase ?? 'Active');
      case 'Restarts':
        return cs.reduce((n, c) => n + (c.restartCount ?? 0), 0);
      default:
        return age(o.metadata.creationTimestamp);
    }
  }

  private send(res: http.ServerResponse, code: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
    const text = JSON.stringify(body);
    res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
    res.end(text);
  }

  private fail(res: http.ServerResponse, code: number, message: string, reason?: string, headers?: http.OutgoingHttpHeaders): void {
    this.send(res, code, statusBody(code, message, reason), headers);
  }

  /** Auth, 403s and faults shared by plain requests and upgrades; returns what to do. */
  private gate(req: http.IncomingMessage, url: URL): { deny?: { code: number; message: string }; action?: FaultAction } {
    const seen: SeenRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers };
    this.requests.push(seen);
    this.events.emit('request', seen);
    if (this.token !== undefined && req.headers.authorization !== `Bearer ${this.token}`) {
      return { deny: { code: 401, message: 'Unauthorized' } };
    }
    const line = `${seen.method} ${url.pathname}?${url.searchParams.toString()}`;
    if (this.forbidden.some((re) => re.test(line))) {
      return {
        deny: {
          code: 403,
          message: `forbidden: User "system:serviceaccount:test:viewer" cannot ${seen.method.toLowerCase()} ${url.pathname}`,
        },
      };
    }
    const fault = this.faults.find((f) => f.left > 0 && f.match.test(line));
    if (fault) fault.left--;
    return { action: fault?.action };
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://x');
    const { deny, action } = this.gate(req, url);
    if (deny) return this.fail(res, deny.code, deny.message);
    if (action?.kind === 'hang') return;
    if (action?.kind === 'body') {
      res.writeHead(action.code, { 'Content-Type': action.contentType ?? 'text/plain' });
      return void (action.stall ? res.write(action.body) : res.end(action.body));
    }
    if (action?.kind === 'status') {
      const headers = action.retryAfter !== undefined ? { 'Retry-After': String(action.retryAfter) } : {};
      return this.fail(res, action.code, action.message ?? `injected ${action.code}`, action.reason, headers);
    }
    const go = (): void => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        try {
          this.route(req, res, url, Buffer.concat(chunks), action?.kind === 'drop' ? action : undefined);
        } catch (e) {
          if (!res.headersSent) this.fail(res, 500, e instanceof Error ? e.message : String(e));
        }
      });
    };
    if (action?.kind === 'delay') setTimeout(go, action.ms);
    else go();
  }

  private findType(group: string, version: string, plural: string): ResourceType | undefined {
    const rt = this.types.get(this.typeKey(group, plural));
    return rt && rt.version === version ? rt : undefined;
  }

  private route(req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: Buffer, drop: DropAction | undefined): void {
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (url.pathname === '/version') {
      return this.send(res, 200, { major: '1', minor: '33', gitVersion: 'v1.33.0-shipshape-test', platform: 'linux/amd64' });
    }
    if (url.pathname === '/openapi/v2') {
      // An empty OpenAPI v2 document (an empty protobuf message): clients that still validate on
      // their side against v2 have nothing to check; kubectl reads /openapi/v3 and defers to the
      // server's field validation.
      res.writeHead(200, { 'Content-Type': 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf' });
      return void res.end();
    }
    if (parts[0] === 'openapi' && parts[1] === 'v3') {
      const doc = parts.length === 2 ? JSON.stringify(openApiV3().index()) : openApiV3().document(parts.slice(2).join('/'));
      if (doc === undefined) return this.fail(res, 404, 'the server could not find the requested resource', 'NotFound');
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(doc) });
      return void res.end(doc);
    }
    if (url.pathname === '/healthz' || url.pathname === '/readyz') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      return void res.end('ok');
    }
    if (parts[0] === 'api' && parts.length === 1) {
      return this.send(res, 200, {
        kind: 'APIVersions',
        versions: ['v1'],
        serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: new URL(this.url).host }],
      });
    }
    if (parts[0] === 'apis' && parts.length === 1) return this.send(res, 200, this.groupList());
    let group: string;
    let version: string;
    let rest: string[];
    if (parts[0] === 'api' && parts.length >= 2) {
      [group, version, rest] = ['', parts[1], parts.slice(2)];
    } else if (parts[0] === 'apis' && parts.length >= 3) {
      [group, version, rest] = [parts[1], parts[2], parts.slice(3)];
    } else if (parts[0] === 'apis' && parts.length === 2) {
      const g = (this.groupList().groups as { name: string }[]).find((x) => x.name === parts[1]);
      return g
        ? this.send(res, 200, { kind: 'APIGroup', apiVersion: 'v1', ...g })
        : this.fail(res, 404, 'the server could not find the requested resource');
    } else {
      return this.fail(res, 404, 'the server could not find the requested resource');
    }
    if (rest.length === 0) return this.resourceList(res, group, version);
    let namespace: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      namespace = rest[1];
      rest = rest.slice(2);
    }
    const rt = this.findType(group, version, rest[0]);
    if (!rt) return this.fail(res, 404, 'the server could not find the requested resource');
    // A cluster-scoped kind has no namespaced URLs; a namespaced one has no unnamespaced object URLs.
    if ((namespace !== undefined && !rt.namespaced) || (namespace === undefined && rt.namespaced && rest[1] !== undefined)) {
      return this.fail(res, 404, 'the server could not find the requested resource', 'NotFound');
    }
    const name = rest[1];
    const sub = rest[2];
    const method = req.method ?? 'GET';
    if (body.length && (req.headers['content-type'] ?? '').startsWith(PROTOBUF_CONTENT_TYPE)) {
      try {
        body = Buffer.from(JSON.stringify(decodeProtobufObject(body)));
        req.headers['content-type'] = 'application/json';
      } catch (e) {
        return this.fail(res, 415, `the body of the request was in an unknown format: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    const request = { method, rt, namespace, name, sub, query: url.searchParams, body, contentType: req.headers['content-type'] ?? '' };
    if (this.authorization.route(request, (code, reply) => this.send(res, code, reply))) return;
    const validation = fieldValidation(request);
    if (validation?.error) return this.send(res, validation.error.code, validation.error.body);
    if (validation?.warnings.length) res.setHeader('Warning', validation.warnings);
    if (this.operations.route(request, (code, reply) => this.send(res, code, reply))) return;
    if (this.debug.route({ ...request, kind: rt.kind }, (code, reply) => this.send(res, code, reply))) return;
    if (sub === 'log' && rt.kind === 'Pod' && method === 'GET')
      return this.podLog(res, namespace ?? 'default', name, url.searchParams, drop);
    if (sub) return this.fail(res, 404, `subresource ${sub} not supported by the test server`);
    if (method === 'GET' && name === undefined) {
      const q = url.searchParams;
      if (q.get('watch') === '1' || q.get('watch') === 'true') return this.watch(req, res, rt, namespace, q, drop);
      return this.list(req, res, rt, namespace, q);
    }
    if (method === 'GET') {
      const obj = this.bucket(rt).get(this.objKey(rt.namespaced ? namespace : undefined, name));
      if (!obj) return this.fail(res, 404, `${rt.plural} "${name}" not found`, 'NotFound', {});
      return this.send(res, 200, this.wantsTable(req) ? this.table(rt, [obj]) : obj);
    }
    if (method === 'POST' || method === 'PUT') {
      const obj = JSON.parse(body.toString('utf8')) as KObject;
      if (rt.namespaced) obj.metadata.namespace = namespace;
      const exists = this.bucket(rt).has(this.objKey(obj.metadata.namespace, obj.metadata.name));
      if (method === 'POST' && exists) return this.fail(res, 409, `${rt.plural} "${obj.metadata.name}" already exists`);
      if (method === 'PUT' && !exists) return this.fail(res, 404, `${rt.plural} "${name}" not found`);
      return this.send(res, method === 'POST' ? 201 : 200, this.put({ ...obj, apiVersion: groupVersion(rt), kind: rt.kind }));
    }
    if (method === 'DELETE') {
      const obj = this.bucket(rt).get(this.objKey(rt.namespaced ? namespace : undefined, name));
      if (!obj) return this.fail(res, 404, `${rt.plural} "${name}" not found`);
      if (rt.kind === 'Pod') return this.send(res, 200, this.deletePod(namespace ?? 'default', name) ?? obj);
      this.remove(groupVersion(rt), rt.kind, namespace, name);
      return this.send(res, 200, obj);
    }
    return this.fail(res, 405, `method ${method} not allowed`, 'MethodNotAllowed');
  }

  private groupList(): { kind: string; apiVersion: string; groups: object[] } {
    const groups = new Map<string, Set<string>>();
    for (const rt of this.types.values()) {
      if (!rt.group) continue;
      if (!groups.has(rt.group)) groups.set(rt.group, new Set());
      groups.get(rt.group)!.add(rt.version);
    }
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [...groups].map(([name, versions]) => {
        const vs = [...versions].map((v) => ({ groupVersion: `${name}/${v}`, version: v }));
        return { name, versions: vs, preferredVersion: vs[0] };
      }),
    };
  }

  private resourceList(res: http.ServerResponse, group: string, version: string): void {
    const rts = [...this.types.values()].filter((rt) => rt.group === group && rt.version === version);
    if (rts.length === 0) return this.fail(res, 404, 'the server could not find the requested resource');
    const verbs = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
    const resources: object[] = [];
    for (const rt of rts) {
      resources.push({
        name: rt.plural,
        singularName: rt.singular,
        namespaced: rt.namespaced,
        kind: rt.kind,
        verbs,
        shortNames: rt.shortNames,
      });
      for (const sub of rt.subresources ?? []) {
        // The scale subresource is an autoscaling/v1 Scale, and discovery says so (kubectl scale reads it).
        resources.push({
          name: `${rt.plural}/${sub}`,
          singularName: '',
          namespaced: rt.namespaced,
          ...(sub === 'scale' ? { group: 'autoscaling', version: 'v1' } : {}),
          // kubectl drain finds the Eviction API by this entry's group and version.
          ...(sub === 'eviction' ? { group: 'policy', version: 'v1' } : {}),
          kind: sub === 'scale' ? 'Scale' : sub === 'eviction' ? 'Eviction' : rt.kind,
          verbs:
            sub === 'scale' || sub === 'status' || sub === 'ephemeralcontainers'
              ? ['get', 'patch', 'update']
              : sub === 'log'
                ? ['get']
                : sub === 'eviction'
                  ? ['create']
                  : ['create', 'get'],
        });
      }
    }
    this.send(res, 200, { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: groupVersion({ group, version }), resources });
  }

  private wantsTable(req: http.IncomingMessage): boolean {
    return /as=Table/.test(req.headers.accept ?? '');
  }

  private selected(rt: ResourceType, namespace: string | undefined, q: URLSearchParams): KObject[] {
    const all = [...this.bucket(rt).values()].filter(
      (o) =>
        (!namespace || o.metadata.namespace === namespace) &&
        matchesLabels(o.metadata.labels, q.get('labelSelector') ?? undefined) &&
        matchesFields(o, q.get('fieldSelector') ?? undefined),
    );
    return all.sort((a, b) =>
      this.objKey(a.metadata.namespace, a.metadata.name).localeCompare(this.objKey(b.metadata.namespace, b.metadata.name)),
    );
  }

  private list(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    rt: ResourceType,
    namespace: string | undefined,
    q: URLSearchParams,
  ): void {
    let items = this.selected(rt, namespace, q);
    const cont = q.get('continue');
    if (cont) {
      let token: { rv: number; after: string };
      try {
        token = JSON.parse(Buffer.from(cont, 'base64').toString('utf8')) as { rv: number; after: string };
      } catch {
        return this.fail(res, 400, 'continue key is not valid');
      }
      if (token.rv < this.compactedRv) {
        return this.fail(
          res,
          410,
          'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
          'Expired',
        );
      }
      items = items.filter((o) => this.objKey(o.metadata.namespace, o.metadata.name) > token.after);
    }
    const limit = Number(q.get('limit') ?? '0');
    const metadata: Record<string, unknown> = { resourceVersion: String(this.rv) };
    if (limit > 0 && items.length > limit) {
      const last = items[limit - 1];
      metadata.continue = Buffer.from(
        JSON.stringify({ rv: this.rv, after: this.objKey(last.metadata.namespace, last.metadata.name) }),
      ).toString('base64');
      metadata.remainingItemCount = items.length - limit;
      items = items.slice(0, limit);
    }
    if (this.wantsTable(req)) {
      const table = this.table(rt, items) as { metadata: Record<string, unknown> };
      table.metadata = metadata;
      return this.send(res, 200, table);
    }
    // Built-in types' list items carry no apiVersion/kind on the wire; custom resources' do.
    const builtin = BUILTIN_TYPES.some((b) => b.group === rt.group && b.plural === rt.plural);
    const out = items.map((o) => (builtin ? { ...o, apiVersion: undefined, kind: undefined } : o));
    this.send(res, 200, { kind: `${rt.kind}List`, apiVersion: groupVersion(rt), metadata, items: out });
  }

  private watch(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    rt: ResourceType,
    namespace: string | undefined,
    q: URLSearchParams,
    drop: DropAction | undefined,
  ): void {
    const w: Watcher = {
      typeKey: this.typeKey(rt.group, rt.plural),
      rt,
      namespace,
      labelSelector: q.get('labelSelector') ?? undefined,
      fieldSelector: q.get('fieldSelector') ?? undefined,
      bookmarks: q.get('allowWatchBookmarks') === 'true' || q.get('allowWatchBookmarks') === '1',
      table: this.wantsTable(req),
      res,
      sent: 0,
      dropAfter: drop?.afterLines,
      reset: drop?.reset,
    };
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    res.flushHeaders();
    const rvParam = q.get('resourceVersion');
    const wrap = (o: KObject): object => (w.table ? this.table(rt, [o]) : this.forList(rt, o));
    if (q.get('sendInitialEvents') === 'true') {
      // A watch-list (client-go's WatchListClient): the current state as ADDED events, then a
      // bookmark annotated as the end of the initial events.
      for (const o of this.selected(rt, namespace, q)) this.writeWatch(w, { type: 'ADDED', object: wrap(o) });
      this.writeWatch(w, {
        type: 'BOOKMARK',
        object: {
          kind: rt.kind,
          apiVersion: groupVersion(rt),
          metadata: { resourceVersion: String(this.rv), annotations: { 'k8s.io/initial-events-end': 'true' } },
        },
      });
    } else if (!rvParam || rvParam === '0') {
      for (const o of this.selected(rt, namespace, q)) this.writeWatch(w, { type: 'ADDED', object: wrap(o) });
    } else {
      const from = Number(rvParam);
      if (!Number.isFinite(from) || from < this.compactedRv) {
        this.writeWatch(w, {
          type: 'ERROR',
          object: statusBody(410, `too old resource version: ${rvParam} (${this.compactedRv + 1})`, 'Expired'),
        });
        return void res.end();
      }
      for (const h of this.history) {
        if (h.rv > from && h.typeKey === w.typeKey && this.watchMatches(w, h.object))
          this.writeWatch(w, { type: h.type, object: wrap(h.object) });
      }
    }
    if (res.destroyed) return;
    this.watchers.add(w);
    const timeout = Number(q.get('timeoutSeconds') ?? '0');
    const timer = timeout > 0 ? setTimeout(() => res.end(), timeout * 1000) : undefined;
    res.on('close', () => {
      this.watchers.delete(w);
      if (timer) clearTimeout(timer);
    });
    this.events.emit('watch', { path: req.url });
  }

  private podLog(res: http.ServerResponse, namespace: string, name: string, q: URLSearchParams, drop: DropAction | undefined): void {
    const pod = this.bucket(this.typeOf({ apiVersion: 'v1', kind: 'Pod', metadata: { name } })).get(this.objKey(namespace, name));
    if (!pod) return this.fail(res, 404, `pods "${name}" not found`);
    const containers = ((pod.spec as { containers?: { name: string }[] } | undefined)?.containers ?? []).map((c) => c.name);
    let container = q.get('container') ?? '';
    if (!container) {
      if (containers.length !== 1) {
        return this.fail(res, 400, `a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]`);
      }
      container = containers[0];
    }
    if (!containers.includes(container)) return this.fail(res, 400, `container ${container} is not valid for pod ${name}`);
    const log = this.containerLog(namespace, name, container);
    const previous = q.get('previous') === 'true';
    // A container that is not running: the kubelet serves its last instance's log and ends a follow
    // at once; one that never ran has no log yet.
    const statuses = (pod.status as { containerStatuses?: { name: string; state?: { waiting?: { reason?: string } } }[] } | undefined)
      ?.containerStatuses;
    const waiting = statuses?.find((c) => c.name === container)?.state?.waiting;
    if (waiting && !previous && log.current.length === 0 && log.previous.length === 0) {
      return this.fail(res, 400, `container "${container}" in pod "${name}" is waiting to start: ${waiting.reason ?? 'ContainerCreating'}`);
    }
    if (previous && log.previous.length === 0) {
      return this.fail(res, 400, `previous terminated container "${container}" in pod "${name}" not found`);
    }
    let lines = previous ? log.previous : log.current;
    const sinceTime = q.get('sinceTime');
    const sinceSeconds = q.get('sinceSeconds');
    if (sinceTime) {
      const since = parseRfc3339Nanos(sinceTime);
      if (since === undefined) return this.fail(res, 400, `invalid sinceTime ${sinceTime}`);
      lines = lines.filter((l) => l.nanos >= since);
    } else if (sinceSeconds) {
      const since = nowNanos() - BigInt(Number(sinceSeconds)) * 1_000_000_000n;
      lines = lines.filter((l) => l.nanos >= since);
    }
    const tail = q.get('tailLines');
    if (tail !== null && Number(tail) >= 0) lines = Number(tail) === 0 ? [] : lines.slice(-Number(tail));
    const f: LogFollower = { res, timestamps: q.get('timestamps') === 'true', sent: 0, dropAfter: drop?.afterLines, reset: drop?.reset };
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' });
    res.flushHeaders();
    let limitBytes = Number(q.get('limitBytes') ?? '0');
    for (const l of lines) {
      if (res.destroyed) return;
      if (limitBytes > 0) {
        const text = this.logText(f, l);
        if (Buffer.byteLength(text) > limitBytes) return void res.end(Buffer.from(text).subarray(0, limitBytes));
        limitBytes -= Buffer.byteLength(text);
      }
      this.writeLogLine(f, log, l);
    }
    if (res.destroyed) return;
    const follow = q.get('follow') === 'true';
    if (!follow || previous || log.ended || waiting) return void res.end();
    log.followers.add(f);
    res.on('close', () => log.followers.delete(f));
    this.events.emit('log-follow', { namespace, pod: name, container });
  }

  private logText(f: LogFollower, l: LogLine): string {
    return f.timestamps ? `${formatNanos(l.nanos)} ${l.text}\n` : `${l.text}\n`;
  }

  private writeLogLine(f: LogFollower, log: ContainerLog, l: LogLine): void {
    if (f.res.destroyed || (f.dropAfter !== undefined && f.sent >= f.dropAfter)) return;
    const text = Buffer.from(this.logText(f, l));
    if (f.dropAfter !== undefined && f.dropAfter - f.sent < 1) {
      // A fractional count cuts mid-line, as a proxy dropping the connection mid-chunk does.
      f.res.write(text.subarray(0, Math.max(1, Math.floor(text.length * (f.dropAfter - f.sent)))));
      f.sent = f.dropAfter;
    } else {
      f.res.write(text);
      f.sent++;
    }
    if (f.dropAfter !== undefined && f.sent >= f.dropAfter) {
      log.followers.delete(f);
      // Flush what was written, then cut the connection without finishing the chunked body.
      this.cut(f.res, f.reset);
    }
  }

  // ---- WebSocket subresources ----------------------------------------------------------------

  private upgrade(req: http.IncomingMessage, socket: net.Socket, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://x');
    const reject = (code: number, message: string): void => {
      const body = JSON.stringify(statusBody(code, message));
      socket.end(
        `HTTP/1.1 ${code} ${http.STATUS_CODES[code]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    };
    const { deny, action } = this.gate(req, url);
    if (deny) return reject(deny.code, deny.message);
    if (action?.kind === 'status') return reject(action.code, action.message ?? `injected ${action.code}`);
    if (action?.kind === 'hang') return;
    const m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/(portforward|exec)$/.exec(url.pathname);
    if (!m) return reject(404, 'the server could not find the requested resource');
    const [, namespace, name, sub] = m;
    const pod = this.bucket(this.typeOf({ apiVersion: 'v1', kind: 'Pod', metadata: { name } })).get(this.objKey(namespace, name));
    if (!pod) return reject(404, `pods "${name}" not found`);
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    if (phase !== 'Running') return reject(400, `unable to upgrade connection: pod ${name} is not running (phase ${phase ?? 'unknown'})`);
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.webSockets.add(ws);
      ws.on('ping', (data: Buffer) => {
        this.pingsReceived++;
        if (this.answerPings) ws.pong(data);
      });
      ws.on('close', () => {
        this.webSockets.delete(ws);
        this.forwards.delete(ws);
      });
      if (sub === 'portforward') {
        this.forwards.set(ws, `${namespace}/${name}`);
        this.portForward(ws, namespace, name, url.searchParams);
      } else this.exec(ws, namespace, name, pod, url.searchParams);
    });
  }

  private portForward(ws: WebSocket, namespace: string, pod: string, q: URLSearchParams): void {
    const ports = q
      .getAll('ports')
      .flatMap((p) => p.split(','))
      .map(Number);
    const sockets: net.Socket[] = [];
    ws.on('close', () => sockets.forEach((s) => s.destroy()));
    const frame = (channel: number, data: Buffer): Buffer => Buffer.concat([Buffer.from([channel]), data]);
    ports.forEach((port, i) => {
      const portBytes = Buffer.alloc(2);
      portBytes.writeUInt16LE(port);
      // Each channel opens with the port number, little-endian (the kubelet's WebSocket framing).
      ws.send(frame(2 * i, portBytes));
      ws.send(frame(2 * i + 1, portBytes));
      const target = this.portTargets.get(`${namespace}/${pod}:${port}`);
      const onError = (why: string): void => {
        const msg = `error forwarding port ${port} to pod ${pod}: dial tcp4 127.0.0.1:${port}: ${why}`;
        ws.send(frame(2 * i + 1, Buffer.from(msg)), () => ws.close());
      };
      if (target === undefined) return onError('connect: connection refused');
      const sock = net.connect({ port: target, host: '127.0.0.1', allowHalfOpen: true });
      sockets.push(sock);
      // Back-pressure both ways, as the kubelet's copy loops have: a slow pod slows the upload,
      // a slow client the download.
      sock.on('data', (d: Buffer) => {
        if (ws.readyState !== ws.OPEN) return;
        ws.send(frame(2 * i, d), () => {
          if (sock.isPaused() && ws.bufferedAmount < 1 << 19) sock.resume();
        });
        if (ws.bufferedAmount >= 1 << 20) sock.pause();
      });
      sock.on('drain', () => ws.resume());
      sock.on('error', (e) => onError(e.message));
      sock.on('end', () => ws.close());
    });
    ws.on('message', (raw: Buffer, isBinary: boolean) => {
      const data = isBinary ? raw : Buffer.from(raw.toString(), 'utf8');
      if (data.length < 1) return;
      const ch = data[0];
      const idx = ch / 2;
      if (ch === 255 && ws.protocol === 'v5.channel.k8s.io' && data.length > 1 && data[1] % 2 === 0) {
        sockets[data[1] / 2]?.end();
        return;
      }
      if (ch % 2 === 0 && sockets[idx] && data.length > 1 && !sockets[idx].write(data.subarray(1))) ws.pause();
    });
  }

  private exec(ws: WebSocket, namespace: string, pod: string, podObj: KObject, q: URLSearchParams): void {
    const containers = ((podObj.spec as { containers?: { name: string }[] } | undefined)?.containers ?? []).map((c) => c.name);
    const container = q.get('container') || containers[0] || '';
    const v5 = ws.protocol === 'v5.channel.k8s.io';
    const send = (ch: number, data: string | Buffer): void => {
      if (ws.readyState === ws.OPEN) ws.send(Buffer.concat([Buffer.from([ch]), Buffer.from(data)]));
    };
    const stdin = new EventEmitter();
    const resize = new EventEmitter();
    let done = false;
    const finish = (status: object): void => {
      if (done) return;
      done = true;
      send(3, JSON.stringify(status));
      ws.close(1000);
    };
    ws.on('message', (raw: Buffer) => {
      if (raw.length < 1) return;
      const ch = raw[0];
      if (ch === 0) stdin.emit('data', raw.subarray(1));
      else if (ch === 4) {
        try {
          resize.emit('resize', JSON.parse(raw.subarray(1).toString('utf8')));
        } catch {
          // a malformed resize is ignored, as the kubelet does
        }
      } else if (v5 && ch === 255 && raw[1] === 0) stdin.emit('end');
    });
    ws.on('close', () => stdin.emit('end'));
    const ctx: ExecContext = {
      namespace,
      pod,
      container,
      command: q.getAll('command'),
      tty: q.get('tty') === 'true' || q.get('tty') === '1',
      stdout: (d) => send(1, d),
      stderr: (d) => send(2, d),
      stdin,
      resize,
      exit: (code) =>
        finish(
          code === 0
            ? { metadata: {}, status: 'Success' }
            : {
                metadata: {},
                status: 'Failure',
                message: `command terminated with non-zero exit code: error executing command [${q.getAll('command').join(' ')}], exit code ${code}`,
                reason: 'NonZeroExitCode',
                details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
              },
        ),
      fail: (message) => finish({ metadata: {}, status: 'Failure', message, reason: 'InternalError', code: 500 }),
    };
    this.execHandler(ctx);
  }
}

/** Fake commands: `echo`, `cat` (stdin to stdout), `sh -c 'exit N'`, `env`; anything else is not found. */
export function defaultExec(ctx: ExecContext): void {
  const [cmd, ...args] = ctx.command;
  if (cmd === 'echo') {
    ctx.stdout(`${args.join(' ')}\n`);
    return ctx.exit(0);
  }
  if (cmd === 'cat') {
    ctx.stdin.on('data', (d: Buffer) => ctx.stdout(d));
    ctx.stdin.once('end', () => ctx.exit(0));
    return;
  }
  if ((cmd === 'sh' || cmd === 'bash') && args[0] === '-c') {
    const m = /^exit (\d+)$/.exec(args[1] ?? '');
    if (m) return ctx.exit(Number(m[1]));
  }
  ctx.fail(
    `OCI runtime exec failed: exec failed: unable to start container process: exec: "${cmd}": executable file not found in $PATH: unknown`,
  );
}
