/**
 * Exec credential plugins (kubelogin, gke-gcloud-auth-plugin, `aws eks get-token`), run the way
 * client-go runs them: once per user, the credential kept until the expiry it states, or until
 * the server rejects it when it states none; concurrent requests share one run. (client-node runs
 * a plugin again for every request when the credential has no expiry, and once per concurrent
 * request.)
 */
import { spawn } from 'node:child_process';
import type { User } from '@kubernetes/client-node';

/** What a plugin hands back (`ExecCredential.status`). */
export interface ExecCredentialStatus {
  token?: string;
  clientCertificateData?: string;
  clientKeyData?: string;
  expirationTimestamp?: string;
}

interface ExecConfig {
  command: string;
  args?: string[];
  env?: { name: string; value: string }[];
  apiVersion?: string;
}

/** One cached credential (or the run that will produce it). */
export interface CredentialEntry {
  readonly promise: Promise<ExecCredentialStatus>;
  /** Epoch ms after which the credential is renewed (Infinity when it states no expiry). */
  expiresAt: number;
}

/** A credential is renewed this long before the expiry it states (clock skew, request time). */
const EXPIRY_MARGIN_MS = 10_000;

const cache = new Map<string, CredentialEntry>();

function execOf(user: User | null | undefined): ExecConfig | undefined {
  const exec = (user?.exec ?? (user?.authProvider?.config as { exec?: unknown } | undefined)?.exec) as ExecConfig | undefined;
  return exec?.command ? exec : undefined;
}

/** Whether the user's credentials come from an exec plugin. */
export function usesExecPlugin(user: User | null | undefined): boolean {
  return execOf(user) !== undefined;
}

/** Runs the plugin once: rejects with the spawn error, the plugin's stderr, or the parser's SyntaxError. */
function run(exec: ExecConfig): Promise<ExecCredentialStatus> {
  const env = { ...process.env };
  for (const e of exec.env ?? []) env[e.name] = e.value;
  env.KUBERNETES_EXEC_INFO = JSON.stringify({
    apiVersion: exec.apiVersion ?? 'client.authentication.k8s.io/v1',
    kind: 'ExecCredential',
    spec: { interactive: false },
  });
  return new Promise((resolve, reject) => {
    const child = spawn(exec.command, exec.args ?? [], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let failed: Error | undefined;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', (e) => (failed = e));
    child.on('close', (code) => {
      if (failed) return reject(failed);
      if (code !== 0) return reject(new Error(err));
      try {
        resolve(((JSON.parse(out) as { status?: ExecCredentialStatus }).status ?? {}) as ExecCredentialStatus);
      } catch (e) {
        reject(e);
      }
    });
  });
}

/**
 * The user's current credential: the cached one while valid, else one run of the plugin shared by
 * every caller waiting for it. Undefined when the user has no exec plugin.
 */
export function execCredential(user: User | null | undefined, now = Date.now()): CredentialEntry | undefined {
  const exec = execOf(user);
  if (!exec || !user) return undefined;
  const key = `${user.name}\n${JSON.stringify(exec)}`;
  const cached = cache.get(key);
  if (cached && cached.expiresAt > now) return cached;
  const entry: CredentialEntry = {
    promise: run(exec).then((status) => {
      const at = status.expirationTimestamp ? Date.parse(status.expirationTimestamp) : NaN;
      entry.expiresAt = Number.isNaN(at) ? Infinity : at - EXPIRY_MARGIN_MS;
      return status;
    }),
    expiresAt: Infinity,
  };
  // A failed run is not kept: the next request runs the plugin again.
  entry.promise.catch(() => {
    if (cache.get(key) === entry) cache.delete(key);
  });
  cache.set(key, entry);
  return entry;
}

/** After a 401: forget the credential that was used (unless a newer one replaced it already). */
export function rejectCredential(entry: CredentialEntry): void {
  for (const [k, v] of cache) if (v === entry) cache.delete(k);
}
