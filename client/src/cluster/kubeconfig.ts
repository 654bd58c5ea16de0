/**
 * Loads kubeconfig files the way kubectl does: an explicit path (the `shipshape.kubeconfig`
 * setting) wins; otherwise every path in `KUBECONFIG` is merged (the first file to define a
 * cluster, user or context, or the current context, wins; missing and empty files are skipped);
 * otherwise `~/.kube/config`; and when none exists inside a pod, the in-cluster configuration
 * (the service account's token and CA). Auth (tokens, client certificates, exec plugins, OIDC)
 * is client-node's.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';
import type { ClusterProblem } from './errors';

/** Where to look (tests pass everything explicitly; the extension passes its environment). */
export interface KubeconfigSources {
  /** `shipshape.kubeconfig` setting: one path (or several, joined by the OS path delimiter). */
  setting?: string;
  /** The `KUBECONFIG` environment variable. */
  env?: string;
  /** The home directory (default: `os.homedir()`). */
  home?: string;
  /**
   * Inside a pod: `KUBERNETES_SERVICE_HOST` and `KUBERNETES_SERVICE_PORT`, and the service
   * account directory (default /var/run/secrets/kubernetes.io/serviceaccount).
   */
  inCluster?: { host?: string; port?: string; serviceAccountDir?: string };
}

/** The context name of the in-cluster configuration. */
export const IN_CLUSTER_CONTEXT = 'in-cluster';

/** The in-cluster configuration, when running in a pod with a service account token. */
function inClusterConfig(src: KubeconfigSources['inCluster']): KubeConfig | undefined {
  const dir = src?.serviceAccountDir ?? '/var/run/secrets/kubernetes.io/serviceaccount';
  const tokenFile = path.join(dir, 'token');
  if (!src?.host || !fs.existsSync(tokenFile)) return undefined;
  const host = src.host.includes(':') ? `[${src.host}]` : src.host;
  const caFile = path.join(dir, 'ca.crt');
  let namespace: string | undefined;
  try {
    namespace = fs.readFileSync(path.join(dir, 'namespace'), 'utf8').trim() || undefined;
  } catch {
    // no namespace file: the default namespace
  }
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [
      {
        name: IN_CLUSTER_CONTEXT,
        server: `https://${host}:${src.port ?? '443'}`,
        caFile: fs.existsSync(caFile) ? caFile : undefined,
        skipTLSVerify: false,
      },
    ],
    // A file, not its content: the kubelet rotates the projected token and client-node re-reads it.
    users: [{ name: IN_CLUSTER_CONTEXT, authProvider: { name: 'tokenFile', config: { tokenFile } } }],
    contexts: [{ name: IN_CLUSTER_CONTEXT, cluster: IN_CLUSTER_CONTEXT, user: IN_CLUSTER_CONTEXT, namespace }],
    currentContext: IN_CLUSTER_CONTEXT,
  });
  return kc;
}

/** A loaded, merged kubeconfig. */
export interface LoadedKubeconfig {
  /** The merged configuration (current context as the files say). */
  kc: KubeConfig;
  /** Files read, in precedence order. */
  files: string[];
  /** Files named but absent (skipped, like kubectl does for `KUBECONFIG`). */
  missing: string[];
}

/** The files to read, in precedence order, and whether a missing one is an error. */
export function kubeconfigPaths(src: KubeconfigSources): { paths: string[]; required: boolean } {
  const split = (s: string): string[] =>
    s
      .split(path.delimiter)
      .map((p) => p.trim())
      .filter(Boolean)
      .map(expandHome);
  const expandHome = (p: string): string => (p === '~' || p.startsWith('~/') ? path.join(src.home ?? os.homedir(), p.slice(1)) : p);
  if (src.setting?.trim()) return { paths: split(src.setting), required: true };
  if (src.env?.trim()) return { paths: split(src.env), required: false };
  return { paths: [path.join(src.home ?? os.homedir(), '.kube', 'config')], required: false };
}

/** Loads and merges; returns a problem (never throws) when there is nothing usable. */
export function loadKubeconfig(src: KubeconfigSources): LoadedKubeconfig | ClusterProblem {
  const { paths, required } = kubeconfigPaths(src);
  const files: string[] = [];
  const missing: string[] = [];
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  let current = '';
  for (const file of paths) {
    if (!fs.existsSync(file)) {
      if (required) {
        return {
          kind: 'no-kubeconfig',
          message: `The kubeconfig file ${file} (shipshape.kubeconfig) does not exist.`,
          hint: 'Fix the shipshape.kubeconfig setting or clear it to use KUBECONFIG / ~/.kube/config.',
        };
      }
      missing.push(file);
      continue;
    }
    const one = new KubeConfig();
    try {
      const text = fs.readFileSync(file, 'utf8');
      if (text.includes('\0')) throw new Error('the file is binary');
      // kubectl reads an empty file (a `touch`ed KUBECONFIG entry) as an empty configuration.
      if (!text.trim()) {
        files.push(file);
        continue;
      }
      one.loadFromString(text, { onInvalidEntry: 'filter' });
      one.makePathsAbsolute(path.dirname(file));
    } catch (e) {
      const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
      return {
        kind: 'kubeconfig-invalid',
        message: `The kubeconfig ${file} cannot be read: ${why}`,
        hint: 'Fix the YAML (e.g. `kubectl config view` shows the error) or point shipshape.kubeconfig elsewhere.',
      };
    }
    files.push(file);
    for (const c of one.getClusters()) if (!clusters.has(c.name)) clusters.set(c.name, c);
    for (const u of one.getUsers()) if (!users.has(u.name)) users.set(u.name, u);
    for (const c of one.getContexts()) if (!contexts.has(c.name)) contexts.set(c.name, c);
    if (!current && one.getCurrentContext()) current = one.getCurrentContext();
  }
  if (contexts.size === 0 && !required) {
    const inCluster = inClusterConfig(src.inCluster);
    if (inCluster) return { kc: inCluster, files, missing };
  }
  if (files.length === 0) {
    return {
      kind: 'no-kubeconfig',
      message: `No kubeconfig found (looked at ${paths.join(', ')}).`,
      hint: 'Create one (your cloud CLI does, e.g. `gcloud container clusters get-credentials`), set KUBECONFIG, or set shipshape.kubeconfig.',
    };
  }
  if (contexts.size === 0) {
    return {
      kind: 'no-context',
      message: `The kubeconfig (${files.join(', ')}) defines no contexts.`,
      hint: 'Add a context (`kubectl config set-context`) or use another kubeconfig.',
    };
  }
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [...clusters.values()],
    users: [...users.values()],
    contexts: [...contexts.values()],
    currentContext: current,
  });
  return { kc, files, missing };
}

/** Whether a load result is a problem. */
export function isProblem(x: LoadedKubeconfig | ClusterProblem): x is ClusterProblem {
  return 'kind' in x && 'hint' in x;
}

/** A copy of the configuration with `context` as the current context (the original is untouched). */
export function forContext(kc: KubeConfig, context: string): KubeConfig {
  const copy = new KubeConfig();
  copy.loadFromOptions({ clusters: kc.getClusters(), users: kc.getUsers(), contexts: kc.getContexts(), currentContext: context });
  return copy;
}

/** The context's default namespace (`default` when it names none). */
export function contextNamespace(kc: KubeConfig, context: string): string {
  return kc.getContextObject(context)?.namespace || 'default';
}
