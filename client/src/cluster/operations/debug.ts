/**
 * Ephemeral debug containers (`kubectl debug POD -it --image=IMAGE --target=CONTAINER`): the pod's
 * `ephemeralcontainers` subresource is patched with one more container (a strategic merge keyed by
 * name, so the existing ones are untouched), then the pod is watched until the kubelet reports it
 * running, or its image cannot be pulled. The shell is then opened in it with {@link openShell}.
 */
import type { ApiClient, KubeObject } from '../api';
import { ApiError, ProblemError, toProblem } from '../errors';
import { query } from './objects';

/** Images offered for debugging, smallest first. */
export const DEBUG_IMAGES = ['busybox:1.36', 'nicolaka/netshoot:latest', 'alpine:3.20', 'ubuntu:24.04'] as const;

/** What to add. */
export interface DebugSpec {
  image: string;
  /** The container whose process namespace to share (`--target`). */
  target?: string;
  /** The new container's name (default `debugger-xxxxx`, as kubectl names them). */
  name?: string;
}

interface PodSpecShape {
  spec?: { containers?: { name: string }[]; ephemeralContainers?: { name: string }[] };
  status?: {
    ephemeralContainerStatuses?: {
      name: string;
      state?: { running?: unknown; waiting?: { reason?: string; message?: string }; terminated?: { reason?: string; exitCode?: number } };
    }[];
  };
}

/** A free name `debugger-xxxxx` for the pod. */
export function debugContainerName(pod: KubeObject, random: () => string = () => Math.random().toString(36).slice(2, 7)): string {
  const taken = new Set(
    [
      ...((pod as KubeObject & PodSpecShape).spec?.containers ?? []),
      ...((pod as KubeObject & PodSpecShape).spec?.ephemeralContainers ?? []),
    ].map((c) => c.name),
  );
  for (;;) {
    const name = `debugger-${random()}`;
    if (!taken.has(name)) return name;
  }
}

/** The ephemeral container to add (stdin and a TTY, so a shell in it is interactive, as `kubectl debug -it`). */
export function ephemeralContainer(spec: DebugSpec & { name: string }): Record<string, unknown> {
  return {
    name: spec.name,
    image: spec.image,
    ...(spec.target ? { targetContainerName: spec.target } : {}),
    stdin: true,
    tty: true,
    terminationMessagePolicy: 'File',
    imagePullPolicy: 'IfNotPresent',
  };
}

function podPath(namespace: string, pod: string): string {
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}`;
}

/** Adds the debug container; resolves with its name. */
export async function addDebugContainer(api: ApiClient, namespace: string, pod: string, spec: DebugSpec): Promise<string> {
  const live = await api.get<KubeObject>(podPath(namespace, pod));
  const name = spec.name ?? debugContainerName(live);
  try {
    await api.request(
      'PATCH',
      `${podPath(namespace, pod)}/ephemeralcontainers`,
      { spec: { ephemeralContainers: [ephemeralContainer({ ...spec, name })] } },
      { contentType: 'application/strategic-merge-patch+json' },
    );
  } catch (e) {
    if (e instanceof ApiError && e.status === 404 && !/pods? "/.test(e.message))
      throw new ProblemError({
        kind: 'not-found',
        status: 404,
        message: 'This cluster does not serve ephemeral containers (pods/ephemeralcontainers; Kubernetes 1.23 or later).',
        hint: 'Exec into an existing container instead, or upgrade the cluster.',
      });
    throw e;
  }
  return name;
}

/** The ephemeral container's state as the kubelet reports it. */
export type EphemeralState =
  | { state: 'running' }
  | { state: 'waiting'; reason?: string; message?: string }
  | { state: 'terminated'; reason?: string }
  | { state: 'unknown' };

/** The state of one ephemeral container in the pod. */
export function ephemeralState(pod: KubeObject, name: string): EphemeralState {
  const s = (pod as KubeObject & PodSpecShape).status?.ephemeralContainerStatuses?.find((c) => c.name === name)?.state;
  if (s?.running) return { state: 'running' };
  if (s?.terminated) return { state: 'terminated', reason: s.terminated.reason ?? `exit ${s.terminated.exitCode ?? '?'}` };
  if (s?.waiting) return { state: 'waiting', reason: s.waiting.reason, message: s.waiting.message };
  return { state: 'unknown' };
}

const PULL_FAILURES = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull', 'CreateContainerError']);

/**
 * Waits (over a watch of the pod) until the container runs; throws a {@link ProblemError} when its
 * image cannot be pulled, it ended, or `timeoutMs` passed.
 */
export async function waitForEphemeral(
  api: ApiClient,
  namespace: string,
  pod: string,
  name: string,
  opts: { timeoutMs?: number; signal?: AbortSignal; onState?: (s: EphemeralState) => void } = {},
): Promise<void> {
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  const judge = (p: KubeObject): 'done' | undefined => {
    const s = ephemeralState(p, name);
    opts.onState?.(s);
    if (s.state === 'running') return 'done';
    if (s.state === 'terminated')
      throw new ProblemError({
        kind: 'unknown',
        message: `The debug container ${name} ended (${s.reason ?? 'terminated'}).`,
        hint: 'Its image may have no long-running command with a TTY; try busybox.',
      });
    if (s.state === 'waiting' && s.reason && PULL_FAILURES.has(s.reason))
      throw new ProblemError({
        kind: 'unknown',
        message: `The debug container ${name} cannot start: ${s.reason}${s.message ? ` (${s.message})` : ''}.`,
        hint: 'Check the image name and that the node can pull it; the container stays in the pod spec (ephemeral containers cannot be removed).',
      });
    return undefined;
  };
  let obj = await api.get<KubeObject>(podPath(namespace, pod));
  while (!judge(obj)) {
    const left = deadline - Date.now();
    if (left <= 0 || opts.signal?.aborted)
      throw new ProblemError({
        kind: 'timeout',
        message: `The debug container ${name} did not start in time.`,
        hint: 'Look at the pod’s events (Describe) for why.',
      });
    let done = false;
    let failure: unknown;
    const controller = new AbortController();
    const signal = opts.signal ? AbortSignal.any([opts.signal, controller.signal]) : controller.signal;
    const timer = setTimeout(() => controller.abort(), left);
    try {
      const stream = await api.streamLines(
        `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods${query({ watch: 1, fieldSelector: `metadata.name=${pod}`, resourceVersion: obj.metadata.resourceVersion })}`,
        (line) => {
          if (done) return;
          try {
            const ev = JSON.parse(line) as { type: string; object: KubeObject };
            if (ev.type === 'DELETED')
              throw new ProblemError({ kind: 'not-found', message: `Pod ${pod} was deleted.`, hint: 'Pick another pod.' });
            if (ev.type !== 'ADDED' && ev.type !== 'MODIFIED') return;
            obj = ev.object;
            if (judge(obj)) done = true;
          } catch (e) {
            if (e instanceof SyntaxError) return;
            failure = e;
            done = true;
          }
          if (done) controller.abort();
        },
        { signal },
      );
      await stream.ended;
    } catch (e) {
      if (!signal.aborted) throw new ProblemError(toProblem(e, api.server));
    } finally {
      clearTimeout(timer);
    }
    if (failure) throw failure;
    if (done) return;
    if (!opts.signal?.aborted && Date.now() < deadline) obj = await api.get<KubeObject>(podPath(namespace, pod));
  }
}
