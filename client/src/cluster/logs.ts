/**
 * Log following that survives dropped connections. Every request asks for `timestamps=true`; after
 * a drop the stream reconnects with `sinceTime` (the last timestamp, floored to the second, since
 * servers may compare at second precision) and, in the replay that follows only, drops what it
 * already showed: lines older than the last one, and at the last timestamp as many lines as were
 * already shown there. Outside that window every line is shown, even one whose timestamp is
 * earlier than its predecessor's (stdout and stderr are timestamped separately). When the stream
 * ends, the pod decides: gone → say so and stop; container finished for good → say so and stop;
 * container waiting (CrashLoopBackOff) → say so once and poll the pod with a capped, jittered
 * back-off until it runs again; otherwise reconnect.
 */
import type { ApiClient, KubeObject } from './api';
import { backoffDelay, sleep } from './backoff';
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
  kind: 'reconnecting' | 'reconnected' | 'waiting' | 'pod-gone' | 'container-ended' | 'error';
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

/** A container that is not running but will be (CrashLoopBackOff, ContainerCreating, …). */
interface Waiting {
  kind: 'waiting';
  reason: string;
  /** Restarts so far: a higher count means a new instance started. */
  restarts: number;
}

type Verdict = { kind: 'pod-gone' | 'container-ended'; message: string } | Waiting | undefined;

/** Follows one container's log until stopped, the pod is gone, or the container ends for good. */
export class ContainerLogStream {
  private lastTs: string | undefined;
  private lastNanos = -1n;
  /** Texts already shown at `lastTs`, in order. */
  private atLast: string[] = [];
  /** While replaying after a reconnect: the last timestamp shown before it (the "already seen" filter's bound). */
  private replayUpTo: bigint | undefined;
  private replaySkip = 0;
  private abort: AbortController | undefined;
  private stopped = false;
  private reconnects = 0;
  /** The last notice given, so that a repeat of it is not shown again. */
  private lastNotice: string | undefined;
  /** Resolves when following ends (stop, pod gone, container ended, or a non-follow read finished). */
  readonly done: Promise<void>;
  private resolveDone!: () => void;

  constructor(
    private readonly api: ApiClient,
    readonly target: LogTarget,
    private readonly opts: LogOptions,
    private readonly sink: LogSink,
    private readonly backoffMs = 250,
    private readonly maxBackoffMs = 30_000,
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
    if (this.replayUpTo !== undefined) {
      // The replay after a reconnect starts at the floored last timestamp: skip what was shown.
      if (n < this.replayUpTo) return;
      if (n === this.replayUpTo && this.replaySkip < this.atLast.length && this.atLast[this.replaySkip] === text) {
        this.replaySkip++;
        return;
      }
      if (n > this.replayUpTo) this.replayUpTo = undefined;
    }
    if (n === this.lastNanos) {
      this.atLast.push(text);
    } else if (n > this.lastNanos) {
      this.lastNanos = n;
      this.lastTs = ts;
      this.atLast = [text];
    }
    this.sink.line({ target: this.target, timestamp: ts, text: this.opts.timestamps ? `${ts} ${text}` : text });
  }

  /** Tells the sink, unless this exact notice was the last one given. */
  private notify(kind: LogNotice['kind'], message: string): void {
    const key = `${kind}\n${message}`;
    if (key === this.lastNotice) return;
    this.lastNotice = key;
    this.sink.notice({ target: this.target, kind, message });
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      this.abort = new AbortController();
      this.replayUpTo = this.lastTs ? this.lastNanos : undefined;
      this.replaySkip = 0;
      let ended: 'end' | 'aborted' | Error;
      let opened = false;
      try {
        const stream = await this.api.streamLines(this.path(), (l) => this.onLine(l), { signal: this.abort.signal });
        opened = true;
        if (this.reconnects > 0) this.notify('reconnected', `Reconnected to ${this.label()}; resumed after the last line shown.`);
        failures = 0;
        ended = await stream.ended;
      } catch (e) {
        ended = e instanceof Error ? e : new Error(String(e));
        if (e instanceof ApiError && (e.status === 404 || e.status === 400)) {
          const waiting = e.status === 400 && this.opts.follow && !this.opts.previous ? /is waiting to start: (\S+)/.exec(e.message) : null;
          if (!waiting) {
            const gone = e.status === 404;
            this.notify(
              gone ? 'pod-gone' : 'error',
              gone ? `Pod ${this.target.pod} is gone; stopped following ${this.label()}.` : `${this.label()}: ${e.message}`,
            );
            return this.finish();
          }
        } else failures++;
      }
      if (this.stopped || ended === 'aborted') return this.finish();
      if (!this.opts.follow || this.opts.previous) {
        if (ended === 'end') return this.finish();
      }
      // The stream ended or broke: the pod decides whether to go on.
      const verdict = await this.podVerdict();
      if (this.stopped) return this.finish();
      if (verdict?.kind === 'waiting') {
        if (!(await this.waitForStart(verdict))) return this.finish();
        this.reconnects++;
        continue;
      }
      if (verdict) {
        this.notify(verdict.kind, verdict.message);
        return this.finish();
      }
      this.reconnects++;
      const delay = ended === 'end' ? 0 : backoffDelay(failures, { baseMs: this.backoffMs, maxMs: Math.min(10_000, this.maxBackoffMs) });
      // A stream that was open and broke is a cut connection (a proxy or the kubelet), not an unreachable server.
      const why = !(ended instanceof Error)
        ? 'the stream ended'
        : opened
          ? 'the connection was cut'
          : toProblem(ended, this.api.server).message;
      this.notify('reconnecting', `Lost the log stream of ${this.label()} (${why}); reconnecting.`);
      if (delay > 0) await sleep(delay, this.abort.signal);
    }
    this.finish();
  }

  /**
   * The container is waiting (a crash loop's back-off, an image pull): say so once, then look at
   * the pod again after growing, jittered delays until the container runs or a new instance has
   * started. False when following should end (stopped, the pod gone, the container done).
   */
  private async waitForStart(first: Waiting): Promise<boolean> {
    const what = first.reason === 'CrashLoopBackOff' ? 'is in CrashLoopBackOff' : `is waiting (${first.reason})`;
    this.notify(
      'waiting',
      `${this.label()}: container ${what}; following resumes when it ${first.reason === 'CrashLoopBackOff' ? 'restarts' : 'starts'}.`,
    );
    for (let attempt = 0; !this.stopped; attempt++) {
      await sleep(backoffDelay(attempt, { baseMs: Math.max(this.backoffMs, 1), maxMs: this.maxBackoffMs }), this.abort?.signal);
      if (this.stopped) return false;
      const v = await this.podVerdict();
      if (this.stopped) return false;
      if (v?.kind === 'waiting' && v.restarts === first.restarts) continue;
      if (v && v.kind !== 'waiting') {
        this.notify(v.kind, v.message);
        return false;
      }
      return true;
    }
    return false;
  }

  private async podVerdict(): Promise<Verdict> {
    const { namespace, pod, container } = this.target;
    try {
      const p = await this.api.get<KubeObject>(`/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}`);
      const st = (p.status ?? {}) as {
        phase?: string;
        containerStatuses?: {
          name: string;
          restartCount?: number;
          state?: { waiting?: { reason?: string }; terminated?: { reason?: string; exitCode?: number } };
        }[];
        initContainerStatuses?: {
          name: string;
          restartCount?: number;
          state?: { waiting?: { reason?: string }; terminated?: undefined };
        }[];
      };
      const cs = st.containerStatuses?.find((c) => c.name === container) ?? st.initContainerStatuses?.find((c) => c.name === container);
      const t = cs?.state?.terminated;
      if ((st.phase === 'Succeeded' || st.phase === 'Failed') && t) {
        return {
          kind: 'container-ended',
          message: `Container ${this.label()} ended (${t.reason ?? 'exited'}, exit ${t.exitCode ?? '?'}).`,
        };
      }
      if (this.opts.follow && !this.opts.previous && cs?.state?.waiting) {
        return { kind: 'waiting', reason: cs.state.waiting.reason ?? 'Waiting', restarts: cs.restartCount ?? 0 };
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
  /** Targets over the stream cap, waiting for a slot, in arrival order. */
  private readonly waiting = new Map<string, { target: LogTarget; opts: LogOptions }>();
  private capNoticeGiven = false;
  private pods: LiveCollection | undefined;
  private stopped = false;

  constructor(
    private readonly api: ApiClient,
    readonly scope: LogScope,
    private readonly opts: LogOptions,
    private readonly sink: LogSink,
    /** At most this many log streams at once (default 20; kubectl's --max-log-requests is 5): each is a kubelet connection. */
    private readonly maxStreams = 20,
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
    this.waiting.clear();
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
    if (this.streams.has(k) || this.waiting.has(k) || this.stopped) return;
    if (this.streams.size >= this.maxStreams) {
      this.waiting.set(k, { target: t, opts });
      if (!this.capNoticeGiven) {
        this.capNoticeGiven = true;
        this.sink.notice({
          target: t,
          kind: 'waiting',
          message: `Following at most ${this.maxStreams} log streams at once; other containers (from ${k} on) are followed as slots free up.`,
        });
      }
      return;
    }
    const stream = new ContainerLogStream(this.api, t, opts, this.sink);
    this.streams.set(k, stream);
    void stream.done.then(() => {
      if (this.streams.get(k) === stream) this.streams.delete(k);
      // A stream that ended (its pod is gone) hands its slot to the next waiting container.
      const next = this.waiting.entries().next().value;
      if (next && !this.stopped) {
        this.waiting.delete(next[0]);
        this.add(next[1].target, next[1].opts);
      }
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
