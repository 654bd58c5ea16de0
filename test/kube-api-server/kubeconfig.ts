/** Kubeconfig files pointing at a {@link KubeApiServer}, for Shipshape and for the real `kubectl`. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { KubeApiServer } from './server';

/** Options for {@link kubeconfigYaml}. */
export interface KubeconfigOptions {
  context?: string;
  namespace?: string;
  /** Token to present (default: the server's token, if any). */
  token?: string;
  /** Server URL override (e.g. an unreachable address). */
  server?: string;
}

/** Kubeconfig YAML (JSON is valid YAML) for one context on the server. */
export function kubeconfigYaml(server: KubeApiServer, opts: KubeconfigOptions = {}): string {
  const name = opts.context ?? 'test';
  const cluster: Record<string, unknown> = { server: opts.server ?? server.url };
  if (server.caPem) cluster['certificate-authority-data'] = Buffer.from(server.caPem).toString('base64');
  const user: Record<string, unknown> = {};
  const token = opts.token ?? server.token;
  if (token) user.token = token;
  const context: Record<string, unknown> = { cluster: name, user: name };
  if (opts.namespace) context.namespace = opts.namespace;
  return JSON.stringify(
    {
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': name,
      clusters: [{ name, cluster }],
      users: [{ name, user }],
      contexts: [{ name, context }],
    },
    null,
    2,
  );
}

/** Writes a kubeconfig into a new temp dir; returns its path. */
export function writeKubeconfig(server: KubeApiServer, opts: KubeconfigOptions = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-kubeconfig-'));
  const file = path.join(dir, 'config');
  fs.writeFileSync(file, kubeconfigYaml(server, opts));
  return file;
}
