/**
 * Paged lists and live collections. A {@link LiveCollection} lists (in pages of `limit`), then
 * watches from the list's `resourceVersion` with bookmarks and a `timeoutSeconds` the server ends
 * the stream by; when a watch ends it resumes from the last version seen. It lists again on
 * `410 Gone` and on `504` "too large resource version" (either as the answer or as an ERROR event
 * in the stream). Other ERROR events and failed requests are failures: the collection reports the
 * problem and retries after a capped, jittered back-off (honouring `Retry-After`). A stream that
 * outlives its `timeoutSeconds` by a grace period is taken for a dead connection, reported, and
 * replaced. Listeners hear about every change; the tree redraws the open nodes from it.
 */
import type { ApiClient, KubeList, KubeObject } from './api';
import { backoffDelay } from './backoff';
import { ApiError, ProblemError, toProblem, type ClusterProblem } from './errors';

/** List options. */
export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  /** Page size (default 500). */
  limit?: number;
  /** Stop after this many items (`truncated` is then true). */
  maxItems?: number;
  /**
   * Keep only objects whose name contains this text. The API server cannot select by part of a
   * name, so pages are filtered as they arrive; `maxItems` then counts matches, and a capped list
   * ends at the page where they reached it (that whole page's matches are kept).
   */
  nameContains?: string;
  signal?: AbortSignal;
  /** Added to items lacking them (built-in list items carry no apiVersion/kind on the wire). */
  apiVersion?: string;
  kind?: string;
}

/** A complete (or capped) list. */
export interface ListResult {
  items: KubeObject[];
  resourceVersion: string;
  truncated: boolean;
  /** The server's estimate of items left when truncated. */
  remaining?: number;
  /** Where the next page starts when truncated (the cut is at a page boundary). */
  continue?: string;
}

function query(params: Record<string, string | number | boolean | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Lists every page (or up to `maxItems`); restarts once from scratch when a continue token expires. */
export async function listAll(api: ApiClient, path: string, opts: ListOptions = {}): Promise<ListResult> {
  const limit = opts.limit ?? 500;
  for (let attempt = 0; ; attempt++) {
    const items: KubeObject[] = [];
    let cont: string | undefined;
    let rv = '';
    try {
      do {
        // The last page asks for just what fills the cap, so its continue token picks up right after it.
        const pageLimit =
          opts.maxItems !== undefined && opts.nameContains === undefined
            ? Math.max(1, Math.min(limit, opts.maxItems - items.length))
            : limit;
        const page = await api.get<KubeList>(
          path + query({ limit: pageLimit, continue: cont, labelSelector: opts.labelSelector, fieldSelector: opts.fieldSelector }),
          { signal: opts.signal },
        );
        if (!rv) rv = page.metadata.resourceVersion ?? '';
        for (const it of page.items) {
          if (!nameMatches(it, opts.nameContains)) continue;
          items.push({ ...it, apiVersion: it.apiVersion ?? opts.apiVersion, kind: it.kind ?? opts.kind });
        }
        cont = page.metadata.continue || undefined;
        if (opts.maxItems !== undefined && items.length >= opts.maxItems && cont) {
          // How many of the rest match a filter is unknown until they are read.
          if (opts.nameContains !== undefined) return { items, resourceVersion: rv, truncated: true, continue: cont };
          const remaining = (page.metadata.remainingItemCount ?? 0) + items.length - opts.maxItems;
          return { items: items.slice(0, opts.maxItems), resourceVersion: rv, truncated: true, remaining, continue: cont };
        }
        // Yield between pages so a 5,000-item namespace never blocks the extension host.
        await new Promise((r) => setImmediate(r));
      } while (cont);
      return { items, resourceVersion: rv, truncated: false };
    } catch (e) {
      if (e instanceof ApiError && e.status === 410 && attempt === 0) continue;
      throw e;
    }
  }
}

/** True when `o`'s name contains `text` (always when there is no filter). */
export function nameMatches(o: KubeObject, text: string | undefined): boolean {
  return text === undefined || o.metadata.name.includes(text);
}

/** What changed in a {@link LiveCollection}. */
export type CollectionEvent =
  | { type: 'synced'; items: KubeObject[] }
  | { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: KubeObject }
  | { type: 'relisted' }
  /** A truncated list's objects not shown changed (their count is `remaining`). */
  | { type: 'offpage'; object: KubeObject }
  | { type: 'error'; problem: ClusterProblem; retryInMs: number }
  | { type: 'resumed'; resourceVersion: string }
  /** The watch is open again after an error: `problem` is cleared. */
  | { type: 'recovered' };

/** Options of a {@link LiveCollection}. */
export interface LiveOptions extends ListOptions {
  /** First back-off delay after an error (default 500 ms), doubling up to `maxBackoffMs` (default 30 s), with jitter. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /**
   * Each watch asks the server to end it after a random time between this and twice this
   * (default 300 s, as client-go's reflector does).
   */
  watchTimeoutSeconds?: number;
  /** How long past its `timeoutSeconds` a silent watch may stay open before it is taken for dead (default 30 s). */
  deadWatchGraceMs?: number;
}

/** A watch ERROR event's Status, or a 504 answer, asking for a relist: the server is behind the version asked for. */
function tooLargeResourceVersion(code: number | undefined, message: string | undefined, causes?: { reason?: string }[]): boolean {
  return (
    code === 504 &&
    (/too large resource version/i.test(message ?? '') || (causes ?? []).some((c) => c.reason === 'ResourceVersionTooLarge'))
  );
}

/** A list kept current by a watch. */
export class LiveCollection {
  private readonly objects = new Map<string, KubeObject>();
  private readonly listeners = new Set<(e: CollectionEvent) => void>();
  private rv = '';
  private stopped = false;
  private abort: AbortController | undefined;
  private failures = 0;
  /** Watches in a row that ended without carrying anything. */
  private emptyWatches = 0;
  private timer: NodeJS.Timeout | undefined;
  /** True once the first list arrived. */
  synced = false;
  /** Set when the list was capped at `maxItems`: the shown items stay live, {@link more} pages on. */
  truncated = false;
  remaining: number | undefined;
  /** The continue token of the next page while truncated. */
  private cont: string | undefined;
  /** How many items lists may show (grows with every {@link more}). */
  private cap: number | undefined;
  /** While truncated: the latest state of objects not shown yet (null once deleted), for the pages still to come. */
  private readonly offPage = new Map<string, KubeObject | null>();
  /** The last failure, cleared when the collection recovers. */
  problem: ClusterProblem | undefined;
  /** How long after the last failure the next attempt was scheduled (ms). */
  retryInMs: number | undefined;

  constructor(
    private readonly api: ApiClient,
    private readonly path: string,
    private readonly opts: LiveOptions = {},
  ) {}

  /** Current objects, sorted by namespace and name. */
  items(): KubeObject[] {
    return [...this.objects.values()].sort((a, b) => key(a).localeCompare(key(b)));
  }

  /** The last resourceVersion seen (list, event or bookmark). */
  get resourceVersion(): string {
    return this.rv;
  }

  /** Subscribes; returns the unsubscribe function. */
  onEvent(listener: (e: CollectionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the next event satisfying `pred` (tests and commands wait on it). */
  next(pred: (e: CollectionEvent) => boolean = () => true): Promise<CollectionEvent> {
    return new Promise((resolve) => {
      const off = this.onEvent((e) => {
        if (pred(e)) {
          off();
          resolve(e);
        }
      });
    });
  }

  /** Lists and starts watching. */
  start(): void {
    void this.relist();
  }

  /** Stops watching for good. */
  stop(): void {
    this.stopped = true;
    this.abort?.abort();
    if (this.timer) clearTimeout(this.timer);
    this.listeners.clear();
  }

  /**
   * Shows the next `maxItems` of a truncated list: pages on from the continue token, taking the
   * watch's newer state of those objects; lists again (with the larger cap) when the token expired.
   */
  async more(): Promise<void> {
    if (!this.truncated || this.stopped) return;
    const step = this.opts.maxItems ?? 500;
    this.cap = (this.cap ?? step) + step;
    let added = 0;
    try {
      while (this.cont && added < step) {
        const page = await this.api.get<KubeList>(
          this.path +
            query({
              limit: this.opts.nameContains === undefined ? Math.min(this.opts.limit ?? 500, step - added) : (this.opts.limit ?? 500),
              continue: this.cont,
              labelSelector: this.opts.labelSelector,
              fieldSelector: this.opts.fieldSelector,
            }),
        );
        if (this.stopped) return;
        for (const it of page.items) {
          if (!nameMatches(it, this.opts.nameContains)) continue;
          const k = key(it);
          const newer = this.offPage.get(k);
          this.offPage.delete(k);
          if (newer === null) continue;
          this.objects.set(k, newer ?? { ...it, apiVersion: it.apiVersion ?? this.opts.apiVersion, kind: it.kind ?? this.opts.kind });
          added++;
        }
        this.cont = page.metadata.continue || undefined;
        this.remaining = this.opts.nameContains === undefined ? page.metadata.remainingItemCount : undefined;
      }
    } catch (e) {
      if (e instanceof ApiError && e.status === 410) return this.relist();
      throw e;
    }
    if (!this.cont) {
      // Every page is shown: objects created since the first list join now.
      this.truncated = false;
      this.remaining = undefined;
      for (const [k, o] of this.offPage) if (o) this.objects.set(k, o);
      this.offPage.clear();
    }
    this.emit({ type: 'relisted' });
  }

  private emit(e: CollectionEvent): void {
    for (const l of [...this.listeners]) l(e);
  }

  private async relist(): Promise<void> {
    if (this.stopped) return;
    this.abort = new AbortController();
    try {
      this.cap ??= this.opts.maxItems;
      const res = await listAll(this.api, this.path, { ...this.opts, maxItems: this.cap, signal: this.abort.signal });
      if (this.stopped) return;
      this.objects.clear();
      this.offPage.clear();
      for (const o of res.items) this.objects.set(key(o), o);
      this.rv = res.resourceVersion;
      this.truncated = res.truncated;
      this.remaining = res.remaining;
      this.cont = res.continue;
      const first = !this.synced;
      this.synced = true;
      this.problem = undefined;
      this.retryInMs = undefined;
      this.failures = 0;
      this.emit(first ? { type: 'synced', items: this.items() } : { type: 'relisted' });
      // A capped list is watched too: the items shown stay live, the others wait for their page.
      void this.watch();
    } catch (e) {
      this.fail(e, () => this.relist());
    }
  }

  private async watch(): Promise<void> {
    if (this.stopped) return;
    this.abort = new AbortController();
    let relist = false;
    let failure: Error | undefined;
    let gotAny = false;
    const min = this.opts.watchTimeoutSeconds ?? 300;
    const timeoutSeconds = Math.ceil(min * (1 + Math.random()));
    let deadline: NodeJS.Timeout | undefined;
    try {
      const path =
        this.path +
        query({
          watch: 1,
          resourceVersion: this.rv,
          allowWatchBookmarks: true,
          timeoutSeconds,
          labelSelector: this.opts.labelSelector,
          fieldSelector: this.opts.fieldSelector,
        });
      const stream = await this.api.streamLines(
        path,
        (line) => {
          if (!line.trim()) return;
          let ev: {
            type: string;
            object: KubeObject & { code?: number; message?: string; reason?: string; details?: { causes?: { reason?: string }[] } };
          };
          try {
            ev = JSON.parse(line) as typeof ev;
          } catch {
            return;
          }
          if (ev.type === 'ERROR') {
            const st = ev.object;
            if (st.code === 410 || tooLargeResourceVersion(st.code, st.message, st.details?.causes)) relist = true;
            else failure = new ApiError(st.code ?? 500, st.message ?? 'the watch failed', st.reason);
            stream.abort();
            return;
          }
          gotAny = true;
          const objRv = ev.object.metadata?.resourceVersion;
          if (objRv) this.rv = objRv;
          if (ev.type === 'BOOKMARK') return;
          if (ev.type !== 'ADDED' && ev.type !== 'MODIFIED' && ev.type !== 'DELETED') return;
          if (!nameMatches(ev.object, this.opts.nameContains)) return;
          const obj = { ...ev.object, apiVersion: ev.object.apiVersion ?? this.opts.apiVersion, kind: ev.object.kind ?? this.opts.kind };
          if (this.truncated && !this.objects.has(key(obj))) {
            this.offPage.set(key(obj), ev.type === 'DELETED' ? null : obj);
            if (ev.type !== 'MODIFIED' && this.remaining !== undefined)
              this.remaining = Math.max(0, this.remaining + (ev.type === 'ADDED' ? 1 : -1));
            this.emit({ type: 'offpage', object: obj });
            return;
          }
          if (ev.type === 'DELETED') this.objects.delete(key(obj));
          else this.objects.set(key(obj), obj);
          this.emit({ type: ev.type, object: obj });
        },
        { signal: this.abort.signal },
      );
      // The server ends the stream at timeoutSeconds; one still open well after that has lost its
      // connection without either side noticing (a NAT or proxy dropped it): replace it.
      deadline = setTimeout(
        () => {
          failure = new ProblemError({
            kind: 'timeout',
            message: `The watch of ${this.path} stopped answering (still open ${timeoutSeconds} s after it should have ended); watching again.`,
            hint: 'A proxy or load balancer between you and the API server may drop idle connections.',
          });
          stream.abort();
        },
        timeoutSeconds * 1000 + (this.opts.deadWatchGraceMs ?? 30_000),
      );
      if (this.problem && !failure && !relist) {
        this.problem = undefined;
        this.retryInMs = undefined;
        this.emit({ type: 'recovered' });
      }
      await stream.ended;
      clearTimeout(deadline);
      if (this.stopped) return;
      if (relist) return void this.relist();
      if (failure) return this.fail(failure, () => this.watch());
      // A normal end (server timeout) or a dropped stream, even an idle one, is no failure: resume
      // from where we were. Only when streams keep ending empty, wait the back-off in between.
      this.emptyWatches = gotAny ? 0 : this.emptyWatches + 1;
      this.failures = 0;
      this.emit({ type: 'resumed', resourceVersion: this.rv });
      if (this.emptyWatches < 2) return void this.watch();
      const delay = backoffDelay(this.emptyWatches - 2, { baseMs: this.opts.backoffMs ?? 500, maxMs: this.opts.maxBackoffMs ?? 30_000 });
      this.timer = setTimeout(() => void this.watch(), delay);
    } catch (e) {
      clearTimeout(deadline);
      if (e instanceof ApiError && (e.status === 410 || tooLargeResourceVersion(e.status, e.message))) return void this.relist();
      this.fail(e, () => this.watch());
    }
  }

  private fail(e: unknown, retry: () => Promise<void>): void {
    if (this.stopped) return;
    let delay = backoffDelay(this.failures++, { baseMs: this.opts.backoffMs ?? 500, maxMs: this.opts.maxBackoffMs ?? 30_000 });
    if (e instanceof ApiError && e.retryAfter !== undefined) delay = Math.max(delay, e.retryAfter * 1000);
    this.problem = toProblem(e, this.api.server);
    this.retryInMs = delay;
    this.emit({ type: 'error', problem: this.problem, retryInMs: delay });
    this.timer = setTimeout(() => void retry(), delay);
  }
}

function key(o: KubeObject): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}
