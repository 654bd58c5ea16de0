/**
 * Log following that survives dropped connections. Every request asks for `timestamps=true`; after
 * a drop the stream reconnects with `sinceTime` (the last timestamp, floored to the second, since
 * servers may compare at second precision) and drops what it already showed: lines older than
 * the last one, and at the last timestamp as many lines as were already shown there. When the
 * stream ends, the pod decides: gone → say so and stop; container finished for good → say so and
 * stop; otherwise reconnect.
 */
import type { ApiClient, KubeObject } from './api';
import { ApiError, toProblem } from './errors';
import { LiveCollection } from './watch';

/** Which container's log. */
export interface LogTarget {
  namespace: string;
  pod: string;
  container: string;
}

/** Options as the user picks them. */
export interface LogOptions {
  follow?: boolean;
  /** The previous (crashed) instance of the container. */
  previous?: boolean;
  tailLines?: number;
  /** Seconds back, or an RFC 3339 time. */
  sinceSeconds?: number;
  sinceTime?: string;
  /** Show timestamps in the text handed on (they are always requested, for de-duplication). */
  timestamps?: boolean;
}

/** One line of a container's log. */
export interface LogLine {
  target: LogTarget;
  /** RFC 3339 with nanoseconds, from the server. */
  timestamp: string;
  /** The line as the user wants it (with the timestamp when asked). */
  text: string;
}

/** Something to tell the user about the stream (reconnects, the pod going away). */
export interface LogNotice {
  target: LogTarget;
  kind: 'reconnecting' | 'reconnected' | 'pod-gone' | 'container-ended' | 'error';
  message: string;
}

/** Where lines and notices go. */
export interface LogSink {
  line(l: LogLine): void;
  notice(n: LogNotice): void;
}

/** Nanoseconds since the epoch of an RFC 3339 timestamp (undefined when it is not one). */
export function timestampNanos(ts: string): bigint | undefined {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(ts);
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) return undefined;
  return BigInt(ms) * 1_000_000n + BigInt((m[2] ?? '').padEnd(9, '0'));
}

function floorToSecond(ts: string): string {
  return ts.replace(/\.\d+(?=Z|[+-])/, '');
}

/** Follows one container's log until stopped, the pod is gone, or the container ends for good. */
export class ContainerLogStream {
  private lastTs: string | undefined;
  private lastNanos = -1n;
  /** Texts already shown at `lastTs`, in order. */
  private atLast: string[] = [];
  private abort: AbortController | undefined;
  private stopped = false;
  private reconnects = 0;
  /** Resolves when following ends (stop, pod gone, container ended, or a non-follow read finished). */
  readonly done: Promise<void>;
  private resolveDone!: () => void;

  constructor(
    private readonly api: ApiClient,
    readonly target: LogTarget,
    private readonly opts: LogOptions,
    private readonly sink: LogSink,
    private readonly backoffMs = 250,
  ) {
    this.done = new Promise((r) => (this.resolveDone = r));
  }

  /** How many times the stream has reconnected. */
  get reconnectCount(): number {
    return this.reconnects;
  }

  start(): void {
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    this.abort?.abort();
    this.resolveDone();
  }

  private path(): string {
    const q = new URLSearchParams({ container: this.target.container, timestamps: 'true' });
    if (this.opts.follow) q.set('follow', 'true');
    if (this.opts.previous) q.set('previous', 'true');
    if (this.lastTs) {
      q.set('sinceTime', floorToSecond(this.lastTs));
    } else {
      if (this.opts.tailLines !== undefined) q.set('tailLines', String(this.opts.tailLines));
      if (this.opts.sinceTime) q.set('sinceTime', this.opts.sinceTime);
      else if (this.opts.sinceSeconds !== undefined) q.set('sinceSeconds', String(this.opts.sinceSeconds));
    }
    const { namespace, pod } = this.target;
    return `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log?${q.toString()}`;
  }

  private onLine(raw: string): void {
    const sp = raw.indexOf(' ');
    const ts = sp > 0 ? raw.slice(0, sp) : raw;
    const text = sp > 0 ? raw.slice(sp + 1) : '';
    const n = timestampNanos(ts);
    if (n === undefined) {
      // Not timestamped (should not happen): pass through.
      this.sink.line({ target: this.target, timestamp: '', text: raw });
      return;
    }
    if (n < this.lastNanos) return;
    if (n === this.lastNanos) {
      // Replayed lines at the last timestamp come in the same order; skip the ones already shown.
      if (this.replaySkip < this.atLast.length && this.atLast[this.replaySkip] === text) {
        this.replaySkip++;
        return;
      }
      this.atLast.push(text);
    } else {
      this.lastNanos = n;
      this.lastTs = ts;
      this.atLast = [text];
      this.replaySkip = Number.MAX_SAFE_INTEGER;
    }
    this.sink.line({ target: this.target, timestamp: ts, text: this.opts.timestamps ? `${ts} ${text}` : text });
  }

  private replaySkip = Number.MAX_SAFE_INTEGER;

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      this.abort = new AbortController();
      this.replaySkip = 0;
      let ended: 'end' | 'aborted' | Error;
      let opened = false;
      try {
        const stream = await this.api.streamLines(this.path(), (l) => this.onLine(l), { signal: this.abort.signal });
        opened = true;
        if (this.reconnects > 0 && failures >= 0) {
          this.sink.notice({
            target: this.target,
            kind: 'reconnected',
            message: `Reconnected to ${this.label()}; resumed after the last line shown.`,
          });
        }
        failures = 0;
        ended = await stream.ended;
      } catch (e) {
        ended = e instanceof Error ? e : new Error(String(e));
        if (e instanceof ApiError && (e.status === 404 || e.status === 400)) {
          const gone = e.status === 404;
          this.sink.notice({
            target: this.target,
            kind: gone ? 'pod-gone' : 'error',
            message: gone ? `Pod ${this.target.pod} is gone; stopped following ${this.label()}.` : `${this.label()}: ${e.message}`,
          });
          return this.finish();
        }
        failures++;
      }
      if (this.stopped || ended === 'aborted') return this.finish();
      if (!this.opts.follow || this.opts.previous) {
        if (ended === 'end') return this.finish();
      }
      // The stream ended or broke: the pod decides whether to go on.
      const verdict = await this.podVerdict();
      if (this.stopped) return this.finish();
      if (verdict) {
        this.sink.notice({ target: this.target, kind: verdict.kind, message: verdict.message });
        return this.finish();
      }
      this.reconnects++;
      const delay = ended === 'end' ? 0 : Math.min(10_000, this.backoffMs * 2 ** Math.min(failures, 6));
      // A stream that was open and broke is a cut connection (a proxy or the kubelet), not an unreachable server.
      const why = !(ended instanceof Error)
        ? 'the stream ended'
        : opened
          ? 'the connection was cut'
          : toProblem(ended, this.api.server).message;
      this.sink.notice({
        target: this.target,
        kind: 'reconnecting',
        message: `Lost the log stream of ${this.label()} (${why}); reconnecting.`,
      });
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    }
    this.finish();
  }

  private async podVerdict(): Promise<{ kind: 'pod-gone' | 'container-ended'; message: string } | undefined> {
    const { namespace, pod, container } = this.target;
    try {
      const p = await this.api.get<KubeObject>(`/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}`);
      const st = (p.status ?? {}) as {
        phase?: string;
        containerStatuses?: { name: string; state?: { terminated?: { reason?: string; exitCode?: number } } }[];
      };
      const cs = st.containerStatuses?.find((c) => c.name === container);
      const t = cs?.state?.terminated;
      if ((st.phase === 'Succeeded' || st.phase === 'Failed') && t) {
        return {
          kind: 'container-ended',
          message: `Container ${this.label()} ended (${t.reason ?? 'exited'}, exit ${t.exitCode ?? '?'}).`,
        };
      }
      return undefined;
    } catch (e) {
      if (e instanceof ApiError && e.status === 404)
        return { kind: 'pod-gone', message: `Pod ${pod} is gone; stopped following ${this.label()}.` };
      return undefined;
    }
  }

  private label(): string {
    return `${this.target.pod}/${this.target.container}`;
  }

  private finish(): void {
    this.stopped = true;
    this.resolveDone();
  }
}

/** What to follow: one container, all containers of a pod, or every pod of a selector. */
export type LogScope =
  | { kind: 'container'; namespace: string; pod: string; container: string }
  | { kind: 'pod'; namespace: string; pod: string; container?: string }
  | { kind: 'selector'; namespace: string; selector: string; container?: string; title: string };

/**
 * Follows several streams at once: all containers of a pod, or all pods matching a selector
 * (new pods join as they appear, deleted pods leave). Lines carry their target so the view can
 * prefix `[pod/container]`.
 */
export class MergedLogs {
  private readonly streams = new Map<string, ContainerLogStream>();
  private pods: LiveCollection | undefined;
  private stopped = false;

  constructor(
    private readonly api: ApiClient,
    readonly scope: LogScope,
    private readonly opts: LogOptions,
    private readonly sink: LogSink,
  ) {}

  /** Targets being followed now. */
  targets(): LogTarget[] {
    return [...this.streams.values()].map((s) => s.target);
  }

  /** Starts; resolves once the first set of streams is started. */
  async start(): Promise<void> {
    const s = this.scope;
    if (s.kind === 'container') {
      this.add({ namespace: s.namespace, pod: s.pod, container: s.container }, this.opts);
      return;
    }
    if (s.kind === 'pod') {
      const pod = await this.api.get<KubeObject>(`/api/v1/namespaces/${encodeURIComponent(s.namespace)}/pods/${encodeURIComponent(s.pod)}`);
      for (const c of containerNames(pod, s.container)) this.add({ namespace: s.namespace, pod: s.pod, container: c }, this.opts);
      return;
    }
    this.pods = new LiveCollection(this.api, `/api/v1/namespaces/${encodeURIComponent(s.namespace)}/pods`, {
      labelSelector: s.selector,
      apiVersion: 'v1',
      kind: 'Pod',
    });
    const synced = this.pods.next((e) => e.type === 'synced' || e.type === 'error');
    this.pods.onEvent((e) => {
      if (this.stopped) return;
      if (e.type === 'synced') for (const p of e.items) this.addPod(p, this.opts);
      // A pod that appears later gets its whole log (not just the tail).
      if (e.type === 'ADDED' || e.type === 'MODIFIED')
        this.addPod(e.object, { ...this.opts, tailLines: undefined, sinceSeconds: undefined });
      if (e.type === 'relisted') for (const p of this.pods!.items()) this.addPod(p, this.opts);
    });
    this.pods.start();
    await synced;
  }

  stop(): void {
    this.stopped = true;
    this.pods?.stop();
    for (const s of this.streams.values()) s.stop();
  }

  private addPod(pod: KubeObject, opts: LogOptions): void {
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    if (phase === 'Pending' || phase === undefined) return; // no log yet; a later MODIFIED brings it in
    for (const c of containerNames(pod, (this.scope as { container?: string }).container)) {
      this.add({ namespace: pod.metadata.namespace ?? this.scope.namespace, pod: pod.metadata.name, container: c }, opts);
    }
  }

  private add(t: LogTarget, opts: LogOptions): void {
    const k = `${t.pod}/${t.container}`;
    if (this.streams.has(k) || this.stopped) return;
    const stream = new ContainerLogStream(this.api, t, opts, this.sink);
    this.streams.set(k, stream);
    void stream.done.then(() => {
      if (this.streams.get(k) === stream) this.streams.delete(k);
    });
    stream.start();
  }
}

function containerNames(pod: KubeObject, only?: string): string[] {
  const names = ((pod.spec as { containers?: { name: string }[] } | undefined)?.containers ?? []).map((c) => c.name);
  return only ? names.filter((n) => n === only) : names;
}

/** A bounded buffer of the most recent lines (the log view's memory cap). */
export class RingBuffer<T> {
  private readonly buf: (T | undefined)[];
  private start = 0;
  private count = 0;
  /** Items pushed out since creation. */
  dropped = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error('capacity must be a positive integer');
    this.buf = new Array<T | undefined>(capacity);
  }

  push(item: T): void {
    if (this.count < this.capacity) {
      this.buf[(this.start + this.count++) % this.capacity] = item;
    } else {
      this.buf[this.start] = item;
      this.start = (this.start + 1) % this.capacity;
      this.dropped++;
    }
  }

  get length(): number {
    return this.count;
  }

  /** Oldest first. */
  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.buf[(this.start + i) % this.capacity] as T);
    return out;
  }
}
