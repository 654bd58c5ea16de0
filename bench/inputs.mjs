// Deterministic benchmark inputs: typical files (from the corpus when present), a 1,000-line
// Dockerfile, a 2,000-document manifest, a chart with 40 templates and a workspace of manifests.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A small seeded PRNG (mulberry32): the same seed gives the same inputs and edits. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const IMAGES = ['nginx:1.27.3', 'redis:7.4.1', 'postgres:17.2', 'busybox', 'ghcr.io/acme/api:latest', 'quay.io/acme/worker:2.1.0'];

/** One Kubernetes object of about 10–45 lines; `i` picks the kind and the details. */
export function manifestObject(i, ns = 'shop') {
  const name = `svc-${i}`;
  const image = IMAGES[i % IMAGES.length];
  switch (i % 5) {
    case 0:
    case 1:
      return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
    app.kubernetes.io/name: ${name}
    app.kubernetes.io/part-of: shop
spec:
  replicas: ${1 + (i % 3)}
  selector:
    matchLabels:
      app.kubernetes.io/name: ${name}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${name}
    spec:
      serviceAccountName: ${name}
      containers:
        - name: app
          image: ${image}
          ports:
            - containerPort: ${8000 + (i % 100)}
              name: http
          env:
            - name: LOG_LEVEL
              value: info
            - name: CONFIG
              valueFrom:
                configMapKeyRef:
                  name: ${name}-config
                  key: config.yaml
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
${i % 2 ? `            limits:\n              memory: 256Mi\n` : ''}          readinessProbe:
            httpGet:
              path: /healthz
              port: http
          securityContext:
            runAsNonRoot: true
            allowPrivilegeEscalation: false
`;
    case 2:
      return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  selector:
    app.kubernetes.io/name: svc-${i - 2}
  ports:
    - name: http
      port: 80
      targetPort: http
`;
    case 3:
      return `apiVersion: v1
kind: ConfigMap
metadata:
  name: svc-${i - 3}-config
  namespace: ${ns}
data:
  config.yaml: |
    listen: :8080
    upstream: http://svc-${i - 1}.${ns}.svc.cluster.local
    retries: ${i % 4}
`;
    default:
      return `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
  namespace: ${ns}
  annotations:
    nginx.ingress.kubernetes.io/rewrite-target: /
spec:
  ingressClassName: nginx
  rules:
    - host: ${name}.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: svc-${i - 2}
                port:
                  name: http
`;
  }
}

/** A multi-document manifest of `count` objects. */
export function manifest(count, offset = 0) {
  const parts = [];
  for (let i = 0; i < count; i++) parts.push(manifestObject(offset + i));
  return parts.join('---\n');
}

/** A Dockerfile of about `lines` lines: several stages of realistic instructions. */
export function dockerfile(lines) {
  const out = ['# syntax=docker/dockerfile:1', 'ARG BASE=debian:bookworm-slim'];
  let stage = 0;
  while (out.length < lines) {
    out.push('', `FROM \${BASE} AS stage${stage}`, 'MAINTAINER ops@example.com', `LABEL org.opencontainers.image.title="stage${stage}"`);
    out.push(`ENV APP_HOME=/opt/app${stage} \\`, `    PATH=/opt/app${stage}/bin:$PATH`, `WORKDIR /opt/app${stage}`);
    out.push('RUN apt-get update \\', '    && apt-get install -y --no-install-recommends curl ca-certificates git \\', '    && rm -rf /var/lib/apt/lists/*');
    out.push(`COPY --chown=app:app src/ /opt/app${stage}/src/`, 'ADD https://example.com/tool.tar.gz /tmp/', `RUN cd /opt/app${stage} && make build && make install`);
    out.push('USER app', 'EXPOSE 8080', 'HEALTHCHECK CMD curl -f http://localhost:8080/ || exit 1', `CMD ["/opt/app${stage}/bin/server", "--port", "8080"]`);
    stage++;
  }
  return out.slice(0, lines).join('\n') + '\n';
}

/** A chart of `templates` templates (Deployment, Service, ConfigMap… with `{{ }}`). */
export function chart(dir, templates) {
  fs.mkdirSync(path.join(dir, 'templates'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: shop\nversion: 1.2.3\nappVersion: "2.0.0"\n');
  const values = ['replicaCount: 2', 'image:', '  repository: ghcr.io/acme/shop', '  tag: ""', 'service:', '  port: 80'];
  for (let i = 0; i < templates; i++) values.push(`component${i}:`, '  enabled: true', `  port: ${8000 + i}`);
  fs.writeFileSync(path.join(dir, 'values.yaml'), values.join('\n') + '\n');
  fs.writeFileSync(
    path.join(dir, 'templates/_helpers.tpl'),
    '{{- define "shop.fullname" -}}\n{{ .Release.Name }}-{{ .Chart.Name }}\n{{- end }}\n',
  );
  const files = [];
  for (let i = 0; i < templates; i++) {
    const body = manifestObject(i)
      .replace(/namespace: shop/g, 'namespace: {{ .Release.Namespace }}')
      .replace(/name: svc-(\d+)\n/, `name: {{ include "shop.fullname" . }}-c$1\n`)
      .replace(/replicas: \d+/, 'replicas: {{ .Values.replicaCount }}')
      .replace(/image: .*/, 'image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"');
    const file = path.join(dir, 'templates', `component-${i}.yaml`);
    fs.writeFileSync(file, `{{- if .Values.component${i}.enabled }}\n${body}{{- end }}\n`);
    files.push(file);
  }
  return files;
}

/** A workspace of `count` single-object manifests in nested folders. */
export function workspace(dir, count) {
  for (let i = 0; i < count; i++) {
    const sub = path.join(dir, `team-${i % 25}`, `app-${Math.floor(i / 25) % 40}`);
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, `object-${i}.yaml`), manifestObject(i, `ns-${i % 25}`));
  }
}

/** Files under `dir` (recursively) whose line count is within [min, max] and name matches. */
export function corpusFiles(dir, test, min, max) {
  const out = [];
  const walk = (d) => {
    let entries;
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (test(e.name, p)) {
        const n = fs.readFileSync(p, 'utf8').split('\n').length;
        if (n >= min && n <= max) out.push(p);
      }
    }
  };
  walk(dir);
  return out.sort();
}

/** `n` items of `list` picked by a seeded shuffle. */
export function pick(list, n, random) {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}

const EDIT_CHARS = 'abcxyz019 :-_.#"{';

/**
 * Seeded single-character edits at random positions: each inserts a character, and from the second
 * on each insertion is followed by deleting the character inserted before it. The file never holds
 * more than two stray characters, and no edit returns to a text seen before, which a server could
 * answer from a cache (Shipshape keeps its last few parses).
 */
export function editsFor(text, count, seed) {
  const random = rng(seed);
  const out = [];
  let length = text.length;
  // Where the previous insertion's character is now.
  let pending;
  while (out.length < count) {
    let pos = Math.floor(random() * (length + 1));
    out.push({ start: pos, end: pos, text: EDIT_CHARS[Math.floor(random() * EDIT_CHARS.length)] });
    length++;
    if (pending !== undefined && pos <= pending) pending++;
    if (pending !== undefined && out.length < count) {
      out.push({ start: pending, end: pending + 1, text: '' });
      length--;
      if (pos > pending) pos--;
    }
    pending = pos;
  }
  return out;
}
