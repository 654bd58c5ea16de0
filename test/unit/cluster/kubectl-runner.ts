/** Running the real `kubectl` against the test API server, for the fidelity tests. */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir, type ClusterFixture } from './env';

/** Whether `kubectl` is on PATH; the fidelity tests skip without it. */
export const haveKubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;

/** What one kubectl run printed and how it exited. */
export interface KubectlResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Skips the suite when kubectl is missing and gives each test a fresh HOME (kubectl's cache lives
 * there). Call inside `describe`, after {@link useCluster}.
 */
export function useKubectl(cluster: ClusterFixture): {
  /** The environment kubectl runs with: the cluster's kubeconfig and the test's HOME. */
  env(): NodeJS.ProcessEnv;
  /** Runs kubectl asynchronously (a synchronous spawn would block the in-process server), `input` on stdin. */
  run(args: string[], input?: string): Promise<KubectlResult>;
} {
  before(function () {
    if (!haveKubectl) this.skip();
  });
  let home: string;
  beforeEach(() => {
    home = tempDir();
    cluster.defer(() => fs.rmSync(home, { recursive: true, force: true }));
  });
  const env = (): NodeJS.ProcessEnv => ({
    ...process.env,
    KUBECONFIG: cluster.kubeconfig,
    HOME: home,
    KUBECACHEDIR: path.join(home, 'cache'),
  });
  const run = (args: string[], input?: string): Promise<KubectlResult> =>
    new Promise((resolve) => {
      const child = spawn('kubectl', args, { env: env() });
      cluster.defer(() => child.kill());
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
      child.stdin.end(input ?? '');
    });
  return { env, run };
}
