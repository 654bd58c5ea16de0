/**
 * The warm-up of a freshly started server. Its first edits of a document took about twice as long
 * as later ones: V8 compiles the engine's functions as they first run, and tree-sitter's
 * WebAssembly is first compiled by the baseline tier. Once the workspace is indexed and a Dockerfile
 * or a manifest has been checked, and only while no document is being edited, the server types into
 * a built-in sample of that kind, through the path an edit takes: index entry, parse against the
 * previous parse, rules, diagnostics. Only the kinds in use are warmed: the Dockerfile path alone
 * (tree-sitter's compiled code and memory) took a manifest-only server's peak memory from 81 to
 * 165 MB.
 *
 * The samples are checked by a project of their own, untrusted (no external program runs), whose
 * index holds only them, and nothing is published. The only state it shares with the real documents
 * is the engine's small cache of recent parses, which any text may use as the base of its next
 * parse; a real edit that follows a warm-up step is parsed against the sample and so in full.
 */
import { shellReady } from '../dockerfile/shell';
import { Project } from '../engine/project';
import type { Rule } from '../engine/rule';
import type { DocumentKind } from '../engine/types';
import { toDiagnostic } from './convert';

/** A sample the warm-up types into. */
export interface WarmUpSample {
  /** The kind of document it warms the checks of. */
  readonly kind: DocumentKind;
  readonly uri: string;
  readonly languageId: string;
  readonly text: string;
}

export const WARM_UP_SAMPLES: readonly WarmUpSample[] = [
  {
    kind: 'dockerfile',
    uri: 'untitled:shipshape-warm-up/Dockerfile',
    languageId: 'dockerfile',
    text: `# syntax=docker/dockerfile:1
FROM debian:bookworm-slim AS build
ARG VERSION=1.4.2
ENV LANG=C.UTF-8 PATH=/opt/app/bin:$PATH
WORKDIR /src
RUN set -eux; \\
    apt-get update; \\
    apt-get install -y --no-install-recommends ca-certificates curl gnupg make gcc libc6-dev; \\
    curl -fsSL "https://downloads.example.com/app-\${VERSION}.tar.gz" -o app.tar.gz; \\
    echo "3b2f0c6a9d  app.tar.gz" | sha256sum -c -; \\
    mkdir -p /opt/app && tar -xzf app.tar.gz -C /opt/app --strip-components=1; \\
    make -C /opt/app -j"$(nproc)" && make -C /opt/app install; \\
    if [ -f /etc/os-release ]; then . /etc/os-release; echo "$ID"; fi; \\
    for f in /usr/local/bin/*; do strip "$f" || true; done; \\
    case "$(dpkg --print-architecture)" in amd64) arch=x86_64 ;; *) arch=other ;; esac; \\
    rm -rf /var/lib/apt/lists/* app.tar.gz
COPY requirements.txt package.json ./
RUN pip install -r requirements.txt && cd /src && npm ci | tee /tmp/npm.log
ADD https://downloads.example.com/config.tar.gz /etc/app/

FROM debian:bookworm-slim
COPY --from=build /usr/local/bin/app /usr/local/bin/app
RUN useradd --system --uid 10001 app && chown app /usr/local/bin/app
USER app
EXPOSE 8080
HEALTHCHECK --interval=30s CMD curl -f http://localhost:8080/healthz || exit 1
ENTRYPOINT ["/usr/local/bin/app"]
CMD ["--port", "8080"]
`,
  },
  {
    kind: 'manifest',
    uri: 'untitled:shipshape-warm-up/app.yaml',
    languageId: 'yaml',
    text: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels:
    app.kubernetes.io/name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app.kubernetes.io/name: web
  template:
    metadata:
      labels:
        app.kubernetes.io/name: web
    spec:
      containers:
        - name: web
          image: ghcr.io/example/web:1.4.2
          ports:
            - containerPort: 8080
              name: http
          env:
            - name: LOG_LEVEL
              value: "info"
            - name: CONFIG
              valueFrom:
                configMapKeyRef:
                  name: web-config
                  key: config.yaml
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
          readinessProbe:
            httpGet:
              path: /healthz
              port: http
          securityContext:
            allowPrivilegeEscalation: false
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector:
    app.kubernetes.io/name: web
  ports:
    - port: 80
      targetPort: http
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
  namespace: shop
data:
  config.yaml: |
    listen: ":8080"
    tags: [a, b]
`,
  },
];

/** What is typed: characters that keep a text valid as often as they break it. */
const TYPED = 'ae1 :-."#{\n';

/**
 * The warm-up's edits of one text: single characters typed at seeded positions, each removed again
 * by the next edit, so that the text stays near the sample. Yields `count` texts in order.
 */
export function* warmUpTexts(text: string, count: number, seed: number): Generator<string> {
  let state = seed >>> 0 || 1;
  const next = (n: number) => {
    // xorshift32: deterministic and good enough to spread positions.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % n;
  };
  for (let i = 0; i < count; i += 2) {
    const at = next(text.length + 1);
    yield text.slice(0, at) + TYPED[next(TYPED.length)] + text.slice(at);
    if (i + 1 < count) yield text;
  }
}

export interface WarmUpReport {
  /** Edits checked. */
  readonly edits: number;
  /** Time spent in them, in milliseconds. */
  readonly ms: number;
}

export interface WarmUpOptions {
  /** Edits per sample (default 300). */
  readonly edits?: number;
  /** How long after the last real edit a warm-up step may run, in milliseconds (default 50). */
  readonly idleMs?: number;
  readonly samples?: readonly WarmUpSample[];
}

/**
 * Runs the warm-up one edit per turn of the event loop, so a message that arrives waits for one
 * edit at most; `nudge` (on every real edit) holds it back until the server has been idle for
 * `idleMs`.
 */
export class WarmUp {
  private readonly project: Project;
  /** Per sample, its texts still to check; the samples take turns, so that each is warm early on. */
  private readonly queue: { sample: WarmUpSample; texts: Iterator<string> }[];
  private checked = 0;
  private lastActivity = 0;
  private timer: NodeJS.Immediate | NodeJS.Timeout | undefined;
  private cancelled = false;
  private spent = 0;
  private resolve!: (r: WarmUpReport | undefined) => void;
  /** Resolves when every edit has been checked, with `undefined` when cancelled first. */
  readonly done = new Promise<WarmUpReport | undefined>((r) => (this.resolve = r));
  private readonly idleMs: number;

  constructor(rules: readonly Rule[], options: WarmUpOptions = {}) {
    this.project = new Project(rules);
    this.project.trusted = false;
    this.idleMs = options.idleMs ?? 50;
    const edits = options.edits ?? 300;
    this.queue = (options.samples ?? WARM_UP_SAMPLES).map((sample, i) => ({
      sample,
      texts: (function* () {
        yield sample.text;
        yield* warmUpTexts(sample.text, edits, i + 1);
      })(),
    }));
  }

  /** Texts checked so far (each sample as it is, then its edits). */
  get edits(): number {
    return this.checked;
  }

  /** Starts once the shell parser has loaded (before, a `RUN` is not analysed and its rules would stay cold). */
  start(): this {
    void shellReady.then(() => this.schedule());
    return this;
  }

  /** A real document changed: wait until the server is idle again. */
  nudge(): void {
    this.lastActivity = performance.now();
  }

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    if (this.timer) {
      clearTimeout(this.timer as NodeJS.Timeout);
      clearImmediate(this.timer as NodeJS.Immediate);
    }
    this.resolve(undefined);
  }

  private schedule(): void {
    if (this.cancelled) return;
    if (this.queue.length === 0) {
      this.resolve({ edits: this.checked, ms: Math.round(this.spent) });
      return;
    }
    const wait = this.lastActivity + this.idleMs - performance.now();
    this.timer = wait > 0 ? setTimeout(() => this.schedule(), wait) : setImmediate(() => this.step());
  }

  private step(): void {
    if (this.cancelled) return;
    const wait = this.lastActivity + this.idleMs - performance.now();
    if (wait > 0) return this.schedule();
    const turn = this.queue.shift()!;
    const next = turn.texts.next();
    if (next.done) return this.schedule();
    this.queue.push(turn);
    const { sample } = turn;
    const text = next.value;
    this.checked++;
    const t0 = performance.now();
    try {
      const input = { uri: sample.uri, text, languageId: sample.languageId };
      this.project.updateIndex(input.uri, input.text, input.languageId);
      JSON.stringify(this.project.lint(input).findings.map(toDiagnostic));
    } catch {
      // A sample that fails to check warms nothing more; the real documents report their own errors.
    }
    this.spent += performance.now() - t0;
    this.schedule();
  }
}

/**
 * The server's warm-ups, one per kind of document in use: the first check of a Dockerfile or a
 * manifest starts the warm-up of that kind.
 */
export class WarmUps {
  private readonly started = new Map<DocumentKind, WarmUp>();

  constructor(
    private readonly rules: readonly Rule[],
    private readonly report: (sample: WarmUpSample, r: WarmUpReport) => void,
    private readonly options: Omit<WarmUpOptions, 'samples'> = {},
  ) {}

  /** A document of `kind` was checked. */
  checked(kind: DocumentKind): void {
    const sample = WARM_UP_SAMPLES.find((s) => s.kind === kind);
    if (!sample || this.started.has(kind)) return;
    const w = new WarmUp(this.rules, { ...this.options, samples: [sample] });
    this.started.set(kind, w);
    // The check that started it was an edit too.
    w.nudge();
    w.start();
    void w.done.then((r) => r && this.report(sample, r));
  }

  nudge(): void {
    for (const w of this.started.values()) w.nudge();
  }

  cancel(): void {
    for (const w of this.started.values()) w.cancel();
  }
}
