/**
 * Requests to one context's API server. Credentials, CAs and exec plugins come from client-node's
 * `KubeConfig.applyToHTTPSOptions`; the requests themselves go through `node:https` so that every
 * call has a timeout, an abort signal, `Retry-After`-aware retries and a line-streaming mode that
 * reports how a stream ended (client-node's `Watch`/`Log` cannot tell a drop from an end).
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { basename } from 'node:path';
import { KubeConfig, type User } from '@kubernetes/client-node';
import WebSocket from 'ws';
import { ApiError, ProblemError, TimeoutError, redact } from './errors';
import { execCredential, rejectCredential, type CredentialEntry } from './execcred';

/** A Kubernetes object as JSON. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }[];
  };
  spec?: unknown;
  status?: unknown;
  data?: Record<string, string>;
  type?: string;
  [key: string]: unknown;
}

/** A list response. */
export interface KubeList {
  metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number };
  items: KubeObject[];
}

/** Options shared by requests. */
export interface RequestOptions {
  signal?: AbortSignal;
  /** Time to the response headers (default: the client's). */
  timeoutMs?: number;
  /** Request body type (default `application/json`; PATCHes name theirs, e.g. `application/merge-patch+json`). */
  contentType?: string;
}

/** Client tuning. */
export interface ApiClientOptions {
  /** Time to the response headers for every request (default 15 s). */
  timeoutMs?: number;
  /** Retries of idempotent GETs on 429 and 5xx (default 3). */
  retries?: number;
  /** Longest wait between retries, whatever `Retry-After` says (default 10 s). */
  maxRetryDelayMs?: number;
  /**
   * WebSocket sessions (port-forward, exec) ping this often and are closed when a ping goes
   * unanswered until the next one (default 30 s): a peer gone without a FIN is noticed, and idle
   * proxies see traffic.
   */
  pingIntervalMs?: number;
}

/** An open line stream: `ended` resolves with how it ended. */
export interface LineStream {
  /** 'end' when the server finished the response, 'aborted' when we stopped, or the error that broke it. */
  ended: Promise<'end' | 'aborted' | Error>;
  abort(): void;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    });
  });
}

/** The API client of one context. */
export class ApiClient {
  readonly server: string;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly maxRetryDelayMs: number;
  private readonly pingIntervalMs: number;
  /** For users with an exec plugin: the kubeconfig without it (TLS settings only; the credential is cached here). */
  private tlsOnly: KubeConfig | undefined;

  constructor(
    readonly kc: KubeConfig,
    opts: ApiClientOptions = {},
  ) {
    const context = kc.getCurrentContext();
    if (!kc.getContextObject(context)) {
      throw new ProblemError({
        kind: 'no-context',
        message: `Context "${context}" is not in the kubeconfig (any more).`,
        hint: "Refresh the explorer and pick one of the kubeconfig's contexts.",
      });
    }
    const cluster = kc.getCurrentCluster();
    if (!cluster) {
      throw new ProblemError({
        kind: 'no-context',
        message: `Context "${context}" names a cluster the kubeconfig does not define.`,
        hint: 'Fix the context in the kubeconfig (`kubectl config get-contexts`) and refresh.',
      });
    }
    this.server = cluster.server.replace(/\/+$/, '');
    this.timeoutMs = opts.timeoutMs ?? 15_000;
    this.retries = opts.retries ?? 3;
    this.maxRetryDelayMs = opts.maxRetryDelayMs ?? 10_000;
    this.pingIntervalMs = opts.pingIntervalMs ?? 30_000;
  }

  /** The context name. */
  get context(): string {
    return this.kc.getCurrentContext();
  }

  /** GET JSON, retrying 429/5xx (honouring `Retry-After`). */
  async get<T>(path: string, opts: RequestOptions = {}): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.request<T>('GET', path, undefined, opts);
      } catch (e) {
        const retriable = e instanceof ApiError && (e.status === 429 || e.status >= 500);
        if (!retriable || attempt >= this.retries || opts.signal?.aborted) throw e;
        const delay = Math.min(this.maxRetryDelayMs, e.retryAfter !== undefined ? e.retryAfter * 1000 : 200 * 2 ** attempt);
        await sleep(delay, opts.signal);
      }
    }
  }

  /** One JSON request (no retries). */
  async request<T>(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
    const res = await this.open(method, path, body, opts, 'application/json');
    const timeoutMs = opts.timeoutMs ?? this.timeoutMs;
    const text = await new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      // The timeout applies again while the body arrives: an answer stalled half-way must not hang the caller.
      const timer = setTimeout(() => {
        res.destroy();
        reject(new TimeoutError(this.server + path.split('?')[0], timeoutMs));
      }, timeoutMs);
      res.on('data', (c: Buffer) => {
        chunks.push(c);
        timer.refresh();
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve(Buffer.concat(chunks).toString('utf8'));
      });
      res.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
    try {
      return JSON.parse(text) as T;
    } catch {
      // The parser's message quotes the body, which may hold Secret data: never pass it on.
      throw new Error(`The API server's answer to ${method} ${path.split('?')[0]} is not JSON (${text.length} characters).`);
    }
  }

  /** Opens a streaming GET; `onLine` gets each complete line (without the newline). */
  async streamLines(path: string, onLine: (line: string) => void, opts: RequestOptions = {}): Promise<LineStream> {
    const controller = new AbortController();
    const signal = opts.signal ? AbortSignal.any([opts.signal, controller.signal]) : controller.signal;
    const res = await this.open('GET', path, undefined, { ...opts, signal }, '*/*');
    const lines = new LineSplitter(onLine);
    const ended = new Promise<'end' | 'aborted' | Error>((resolve) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => lines.push(chunk));
      // A response cut mid-way (socket destroyed) fires 'aborted'/'error' or closes without 'end'.
      let complete = false;
      res.on('end', () => {
        complete = true;
      });
      res.on('error', (e) => resolve(signal.aborted ? 'aborted' : e));
      res.on('close', () => {
        if (signal.aborted) resolve('aborted');
        else if (complete && !res.errored) resolve('end');
        else resolve(res.errored ?? new Error('the stream was cut'));
      });
    });
    return { ended, abort: () => controller.abort() };
  }

  /**
   * Opens a WebSocket on a pod subresource (port-forward, exec) with the context's credentials,
   * offering the channel protocols the API server speaks. Resolves once open.
   */
  async websocket(
    path: string,
    protocols: string[] = ['v5.channel.k8s.io', 'v4.channel.k8s.io'],
    opts: RequestOptions = {},
  ): Promise<WebSocket> {
    const used: { entry?: CredentialEntry } = {};
    try {
      return await this.websocketOnce(path, protocols, opts, used);
    } catch (e) {
      if (!this.renewCredentials(e, used.entry)) throw e;
      return this.websocketOnce(path, protocols, opts, {});
    }
  }

  private async websocketOnce(
    path: string,
    protocols: string[],
    opts: RequestOptions,
    used: { entry?: CredentialEntry },
  ): Promise<WebSocket> {
    const url = new URL(this.server + path);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const options: https.RequestOptions = { headers: {} };
    used.entry = await this.authorize(options);
    const timeoutMs = opts.timeoutMs ?? this.timeoutMs;
    return new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url, protocols, { ...options, handshakeTimeout: timeoutMs } as WebSocket.ClientOptions);
      let settled = false;
      ws.once('open', () => {
        settled = true;
        keepAlive(ws, this.pingIntervalMs);
        resolve(ws);
      });
      ws.once('unexpected-response', (_req, res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          let message = `${res.statusCode ?? 0} ${http.STATUS_CODES[res.statusCode ?? 0] ?? ''}`.trim();
          try {
            const st = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { message?: string };
            if (st.message) message = st.message;
          } catch {
            // not a Status body
          }
          settled = true;
          ws.terminate();
          reject(new ApiError(res.statusCode ?? 0, withoutCredentials(message, options)));
        });
      });
      ws.once('error', (e) => {
        if (!settled) {
          settled = true;
          reject(/timed out/i.test(e.message) ? new TimeoutError(url.origin + url.pathname, timeoutMs) : e);
        }
      });
    });
  }

  /**
   * After a 401 with a credential from an exec plugin: the server may have revoked it before the
   * expiry it stated (or it stated none), so forget it and let the plugin run again. True when a
   * retry may help.
   */
  private renewCredentials(e: unknown, used: CredentialEntry | undefined): boolean {
    if (!(e instanceof ApiError && e.status === 401) || !used) return false;
    rejectCredential(used);
    return true;
  }

  /** Adds TLS settings and credentials to `options`; returns the exec credential used, if any. */
  private async authorize(options: https.RequestOptions): Promise<CredentialEntry | undefined> {
    const user = this.kc.getCurrentUser();
    const entry = execCredential(user);
    if (!entry) {
      await credentials(this.kc, options);
      return undefined;
    }
    this.tlsOnly ??= withoutExec(this.kc);
    await credentials(this.tlsOnly, options);
    let status;
    try {
      status = await entry.promise;
    } catch (e) {
      throw execProblem(user, e);
    }
    if (status.clientCertificateData) options.cert = status.clientCertificateData;
    if (status.clientKeyData) options.key = status.clientKeyData;
    if (status.token) options.headers = { ...options.headers, Authorization: `Bearer ${status.token}` };
    return entry;
  }

  private async open(method: string, path: string, body: unknown, opts: RequestOptions, accept: string): Promise<http.IncomingMessage> {
    const used: { entry?: CredentialEntry } = {};
    try {
      return await this.openOnce(method, path, body, opts, accept, used);
    } catch (e) {
      if (!this.renewCredentials(e, used.entry)) throw e;
      return this.openOnce(method, path, body, opts, accept, {});
    }
  }

  private async openOnce(
    method: string,
    path: string,
    body: unknown,
    opts: RequestOptions,
    accept: string,
    used: { entry?: CredentialEntry },
  ): Promise<http.IncomingMessage> {
    const url = new URL(this.server + path);
    const options: https.RequestOptions = { method, headers: { Accept: accept, 'User-Agent': 'shipshape' } };
    used.entry = await this.authorize(options);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    if (payload)
      Object.assign(options.headers!, { 'Content-Type': opts.contentType ?? 'application/json', 'Content-Length': payload.length });
    const timeoutMs = opts.timeoutMs ?? this.timeoutMs;
    const mod = url.protocol === 'https:' ? https : http;
    return new Promise<http.IncomingMessage>((resolve, reject) => {
      const req = mod.request(url, { ...options, signal: opts.signal }, (res) => {
        clearTimeout(timer);
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) return resolve(res);
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          let message = `${status} ${http.STATUS_CODES[status] ?? ''}`.trim();
          let reason: string | undefined;
          let causes: ApiError['causes'];
          try {
            const st = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
              message?: string;
              reason?: string;
              details?: { causes?: ApiError['causes'] };
            };
            if (st.message) message = st.message;
            reason = st.reason;
            causes = Array.isArray(st.details?.causes) ? st.details.causes : undefined;
          } catch {
            // not a Status body; keep the HTTP status text
          }
          const ra = Number(res.headers['retry-after']);
          reject(
            new ApiError(
              status,
              withoutCredentials(message, options),
              reason,
              Number.isFinite(ra) && res.headers['retry-after'] ? ra : undefined,
              causes?.map((c) => ({ ...c, message: c.message === undefined ? undefined : withoutCredentials(c.message, options) })),
            ),
          );
        });
        res.on('error', reject);
      });
      const timer = setTimeout(() => {
        req.destroy();
        reject(new TimeoutError(`${url.origin}${url.pathname}`, timeoutMs));
      }, timeoutMs);
      req.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      // TCP keep-alive probes let the OS notice a peer that vanished under a long-lived stream.
      req.on('socket', (s) => s.setKeepAlive(true, 30_000));
      req.end(payload);
    });
  }
}

/** Pings the peer every `intervalMs`; a ping still unanswered at the next one means the peer is gone: terminate. */
function keepAlive(ws: WebSocket, intervalMs: number): void {
  let answered = true;
  ws.on('pong', () => (answered = true));
  const timer = setInterval(() => {
    if (ws.readyState !== WebSocket.OPEN) return;
    if (!answered) return void ws.terminate();
    answered = false;
    ws.ping();
  }, intervalMs);
  timer.unref();
  ws.once('close', () => clearInterval(timer));
}

/** A server (or a proxy in front of it) may quote what it was sent: never pass our own credentials on. */
function withoutCredentials(text: string, options: https.RequestOptions): string {
  const authorization = (options.headers as Record<string, unknown> | undefined)?.Authorization;
  const secrets = [
    typeof authorization === 'string' ? authorization.replace(/^\S+\s+/, '') : '',
    typeof options.auth === 'string' ? options.auth.slice(options.auth.indexOf(':') + 1) : '',
  ];
  for (const secret of secrets) if (secret.length >= 4) text = text.split(secret).join('<redacted>');
  return text;
}

/** A copy of the kubeconfig whose current user has no exec plugin (its TLS settings, for requests whose credential is cached). */
function withoutExec(kc: KubeConfig): KubeConfig {
  const current = kc.getCurrentUser()?.name;
  const copy = new KubeConfig();
  copy.loadFromOptions({
    clusters: kc.getClusters(),
    users: kc.getUsers().map((u) => (u.name === current ? { ...u, exec: undefined, authProvider: undefined } : u)),
    contexts: kc.getContexts(),
    currentContext: kc.getCurrentContext(),
  });
  return copy;
}

/** Adds the context's TLS settings and credentials (client-node's), for users without an exec plugin. */
async function credentials(auth: KubeConfig, options: https.RequestOptions): Promise<void> {
  await auth.applyToHTTPSOptions(options);
}

/** A failing exec plugin as a clear problem: which plugin, which user, and why. */
function execProblem(user: User | null, e: unknown): ProblemError {
  const exec = user?.exec as { command?: string } | undefined;
  const err = e as { code?: unknown; message?: unknown };
  // The plugin's stderr, or the JSON parser's error, which quotes the output: neither is passed on whole.
  const why =
    err.code === 'ENOENT'
      ? 'it is not installed or not on PATH'
      : e instanceof SyntaxError
        ? 'its output is not an ExecCredential'
        : redact(
            String(err.message ?? '')
              .trim()
              .split('\n')[0] ?? '',
          ).replace(/\.$/, '') || 'it exited with an error and no message';
  return new ProblemError({
    kind: 'exec-plugin',
    message: `The credential plugin "${basename(exec?.command ?? '?')}" of kubeconfig user "${user?.name ?? '?'}" failed: ${why}.`,
    hint: 'Log in again with the tool behind the plugin (e.g. kubelogin, gke-gcloud-auth-plugin, aws) and make sure it is on PATH.',
  });
}

/** Lines longer than this many characters are handed on in pieces of this length. */
export const MAX_LINE_LENGTH = 64 * 1024;

/**
 * Cuts a stream of text into lines. Each chunk is scanned once (a stream without newlines used to
 * be scanned again from its start on every chunk), and a line over `max` characters is handed on
 * in pieces of `max`, so memory and time stay linear in what arrives.
 */
export class LineSplitter {
  private parts: string[] = [];
  private pending = 0;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly max = MAX_LINE_LENGTH,
  ) {}

  push(chunk: string): void {
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf('\n', from);
      const end = nl < 0 ? chunk.length : nl;
      // Pieces of an over-long line, cut at `max` characters.
      while (this.pending + (end - from) > this.max) {
        const take = this.max - this.pending;
        this.parts.push(chunk.slice(from, from + take));
        from += take;
        this.flush();
      }
      if (nl < 0) {
        if (from < chunk.length) {
          this.parts.push(chunk.slice(from));
          this.pending += chunk.length - from;
        }
        return;
      }
      this.parts.push(chunk.slice(from, nl));
      this.flush();
      from = nl + 1;
    }
  }

  private flush(): void {
    const line = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.parts = [];
    this.pending = 0;
    this.onLine(line);
  }
}
