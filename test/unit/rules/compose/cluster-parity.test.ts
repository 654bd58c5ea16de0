import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintString, r } from '../../helpers';

const ID = 'compose/cluster-parity';
const WORKSPACE = path.resolve(__dirname, '../../../../../test/fixtures/env-parity');

/** Each finding as `line:col-line:col message → file line:col-line:col note`. */
function shown(text: string, opts: Parameters<typeof lintString>[1]): string[] {
  return lintString(text, { ...opts, only: ID }).map((f) => {
    const rel = f.related?.[0];
    const where = (x: ReturnType<typeof r>) => `${x[0]}:${x[1]}-${x[2]}:${x[3]}`;
    return `${where(r(f.range))} ${f.message}${rel ? ` → ${path.basename(rel.uri)} ${where(r(rel.range))} ${rel.message}` : ''}`;
  });
}

/** The fixture workspace's files except `skip`, for `lintString`'s `files`. */
function workspace(skip: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(WORKSPACE, rel), { withFileTypes: true })) {
      const p = path.join(rel, e.name);
      if (e.isDirectory()) walk(p);
      else if (p !== skip && e.name !== '.shipshape.yaml') out[p] = fs.readFileSync(path.join(WORKSPACE, p), 'utf8');
    }
  };
  walk('');
  return out;
}

const read = (rel: string) => fs.readFileSync(path.join(WORKSPACE, rel), 'utf8');
const config = () => read('.shipshape.yaml');

const deployment = (container: string, extra = '', meta = '') =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n${meta}spec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: web\n          image: ${container}\n${extra}`;
const compose = (service: string) => `services:\n  web:\n${service}`;
const pair = (service: string, container: string, extra = '', cfg?: string, meta = '') =>
  shown(compose(service), { filename: 'compose.yaml', files: { 'deploy.yaml': deployment(container, extra, meta) }, config: cfg });

describe(ID, () => {
  it('reports every disagreement of the fixture workspace on the Compose file, naming the manifest', () => {
    const found = shown(read('compose.yaml'), { filename: 'compose.yaml', files: workspace('compose.yaml'), config: config() });
    assert.deepEqual(found, [
      '1:2-1:5 Deployment/shop-api (container "api") sets SENTRY_DSN, Compose service "api" does not. \u2192 api.yaml 21:20-21:30 Deployment/shop-api (container "api") sets SENTRY_DSN',
      '3:11-3:35 Deployment/shop-api (container "api") pins its image tag, but Compose service "api" floats (no tag): local runs may not match production. \u2192 api.yaml 17:17-17:47 Deployment/shop-api (container "api") pins its tag',
      '6:6-6:19 Compose service "api" sets DEBUG_TOOLBAR, Deployment/shop-api (container "api") does not. \u2192 api.yaml 16:16-16:19 Deployment/shop-api (container "api") does not set DEBUG_TOOLBAR',
      '8:8-8:29 Compose service "api" exposes container port 8080, Deployment/shop-api (container "api") declares 8000. \u2192 api.yaml 27:29-27:33 Deployment/shop-api (container "api") declares 8000',
      '9:4-9:15 Compose service "api" has a healthcheck, Deployment/shop-api (container "api") has no readinessProbe: production sends traffic before the app is ready. \u2192 api.yaml 16:16-16:19 Deployment/shop-api (container "api") has no readinessProbe',
      '12:4-12:11 Compose service "api" overrides the image\'s command or entrypoint, Deployment/shop-api (container "api") does not. \u2192 api.yaml 16:16-16:19 Deployment/shop-api (container "api") runs the image\'s own command',
      '14:2-14:8 Deployment/orders-worker (container "worker") overrides the image\'s command or arguments, Compose service "worker" does not. \u2192 worker.yaml 16:10-16:14 Deployment/orders-worker (container "worker") overrides the command',
      '19:2-19:7 StatefulSet/redis has a readinessProbe, Compose service "cache" has no healthcheck: local dependents start before it is ready. \u2192 redis.yaml 19:10-19:24 StatefulSet/redis has a readinessProbe',
    ]);
  });
  it('reports the same disagreements on the manifest side, naming the Compose file', () => {
    const found = shown(read('k8s/api.yaml'), { filename: 'k8s/api.yaml', files: workspace('k8s/api.yaml'), config: config() });
    assert.deepEqual(found, [
      '16:16-16:19 Compose service "api" sets DEBUG_TOOLBAR, Deployment/shop-api (container "api") does not. \u2192 compose.yaml 6:6-6:19 Compose service "api" sets DEBUG_TOOLBAR',
      '16:16-16:19 Compose service "api" has a healthcheck, Deployment/shop-api (container "api") has no readinessProbe: production sends traffic before the app is ready. \u2192 compose.yaml 9:4-9:15 Compose service "api" has a healthcheck',
      '16:16-16:19 Compose service "api" overrides the image\'s command or entrypoint, Deployment/shop-api (container "api") does not. \u2192 compose.yaml 12:4-12:11 Compose service "api" overrides the command',
      '17:17-17:47 Deployment/shop-api (container "api") pins its image tag, but Compose service "api" floats (no tag): local runs may not match production. \u2192 compose.yaml 3:11-3:35 Compose service "api" floats its tag',
      '21:20-21:30 Deployment/shop-api (container "api") sets SENTRY_DSN, Compose service "api" does not. \u2192 compose.yaml 1:2-1:5 Compose service "api" does not set SENTRY_DSN',
      '27:29-27:33 Compose service "api" exposes container port 8080, Deployment/shop-api (container "api") declares 8000. \u2192 compose.yaml 8:8-8:29 Compose service "api" exposes 8080',
    ]);
  });
  it("reports a chart's rendered workload, paired by its label, on the rendered manifest", () => {
    const rendered = read('charts/web/templates/deployment.yaml')
      .replace(/\{\{ \.Release\.Name \}\}/g, 'shop')
      .replace('"{{ .Values.image.repository }}:{{ .Values.image.tag }}"', 'ghcr.io/example/shop-web:1.0.0')
      .replace('{{ .Values.apiUrl | quote }}', '"http://shop-api"');
    const found = shown(rendered, { filename: 'charts/web/templates/deployment.yaml', files: { 'compose.yaml': read('compose.yaml') } });
    assert.deepEqual(found, [
      '16:16-16:19 Compose service "web" sets NODE_ENV, Deployment/shop-web (container "web") does not. \u2192 compose.yaml 28:6-28:14 Compose service "web" sets NODE_ENV',
      '17:17-17:47 Deployment/shop-web (container "web") pins its image tag, but Compose service "web" floats (:latest): local runs may not match production. \u2192 compose.yaml 25:11-25:42 Compose service "web" floats its tag',
    ]);
  });
  it('pairs by name, and reports differing image repositories', () => {
    const found = pair('    image: ghcr.io/example/storefront:1.2.0\n', 'ghcr.io/example/web:1.2.0');
    assert.deepEqual(found, [
      '2:11-2:43 Compose service "web" runs image repository ghcr.io/example/storefront, Deployment/web runs ghcr.io/example/web. \u2192 deploy.yaml 15:17-15:42 Deployment/web runs ghcr.io/example/web',
    ]);
  });
  it('reports a :latest tag locally against a pinned one, and nothing when both are pinned', () => {
    assert.deepEqual(pair('    image: nginx:latest\n', 'docker.io/library/nginx:1.27'), [
      '2:11-2:23 Deployment/web pins its image tag, but Compose service "web" floats (:latest): local runs may not match production. \u2192 deploy.yaml 15:17-15:45 Deployment/web pins its tag',
    ]);
    assert.deepEqual(pair('    image: nginx:1.27\n', 'docker.io/library/nginx:1.27'), []);
  });
  it('does not report variables only in Compose when the container uses envFrom, nor only in Kubernetes with env_file', () => {
    const env = '          env:\n            - name: B\n              value: "2"\n';
    const envFrom = '          envFrom:\n            - configMapRef:\n                name: web\n';
    assert.deepEqual(pair('    image: nginx:1.27\n    environment:\n      - A=1\n', 'nginx:1.27', env), [
      '1:2-1:5 Deployment/web sets B, Compose service "web" does not. \u2192 deploy.yaml 17:20-17:21 Deployment/web sets B',
      '4:8-4:9 Compose service "web" sets A, Deployment/web does not. \u2192 deploy.yaml 14:16-14:19 Deployment/web does not set A',
    ]);
    assert.deepEqual(pair('    image: nginx:1.27\n    environment:\n      - A=1\n', 'nginx:1.27', envFrom), []);
    assert.deepEqual(pair('    image: nginx:1.27\n    env_file: web.env\n', 'nginx:1.27', env), []);
  });
  it('compares ports only when both sides declare some', () => {
    assert.deepEqual(pair('    image: nginx:1.27\n    ports:\n      - "8080:80"\n', 'nginx:1.27'), []);
    const ports = '          ports:\n            - containerPort: 80\n';
    assert.deepEqual(pair('    image: nginx:1.27\n    ports:\n      - "8080:80"\n', 'nginx:1.27', ports), []);
  });
  it('reports a command override on the Compose side only', () => {
    assert.deepEqual(pair('    image: nginx:1.27\n    entrypoint: ["/bin/sh"]\n', 'nginx:1.27'), [
      '3:4-3:14 Compose service "web" overrides the image\'s command or entrypoint, Deployment/web does not. \u2192 deploy.yaml 14:16-14:19 Deployment/web runs the image\'s own command',
    ]);
    assert.deepEqual(pair('    image: nginx:1.27\n    command: ["a"]\n', 'nginx:1.27', '          args: ["a"]\n'), []);
  });
  it('pairs by the label or annotation only with autoPair, and by hand always', () => {
    const svc = '    image: ghcr.io/example/a:1.0.0\n    entrypoint: ["x"]\n';
    const labelled = '  annotations:\n    shipshape.io/compose-service: web\n';
    const renamed = (text: string) => text.replace(/name: web\n/g, 'name: storefront\n');
    const files = (meta: string) => ({ 'deploy.yaml': renamed(deployment('ghcr.io/example/b:1.0.0', '', meta)) });
    assert.deepEqual(shown(compose(svc), { filename: 'compose.yaml', files: files(labelled) }), [
      '2:11-2:34 Compose service "web" runs image repository ghcr.io/example/a, Deployment/storefront runs ghcr.io/example/b. \u2192 deploy.yaml 17:17-17:40 Deployment/storefront runs ghcr.io/example/b',
      '3:4-3:14 Compose service "web" overrides the image\'s command or entrypoint, Deployment/storefront does not. \u2192 deploy.yaml 16:16-16:26 Deployment/storefront runs the image\'s own command',
    ]);
    assert.deepEqual(shown(compose(svc), { filename: 'compose.yaml', files: files('') }), []);
    assert.deepEqual(
      shown(compose(svc), { filename: 'compose.yaml', files: files(labelled), config: `rules:\n  ${ID}:\n    autoPair: false\n` }),
      [],
    );
    const byHand = `rules:\n  ${ID}:\n    autoPair: false\n    pairs: ["web=Deployment/storefront"]\n`;
    assert.deepEqual(shown(compose(svc), { filename: 'compose.yaml', files: files(''), config: byHand }), [
      '2:11-2:34 Compose service "web" runs image repository ghcr.io/example/a, Deployment/storefront runs ghcr.io/example/b. \u2192 deploy.yaml 15:17-15:40 Deployment/storefront runs ghcr.io/example/b',
      '3:4-3:14 Compose service "web" overrides the image\'s command or entrypoint, Deployment/storefront does not. \u2192 deploy.yaml 14:16-14:26 Deployment/storefront runs the image\'s own command',
    ]);
  });
  it('does not compare interpolated Compose images', () => {
    assert.deepEqual(pair('    image: ghcr.io/example/web:${TAG:-latest}\n', 'ghcr.io/example/other:1.0.0'), []);
  });
});
