/**
 * Helm release history (every revision, decoded from the release Secrets) and rollback. Rollback
 * needs the `helm` binary: Helm re-renders hooks and records a new revision, which Shipshape does
 * not reimplement. Without `helm` the answer is a clear message.
 */
import { spawn } from 'node:child_process';
import type { ApiClient } from '../api';
import { ProblemError } from '../errors';
import { decodeHelmRelease, HELM_RELEASE_SECRET_TYPE, type HelmRelease } from '../helm';
import { listObjects } from './objects';

/** Every stored revision of a release, newest first. */
export async function helmReleaseHistory(api: ApiClient, namespace: string, release: string): Promise<HelmRelease[]> {
  const secrets = await listObjects(api, 'Secret', namespace, { labelSelector: `owner=helm,name=${release}` });
  return secrets
    .filter((s) => s.type === HELM_RELEASE_SECRET_TYPE)
    .map(decodeHelmRelease)
    .filter((r): r is HelmRelease => r !== undefined && r.name === release)
    .sort((a, b) => b.revision - a.revision);
}

/** Output of one process run. */
export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when the binary could not be started (ENOENT: not installed). */
  error?: NodeJS.ErrnoException;
}

/** Runs a binary without a shell. */
export function run(bin: string, args: readonly string[], env?: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    const child = spawn(bin, args, { env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (error: NodeJS.ErrnoException) => resolve({ code: null, stdout, stderr, error }));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** What a rollback needs. */
export interface HelmRollbackOptions {
  release: string;
  revision: number;
  namespace: string;
  context: string;
  /** Kubeconfig file(s) the explorer uses (passed to helm so it talks to the same cluster). */
  kubeconfig?: string;
  /** The helm binary (`shipshape.helm.path`; default `helm`). */
  helmPath?: string;
}

/** Whether `helm` can be run; resolves with its version, or undefined. */
export async function helmVersion(helmPath = 'helm'): Promise<string | undefined> {
  const r = await run(helmPath, ['version', '--short']);
  return r.error || r.code !== 0 ? undefined : r.stdout.trim();
}

/** Runs `helm rollback`; throws a {@link ProblemError} when helm is missing or fails. */
export async function helmRollback(o: HelmRollbackOptions): Promise<string> {
  const bin = o.helmPath?.trim() || 'helm';
  if (!(await helmVersion(bin))) {
    throw new ProblemError({
      kind: 'not-found',
      message: `Rollback needs Helm, and \`${bin}\` could not be run.`,
      hint: 'Install Helm 3 (https://helm.sh/docs/intro/install/) or set shipshape.helm.path. The history is shown without it.',
    });
  }
  const args = ['rollback', o.release, String(o.revision), '--namespace', o.namespace, '--kube-context', o.context];
  if (o.kubeconfig) args.push('--kubeconfig', o.kubeconfig);
  const r = await run(bin, args);
  if (r.code !== 0)
    throw new ProblemError({
      kind: 'unknown',
      message: `helm rollback failed: ${(r.stderr || r.stdout).trim()}`,
      hint: 'See the release history and events.',
    });
  return r.stdout.trim();
}
