/**
 * Status at a glance: pods classified the way people triage them (the reasons kubectl prints,
 * with OOMKilled surfaced even while the pod is in CrashLoopBackOff), containers' states, and
 * ready counts on workloads. Pure functions over object JSON.
 */
import type { KubeObject } from './api';

/** How a status should look: the explorer maps this to an icon and colour. */
export type Severity = 'ok' | 'progress' | 'warning' | 'error' | 'done';

/** The classification of a pod. */
export interface PodSummary {
  /** Running, Pending, CrashLoopBackOff, ImagePullBackOff, ErrImagePull, OOMKilled, CreateContainerConfigError, Evicted, Completed, Terminating, … */
  status: string;
  severity: Severity;
  ready: number;
  total: number;
  restarts: number;
  /** A sentence with the specifics (message, exit code), when there are any. */
  detail?: string;
}

interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: { reason?: string; exitCode?: number; signal?: number; message?: string; finishedAt?: string };
}

/** A container's status as the API reports it. */
export interface ContainerStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  /** Whether the container has started (past its startup probe). */
  started?: boolean;
  image?: string;
  state?: ContainerState;
  lastState?: ContainerState;
}

interface PodStatusJson {
  phase?: string;
  reason?: string;
  message?: string;
  conditions?: { type: string; status: string }[];
  initContainerStatuses?: ContainerStatus[];
  containerStatuses?: ContainerStatus[];
}

const WAITING_ERRORS = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'CreateContainerConfigError',
  'CreateContainerError',
  'InvalidImageName',
  'RunContainerError',
  'ErrImageNeverPull',
]);

/**
 * Classifies a pod. Init containers are read as kubectl's printer reads them: one that exited 0
 * is done, and so is a native sidecar (an init container with `restartPolicy: Always`) once it has
 * started; the first other one names the status (`Init:1/3`, `Init:CrashLoopBackOff`), unless
 * the pod's Initialized condition is already True. Sidecars count in the ready/total and
 * restart figures, as in `kubectl get pods`.
 */
export function podSummary(pod: KubeObject): PodSummary {
  const st = (pod.status ?? {}) as PodStatusJson;
  const cs = st.containerStatuses ?? [];
  const ics = st.initContainerStatuses ?? [];
  const spec = (pod.spec ?? {}) as { containers?: unknown[]; initContainers?: { name: string; restartPolicy?: string }[] };
  const initSpecs = spec.initContainers ?? [];
  const sidecars = new Set(initSpecs.filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  const sidecarStatuses = ics.filter((c) => sidecars.has(c.name));
  const total = Math.max(cs.length, (spec.containers ?? []).length) + sidecars.size;
  const ready = cs.filter((c) => c.ready).length + sidecarStatuses.filter((c) => c.started && c.ready).length;
  const restarts = [...cs, ...ics].reduce((n, c) => n + (c.restartCount ?? 0), 0);
  const base = { ready, total, restarts };

  if (pod.metadata.deletionTimestamp) {
    return { ...base, status: st.reason === 'NodeLost' ? 'Unknown' : 'Terminating', severity: 'progress', detail: 'Being deleted.' };
  }
  if (st.reason === 'Evicted') return { ...base, status: 'Evicted', severity: 'error', detail: st.message };
  if (st.phase === 'Failed' && st.reason) return { ...base, status: st.reason, severity: 'error', detail: st.message };

  const initialized = (st.conditions ?? []).some((c) => c.type === 'Initialized' && c.status === 'True');
  const init = initStatus(ics, sidecars, initSpecs.length || ics.length, base);
  if (init && !initialized) return init;

  // The most telling container state wins: errors before progress.
  let found: PodSummary | undefined;
  for (const c of cs) {
    const w = c.state?.waiting;
    const t = c.state?.terminated;
    const last = c.lastState?.terminated;
    let s: PodSummary | undefined;
    if (w?.reason === 'CrashLoopBackOff' && last?.reason === 'OOMKilled') {
      s = {
        ...base,
        status: 'OOMKilled',
        severity: 'error',
        detail: `Container ${c.name} was OOMKilled (exit ${last.exitCode ?? 137}) and is in CrashLoopBackOff.`,
      };
    } else if (w?.reason && WAITING_ERRORS.has(w.reason)) {
      const why = last?.reason ? ` Last exit: ${last.reason} (exit ${last.exitCode ?? '?'}).` : '';
      s = {
        ...base,
        status: w.reason,
        severity: 'error',
        detail: `${w.message ?? `Container ${c.name}: ${w.reason}.`}${w.reason === 'CrashLoopBackOff' ? why : ''}`,
      };
    } else if (t?.reason === 'OOMKilled') {
      s = { ...base, status: 'OOMKilled', severity: 'error', detail: `Container ${c.name} was OOMKilled (exit ${t.exitCode ?? 137}).` };
    } else if (t && t.exitCode !== 0) {
      s = { ...base, status: t.reason || 'Error', severity: 'error', detail: `Container ${c.name} exited with code ${t.exitCode ?? '?'}.` };
    } else if (w?.reason) {
      s = { ...base, status: w.reason, severity: 'progress', detail: w.message };
    }
    if (s && (!found || (found.severity !== 'error' && s.severity === 'error'))) found = s;
  }
  if (found) return found;

  switch (st.phase) {
    case 'Succeeded':
      return { ...base, status: 'Completed', severity: 'done' };
    case 'Running': {
      if (ready < total) return { ...base, status: 'Running', severity: 'warning', detail: `${ready}/${total} containers ready.` };
      return { ...base, status: 'Running', severity: 'ok' };
    }
    case 'Failed':
      return { ...base, status: 'Failed', severity: 'error', detail: st.message };
    case 'Pending':
      return { ...base, status: 'Pending', severity: 'progress', detail: st.message ?? pendingReason(pod) };
    default:
      return { ...base, status: st.phase ?? 'Unknown', severity: 'warning' };
  }
}

function pendingReason(pod: KubeObject): string | undefined {
  const conds = (
    (pod.status as { conditions?: { type: string; status: string; reason?: string; message?: string }[] } | undefined)?.conditions ?? []
  ).filter((c) => c.status === 'False');
  return conds.find((c) => c.type === 'PodScheduled')?.message ?? conds[0]?.message;
}

/** One container's state as a line of text. */
export interface ContainerSummary {
  name: string;
  init: boolean;
  state: string;
  severity: Severity;
  ready: boolean;
  restarts: number;
  image?: string;
  /** The last termination ("OOMKilled, exit 137"), when the container has restarted. */
  lastTermination?: string;
}

function describeState(s: ContainerState | undefined): { state: string; severity: Severity } {
  if (s?.running) return { state: 'running', severity: 'ok' };
  if (s?.waiting) {
    const r = s.waiting.reason ?? 'waiting';
    return { state: `waiting: ${r}`, severity: WAITING_ERRORS.has(r) ? 'error' : 'progress' };
  }
  if (s?.terminated) {
    const t = s.terminated;
    return { state: `terminated: ${t.reason ?? 'Unknown'} (exit ${t.exitCode ?? '?'})`, severity: t.exitCode === 0 ? 'done' : 'error' };
  }
  return { state: 'unknown', severity: 'warning' };
}

/** The pod's containers (init containers first), with state, restarts and last termination. */
export function containerSummaries(pod: KubeObject): ContainerSummary[] {
  const spec = (pod.spec ?? {}) as { containers?: { name: string; image?: string }[]; initContainers?: { name: string; image?: string }[] };
  const st = (pod.status ?? {}) as PodStatusJson;
  const out: ContainerSummary[] = [];
  const add = (specs: { name: string; image?: string }[] | undefined, statuses: ContainerStatus[] | undefined, init: boolean): void => {
    for (const c of specs ?? []) {
      const s = statuses?.find((x) => x.name === c.name);
      const d = describeState(s?.state);
      const last = s?.lastState?.terminated;
      out.push({
        name: c.name,
        init,
        ...d,
        ready: s?.ready ?? false,
        restarts: s?.restartCount ?? 0,
        image: s?.image ?? c.image,
        lastTermination: last ? `${last.reason ?? 'Unknown'}, exit ${last.exitCode ?? '?'}` : undefined,
      });
    }
  };
  add(spec.initContainers, st.initContainerStatuses, true);
  add(spec.containers, st.containerStatuses, false);
  return out;
}

/** Ready count of a workload ("2/3") and whether it is healthy. */
export interface WorkloadSummary {
  ready: number;
  desired: number;
  text: string;
  severity: Severity;
}

/** Ready counts for Deployments, StatefulSets, ReplicaSets, DaemonSets, Jobs and CronJobs. */
export function workloadSummary(obj: KubeObject): WorkloadSummary | undefined {
  const spec = (obj.spec ?? {}) as { replicas?: number; completions?: number; suspend?: boolean; parallelism?: number };
  const st = (obj.status ?? {}) as {
    readyReplicas?: number;
    replicas?: number;
    numberReady?: number;
    desiredNumberScheduled?: number;
    succeeded?: number;
    failed?: number;
    active?: number | unknown[];
    conditions?: { type: string; status: string }[];
  };
  const sev = (ready: number, desired: number): Severity => (ready >= desired ? 'ok' : ready === 0 && desired > 0 ? 'error' : 'warning');
  switch (obj.kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet': {
      const desired = spec.replicas ?? 1;
      const ready = st.readyReplicas ?? 0;
      return { ready, desired, text: `${ready}/${desired}`, severity: desired === 0 ? 'done' : sev(ready, desired) };
    }
    case 'DaemonSet': {
      const desired = st.desiredNumberScheduled ?? 0;
      const ready = st.numberReady ?? 0;
      return { ready, desired, text: `${ready}/${desired}`, severity: sev(ready, desired) };
    }
    case 'Job': {
      const desired = spec.completions ?? 1;
      const ready = st.succeeded ?? 0;
      const failed = (st.conditions ?? []).some((c) => c.type === 'Failed' && c.status === 'True');
      return { ready, desired, text: `${ready}/${desired}`, severity: failed ? 'error' : ready >= desired ? 'done' : 'progress' };
    }
    case 'CronJob': {
      const active = Array.isArray(st.active) ? st.active.length : 0;
      return {
        ready: active,
        desired: 0,
        text: spec.suspend ? 'suspended' : `${active} active`,
        severity: spec.suspend ? 'warning' : 'ok',
      };
    }
    default:
      return undefined;
  }
}

/** The label selector of a workload or Service as a query string (`a=b,c=d`), if it has one. */
export function selectorOf(obj: KubeObject): string | undefined {
  const spec = (obj.spec ?? {}) as {
    selector?:
      | { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] }
      | Record<string, string>;
    jobTemplate?: unknown;
  };
  const sel = spec.selector;
  if (!sel) return undefined;
  if (obj.kind === 'Service') return toSelector(sel as Record<string, string>);
  const ls = sel as { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };
  const terms: string[] = [];
  if (ls.matchLabels) terms.push(toSelector(ls.matchLabels));
  for (const e of ls.matchExpressions ?? []) {
    const vals = (e.values ?? []).join(',');
    if (e.operator === 'In') terms.push(`${e.key} in (${vals})`);
    else if (e.operator === 'NotIn') terms.push(`${e.key} notin (${vals})`);
    else if (e.operator === 'Exists') terms.push(e.key);
    else if (e.operator === 'DoesNotExist') terms.push(`!${e.key}`);
  }
  const s = terms.filter(Boolean).join(',');
  return s || undefined;
}

function toSelector(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** The status while init containers run, or undefined when they are done. */
function initStatus(
  ics: ContainerStatus[],
  sidecars: Set<string>,
  count: number,
  base: Pick<PodSummary, 'ready' | 'total' | 'restarts'>,
): PodSummary | undefined {
  for (const [i, ic] of ics.entries()) {
    const t = ic.state?.terminated;
    if (t && t.exitCode === 0) continue;
    if (sidecars.has(ic.name) && ic.started) continue;
    if (t)
      return {
        ...base,
        status: `Init:${t.reason || (t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode}`)}`,
        severity: 'error',
        detail: t.message,
      };
    const w = ic.state?.waiting?.reason;
    if (w && w !== 'PodInitializing') {
      return { ...base, status: `Init:${w}`, severity: WAITING_ERRORS.has(w) ? 'error' : 'progress', detail: ic.state?.waiting?.message };
    }
    return { ...base, status: `Init:${i}/${count}`, severity: 'progress' };
  }
  return undefined;
}

/**
 * Whether labels satisfy a label selector in its query form: `k=v`, `k==v`, `k!=v`,
 * `k in (a,b)`, `k notin (a,b)`, `k` and `!k`, comma-separated (commas inside parentheses
 * belong to the set). A term it cannot read matches nothing.
 */
export function matchesSelector(labels: Record<string, string> | undefined, selector: string): boolean {
  const terms: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= selector.length; i++) {
    const ch = selector[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if ((ch === ',' && depth === 0) || ch === undefined) {
      terms.push(selector.slice(start, i).trim());
      start = i + 1;
    }
  }
  return terms.filter(Boolean).every((term) => {
    const set = /^([^\s!=(),]+)\s+(in|notin)\s*\(([^()]*)\)$/.exec(term);
    if (set) {
      const value = labels?.[set[1]];
      const inSet = value !== undefined && set[3].split(',').some((v) => v.trim() === value);
      return set[2] === 'in' ? inSet : !inSet;
    }
    const cmp = /^([^\s!=(),]+)\s*(==|=|!=)\s*([^\s!=(),]*)$/.exec(term);
    if (cmp) return cmp[2] === '!=' ? labels?.[cmp[1]] !== cmp[3] : labels?.[cmp[1]] === cmp[3];
    const exists = /^(!?)\s*([^\s!=(),]+)$/.exec(term);
    if (exists) return (labels !== undefined && exists[2] in labels) !== (exists[1] === '!');
    return false;
  });
}
