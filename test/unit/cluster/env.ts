/** Shared set-up for the cluster tests: a running test API server and an API client for it. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { KubeObject } from '../../../client/src/cluster/api';
import { ApiClient } from '../../../client/src/cluster/api';
import { isProblem, loadKubeconfig } from '../../../client/src/cluster/kubeconfig';
import { writeKubeconfig, type KubeconfigOptions } from '../../kube-api-server/kubeconfig';
import { KubeApiServer, type KObject, type KubeApiServerOptions } from '../../kube-api-server/server';
import type { LogLine, LogNotice, LogSink } from '../../../client/src/cluster/logs';

/** A started server plus a client loaded through Shipshape's own kubeconfig loader. */
export async function startCluster(opts: KubeApiServerOptions & { client?: KubeconfigOptions; timeoutMs?: number } = {}): Promise<{
  server: KubeApiServer;
  api: ApiClient;
  kubeconfig: string;
}> {
  const server = await new KubeApiServer({ token: 'test-token-123', ...opts }).start();
  const kubeconfig = writeKubeconfig(server, opts.client);
  const loaded = loadKubeconfig({ setting: kubeconfig });
  if (isProblem(loaded)) throw new Error(loaded.message);
  const api = new ApiClient(loaded.kc, { timeoutMs: opts.timeoutMs ?? 5000, maxRetryDelayMs: 50 });
  return { server, api, kubeconfig };
}

/** The cluster of the current test, as `useCluster` sets it before each test. */
export interface ClusterFixture {
  readonly server: KubeApiServer;
  readonly api: ApiClient;
  readonly kubeconfig: string;
  /** Runs `cleanup` after the test, before the server stops; the last one deferred runs first. */
  defer(cleanup: () => unknown): void;
}

/** Starts a cluster before each test of the calling describe; after it, runs the deferred cleanups and stops the server. */
export function useCluster(opts: Parameters<typeof startCluster>[0] = {}): ClusterFixture {
  let current: Awaited<ReturnType<typeof startCluster>> | undefined;
  const cleanups: (() => unknown)[] = [];
  const started = (): NonNullable<typeof current> => current ?? assert.fail('the cluster only runs during a test');
  beforeEach(async () => {
    current = await startCluster(opts);
  });
  afterEach(async () => {
    try {
      for (const c of cleanups.splice(0).reverse()) await c();
    } finally {
      await started().server.stop();
      current = undefined;
    }
  });
  return {
    get server() {
      return started().server;
    },
    get api() {
      return started().api;
    },
    get kubeconfig() {
      return started().kubeconfig;
    },
    defer(cleanup) {
      cleanups.push(cleanup);
    },
  };
}

/** A pod `web-a` labelled app=web, a one-replica Deployment `web` selecting it, and port 80 of pods `web-a` and `web-b` served by `port`. */
export function putWebDeployment(server: KubeApiServer, port: number): void {
  server.put(pod('web-a', { labels: { app: 'web' } }));
  server.put({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: { replicas: 1, selector: { matchLabels: { app: 'web' } } },
  });
  server.setPortTarget('default', 'web-a', 80, port);
  server.setPortTarget('default', 'web-b', 80, port);
}

/** A pod object; `status` is merged over a Running, ready pod. */
export function pod(
  name: string,
  extra: {
    namespace?: string;
    labels?: Record<string, string>;
    containers?: string[];
    status?: Record<string, unknown>;
    ports?: { name?: string; containerPort: number }[];
  } = {},
): KObject {
  const containers = extra.containers ?? ['app'];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: extra.namespace ?? 'default', labels: extra.labels },
    spec: { containers: containers.map((c, i) => ({ name: c, image: `example/${c}:1.0`, ports: i === 0 ? extra.ports : undefined })) },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: containers.map((c) => ({
        name: c,
        ready: true,
        restartCount: 0,
        image: `example/${c}:1.0`,
        state: { running: { startedAt: '2026-11-23T10:00:00Z' } },
      })),
      ...extra.status,
    },
  };
}

/** A temp dir removed by the caller. */
export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-cluster-test-'));
}

/** A release Secret exactly as Helm 3 stores it: Secret base64 of Helm base64 of gzipped JSON. */
export function helmSecret(name: string, revision: number, status: string, chartVersion = '1.2.3'): KubeObject {
  const release = {
    name,
    namespace: 'default',
    version: revision,
    info: { status, last_deployed: '2026-11-20T10:00:00Z', description: 'Upgrade complete' },
    chart: { metadata: { name: 'nginx', version: chartVersion, appVersion: '1.27.0' } },
    config: { password: 'hunter2' },
  };
  const helmEncoded = gzipSync(Buffer.from(JSON.stringify(release))).toString('base64');
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'helm.sh/release.v1',
    metadata: {
      name: `sh.helm.release.v1.${name}.v${revision}`,
      namespace: 'default',
      labels: { owner: 'helm', name, version: String(revision), status },
    },
    data: { release: Buffer.from(helmEncoded).toString('base64') },
  };
}

/** Collects log lines and notices; `until` waits for a condition, re-checked on every arrival. */
export class Collector implements LogSink {
  lines: LogLine[] = [];
  notices: LogNotice[] = [];
  private waiters: (() => void)[] = [];
  line(l: LogLine): void {
    this.lines.push(l);
    this.waiters.splice(0).forEach((w) => w());
  }
  notice(n: LogNotice): void {
    this.notices.push(n);
    this.waiters.splice(0).forEach((w) => w());
  }
  async until(pred: () => boolean): Promise<void> {
    while (!pred()) await new Promise<void>((r) => this.waiters.push(r));
  }
  texts(): string[] {
    return this.lines.map((l) => l.text);
  }
}
