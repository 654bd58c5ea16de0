/**
 * Node maintenance: cordon, uncordon and drain. A drain does what `kubectl drain
 * --ignore-daemonsets` does: cordon, then evict every pod on the node through the Eviction API
 * (policy/v1) so PodDisruptionBudgets are respected. A 429 from a budget is retried with back-off
 * until the drain's time runs out, and reported as "blocked by PodDisruptionBudget X". DaemonSet
 * pods (their controller would recreate them at once) and mirror pods (the kubelet's static pods;
 * the API cannot delete them) are skipped. Pods no controller would recreate and pods with
 * emptyDir data are left alone unless the caller says to evict them, as kubectl's `--force` and
 * `--delete-emptydir-data` do.
 */
import type { ApiClient, KubeList, KubeObject } from '../api';
import { ApiError, ProblemError, toProblem } from '../errors';
import { query } from './objects';

const MIRROR = 'kubernetes.io/config.mirror';

function nodePath(name: string): string {
  return `/api/v1/nodes/${encodeURIComponent(name)}`;
}

/** Marks the node unschedulable (true) or schedulable again (false); resolves with the node. */
export async function setUnschedulable(api: ApiClient, node: string, unschedulable: boolean): Promise<KubeObject> {
  // kubectl uncordon removes the field rather than writing false; a merge patch with null does the same.
  return api.request<KubeObject>(
    'PATCH',
    nodePath(node),
    { spec: { unschedulable: unschedulable ? true : null } },
    {
      contentType: 'application/merge-patch+json',
    },
  );
}

/** What a drain does with one pod. */
export type DrainAction =
  /** Evicted through the Eviction API. */
  | 'evict'
  /** Left running: a DaemonSet's pod. */
  | 'skip-daemonset'
  /** Left running: a mirror (static) pod. */
  | 'skip-mirror'
  /** Deleted without a budget check: it has finished (Succeeded or Failed). */
  | 'delete-finished'
  /** Not evicted: nothing would recreate it (needs `force`). */
  | 'refuse-unmanaged'
  /** Not evicted: its emptyDir data would be lost (needs `deleteEmptyDirData`). */
  | 'refuse-emptydir';

/** One pod of the node and what the drain does with it. */
export interface DrainPod {
  namespace: string;
  name: string;
  action: DrainAction;
  /** Why, in words. */
  why: string;
}

/** Options of a drain, named after kubectl's flags. */
export interface DrainOptions {
  /** Evict pods no controller manages (`--force`). */
  force?: boolean;
  /** Evict pods with emptyDir volumes, losing that data (`--delete-emptydir-data`). */
  deleteEmptyDirData?: boolean;
  /** Give up on pods still blocked after this long (default 5 min). */
  timeoutMs?: number;
  /** First wait after a 429 (default 1 s; doubled each time up to `maxBackoffMs`). */
  backoffMs?: number;
  /** Longest wait between two attempts on a blocked pod (default 5 s, kubectl's interval). */
  maxBackoffMs?: number;
  signal?: AbortSignal;
}

interface PodShape {
  spec?: { volumes?: { name: string; emptyDir?: unknown }[]; nodeName?: string };
  status?: { phase?: string };
}

/** What a drain would do with each pod on the node, in kubectl's order of checks. */
export function planPod(pod: KubeObject, opts: Pick<DrainOptions, 'force' | 'deleteEmptyDirData'> = {}): DrainPod {
  const p = pod as KubeObject & PodShape;
  const base = { namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name };
  const phase = p.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return { ...base, action: 'delete-finished', why: `it has finished (${phase})` };
  if (pod.metadata.annotations?.[MIRROR] !== undefined) return { ...base, action: 'skip-mirror', why: 'a mirror (static) pod' };
  const owner = pod.metadata.ownerReferences?.find((o) => o.controller);
  if (owner?.kind === 'DaemonSet') return { ...base, action: 'skip-daemonset', why: `managed by DaemonSet ${owner.name}` };
  if (!owner && !opts.force)
    return { ...base, action: 'refuse-unmanaged', why: 'no controller would recreate it (evict anyway with "force")' };
  const emptyDirs = (p.spec?.volumes ?? []).filter((v) => v.emptyDir !== undefined).map((v) => v.name);
  if (emptyDirs.length && !opts.deleteEmptyDirData)
    return {
      ...base,
      action: 'refuse-emptydir',
      why: `its emptyDir data (${emptyDirs.join(', ')}) would be lost (evict anyway with "delete emptyDir data")`,
    };
  return { ...base, action: 'evict', why: owner ? `managed by ${owner.kind} ${owner.name}` : 'unmanaged, evicted because of "force"' };
}

/** The pods on a node with what a drain would do with each. */
export async function drainPlan(api: ApiClient, node: string, opts: DrainOptions = {}): Promise<DrainPod[]> {
  const pods = (await api.get<KubeList>(`/api/v1/pods${query({ fieldSelector: `spec.nodeName=${node}` })}`)).items;
  return pods.map((p) => planPod(p, opts));
}

/** Progress of a drain, one event per change. */
export type DrainEvent =
  | { type: 'cordoned'; node: string }
  | { type: 'evicting'; pod: DrainPod }
  | { type: 'blocked'; pod: DrainPod; budget?: string; message: string; attempt: number }
  | { type: 'evicted'; pod: DrainPod }
  | { type: 'failed'; pod: DrainPod; message: string };

/** How a drain ended. */
export interface DrainResult {
  node: string;
  evicted: DrainPod[];
  skipped: DrainPod[];
  /** Pods left on the node because of the options (unmanaged, emptyDir). */
  refused: DrainPod[];
  /** Pods still blocked by a PodDisruptionBudget when the time ran out. */
  blocked: { pod: DrainPod; budget?: string; message: string }[];
  /** Pods whose eviction failed for another reason. */
  failed: { pod: DrainPod; message: string }[];
  /** True when every pod that should go has gone. */
  complete: boolean;
}

/** The budget's name from the API server's `DisruptionBudget` cause ("The disruption budget web-pdb needs 2 healthy pods …"). */
export function budgetOf(e: ApiError): string | undefined {
  const cause = e.causes?.find((c) => c.reason === 'DisruptionBudget')?.message ?? '';
  return /^The disruption budget (\S+)/.exec(cause)?.[1];
}

function blockedMessage(e: ApiError): string {
  const budget = budgetOf(e);
  const cause = e.causes?.find((c) => c.reason === 'DisruptionBudget')?.message;
  return budget
    ? `blocked by PodDisruptionBudget ${budget}${cause ? ` (${cause.replace(/^The disruption budget \S+ /, '')})` : ''}`
    : e.message;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Evicts one pod (policy/v1 Eviction); a 404 means it is gone already. */
export async function evictPod(api: ApiClient, namespace: string, name: string): Promise<void> {
  const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}/eviction`;
  try {
    await api.request('POST', path, { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace } });
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return;
    throw e;
  }
}

/**
 * Drains the node: cordons it, evicts what {@link drainPlan} says to evict (all at once, each
 * retried on its own while a budget blocks it), deletes finished pods, and reports what happened.
 * Pods evicted are not waited for beyond the Eviction API's answer: their controllers replace them
 * elsewhere, and the node stays cordoned.
 */
export async function drainNode(
  api: ApiClient,
  node: string,
  opts: DrainOptions = {},
  onEvent: (e: DrainEvent) => void = () => undefined,
): Promise<DrainResult> {
  await setUnschedulable(api, node, true);
  onEvent({ type: 'cordoned', node });
  const plan = await drainPlan(api, node, opts);
  const result: DrainResult = {
    node,
    evicted: [],
    skipped: plan.filter((p) => p.action === 'skip-daemonset' || p.action === 'skip-mirror'),
    refused: plan.filter((p) => p.action === 'refuse-unmanaged' || p.action === 'refuse-emptydir'),
    blocked: [],
    failed: [],
    complete: false,
  };
  const deadline = Date.now() + (opts.timeoutMs ?? 5 * 60_000);
  const first = opts.backoffMs ?? 1000;
  const max = opts.maxBackoffMs ?? 5000;
  const one = async (pod: DrainPod): Promise<void> => {
    onEvent({ type: 'evicting', pod });
    let wait = first;
    for (let attempt = 1; ; attempt++) {
      try {
        if (pod.action === 'delete-finished') {
          await api
            .request('DELETE', `/api/v1/namespaces/${encodeURIComponent(pod.namespace)}/pods/${encodeURIComponent(pod.name)}`)
            .catch((e: unknown) => {
              if (!(e instanceof ApiError && e.status === 404)) throw e;
            });
        } else await evictPod(api, pod.namespace, pod.name);
        result.evicted.push(pod);
        onEvent({ type: 'evicted', pod });
        return;
      } catch (e) {
        if (e instanceof ApiError && e.status === 429) {
          const message = blockedMessage(e);
          const budget = budgetOf(e);
          onEvent({ type: 'blocked', pod, budget, message, attempt });
          const left = deadline - Date.now();
          if (left <= 0 || opts.signal?.aborted) {
            result.blocked.push({ pod, budget, message });
            return;
          }
          // Retry-After from the server wins when it asks for longer; never past the deadline.
          const ask = e.retryAfter !== undefined ? e.retryAfter * 1000 : 0;
          await sleep(Math.min(left, Math.max(wait, Math.min(ask, max))), opts.signal);
          wait = Math.min(max, wait * 2);
          continue;
        }
        const message = e instanceof ProblemError ? e.problem.message : toProblem(e, api.server).message;
        result.failed.push({ pod, message });
        onEvent({ type: 'failed', pod, message });
        return;
      }
    }
  };
  await Promise.all(plan.filter((p) => p.action === 'evict' || p.action === 'delete-finished').map(one));
  const order = (a: DrainPod, b: DrainPod): number => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`);
  result.evicted.sort(order);
  result.blocked.sort((a, b) => order(a.pod, b.pod));
  result.failed.sort((a, b) => order(a.pod, b.pod));
  result.complete = !result.blocked.length && !result.failed.length && !result.refused.length;
  return result;
}

/** A drain's outcome as Markdown: what went, what stayed and why. */
export function drainReport(r: DrainResult, context: string): string {
  const line = (p: DrainPod, why = p.why): string => `- \`${p.namespace}/${p.name}\`: ${why}`;
  const out = [`# Drain of node ${r.node}\n`, `Context \`${context}\`. The node is cordoned.\n`];
  out.push(r.complete ? '**Drained**: every pod that had to go has gone.\n' : '**Not fully drained.**\n');
  if (r.blocked.length) out.push('## Blocked\n', ...r.blocked.map((b) => line(b.pod, b.message)), '');
  if (r.failed.length) out.push('## Failed\n', ...r.failed.map((f) => line(f.pod, f.message)), '');
  if (r.refused.length) out.push('## Left on the node\n', ...r.refused.map((p) => line(p)), '');
  if (r.evicted.length) out.push('## Evicted\n', ...r.evicted.map((p) => line(p)), '');
  if (r.skipped.length) out.push('## Skipped\n', ...r.skipped.map((p) => line(p)), '');
  return out.join('\n');
}
