/**
 * "Diagnose pod": the triage engineers do by hand — status, then events, then logs (the previous
 * container when it restarted), then the spec and what it refers to — gathered through the API
 * and turned into findings that name the likely cause and the next step. {@link gatherDiagnosis}
 * does the reading; {@link classifyPod} is pure; {@link diagnosisMarkdown} renders the report.
 */
import { stringify as toYaml } from 'yaml';
import type { ApiClient, KubeObject } from '../api';
import { ApiError, toProblem } from '../errors';
import { podSummary, type ContainerStatus, type PodSummary } from '../status';
import { ago, cell, eventsMarkdown, objectEvents, type EventRow } from './events';
import { getObject, listObjects } from './objects';
import { formatBytes, formatCpu, parseQuantity } from './quantity';

/** The cause a finding names. */
export type DiagnosisCause =
  | 'Evicted'
  | 'OOMKilled'
  | 'CrashLoopBackOff'
  | 'ImagePull'
  | 'CreateContainerConfigError'
  | 'StartupProbe'
  | 'LivenessProbe'
  | 'ReadinessProbe'
  | 'Unschedulable'
  | 'UnboundPVC'
  | 'InsufficientResources'
  | 'Taints'
  | 'NodeSelector'
  | 'VolumeNodeAffinity'
  | 'VolumeMount'
  | 'Pending'
  | 'ContainerError'
  | 'Healthy';

/** One conclusion: the cause, what shows it, and what to do. */
export interface DiagnosisFinding {
  cause: DiagnosisCause;
  container?: string;
  /** One line: the likely cause, specific ("container app hit its memory limit 128Mi"). */
  title: string;
  evidence: string[];
  /** What to do next, most useful first. */
  next: string[];
}

/** A container's log as read for the report. */
export interface DiagnosisLog {
  container: string;
  previous: boolean;
  lines: string[];
  /** Why it could not be read, when it could not. */
  error?: string;
}

/** A ConfigMap/Secret the pod refers to, and whether it (and the key) exists. */
export interface ConfigRef {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  key?: string;
  optional: boolean;
  /** Where the pod refers to it ("env DB_PASSWORD of app", "volume config"). */
  from: string;
  exists: boolean | undefined;
  keyExists?: boolean;
}

/** Everything the classification looks at. */
export interface DiagnosisInput {
  pod: KubeObject;
  events: EventRow[];
  logs: DiagnosisLog[];
  configRefs: ConfigRef[];
  /** The pod's PersistentVolumeClaims (those that could be read). */
  pvcs: KubeObject[];
  /** The cluster's nodes, when they could be listed (RBAC often forbids it). */
  nodes?: KubeObject[];
  /** Secrets named in `imagePullSecrets`: name → exists. */
  pullSecrets: Record<string, boolean | undefined>;
  /** What could not be read, as sentences. */
  notes: string[];
}

/** The result of a diagnosis. */
export interface Diagnosis {
  input: DiagnosisInput;
  summary: PodSummary;
  findings: DiagnosisFinding[];
}

interface ContainerSpec {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  resources?: { limits?: Record<string, string>; requests?: Record<string, string> };
  env?: {
    name: string;
    valueFrom?: {
      configMapKeyRef?: { name: string; key: string; optional?: boolean };
      secretKeyRef?: { name: string; key: string; optional?: boolean };
    };
  }[];
  envFrom?: { configMapRef?: { name: string; optional?: boolean }; secretRef?: { name: string; optional?: boolean } }[];
  livenessProbe?: ProbeSpec;
  readinessProbe?: ProbeSpec;
  startupProbe?: ProbeSpec;
}

interface ProbeSpec {
  httpGet?: { path?: string; port?: number | string };
  tcpSocket?: { port?: number | string };
  exec?: { command?: string[] };
  grpc?: { port?: number };
  initialDelaySeconds?: number;
  periodSeconds?: number;
  failureThreshold?: number;
  timeoutSeconds?: number;
}

interface PodSpec {
  containers?: ContainerSpec[];
  initContainers?: ContainerSpec[];
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  tolerations?: { key?: string; operator?: string; value?: string; effect?: string }[];
  imagePullSecrets?: { name: string }[];
  volumes?: {
    name: string;
    configMap?: { name: string; optional?: boolean; items?: { key: string }[] };
    secret?: { secretName: string; optional?: boolean; items?: { key: string }[] };
    persistentVolumeClaim?: { claimName: string };
    projected?: {
      sources?: {
        configMap?: { name: string; optional?: boolean; items?: { key: string }[] };
        secret?: { name: string; optional?: boolean; items?: { key: string }[] };
      }[];
    };
  }[];
}

function specOf(pod: KubeObject): PodSpec {
  return (pod.spec ?? {}) as PodSpec;
}

function statusesOf(pod: KubeObject): ContainerStatus[] {
  const st = (pod.status ?? {}) as { containerStatuses?: ContainerStatus[]; initContainerStatuses?: ContainerStatus[] };
  return [...(st.initContainerStatuses ?? []), ...(st.containerStatuses ?? [])];
}

function allContainers(pod: KubeObject): ContainerSpec[] {
  const s = specOf(pod);
  return [...(s.initContainers ?? []), ...(s.containers ?? [])];
}

/** The ConfigMaps and Secrets a pod refers to (env, envFrom, volumes), without duplicates. */
export function configReferences(pod: KubeObject): Omit<ConfigRef, 'exists' | 'keyExists'>[] {
  const out: Omit<ConfigRef, 'exists' | 'keyExists'>[] = [];
  const add = (r: Omit<ConfigRef, 'exists' | 'keyExists'>): void => {
    if (!out.some((x) => x.kind === r.kind && x.name === r.name && x.key === r.key)) out.push(r);
  };
  for (const c of allContainers(pod)) {
    for (const e of c.env ?? []) {
      const cm = e.valueFrom?.configMapKeyRef;
      const sk = e.valueFrom?.secretKeyRef;
      if (cm) add({ kind: 'ConfigMap', name: cm.name, key: cm.key, optional: cm.optional ?? false, from: `env ${e.name} of ${c.name}` });
      if (sk) add({ kind: 'Secret', name: sk.name, key: sk.key, optional: sk.optional ?? false, from: `env ${e.name} of ${c.name}` });
    }
    for (const f of c.envFrom ?? []) {
      if (f.configMapRef)
        add({ kind: 'ConfigMap', name: f.configMapRef.name, optional: f.configMapRef.optional ?? false, from: `envFrom of ${c.name}` });
      if (f.secretRef)
        add({ kind: 'Secret', name: f.secretRef.name, optional: f.secretRef.optional ?? false, from: `envFrom of ${c.name}` });
    }
  }
  for (const v of specOf(pod).volumes ?? []) {
    if (v.configMap) {
      const keys = v.configMap.items?.map((i) => i.key) ?? [undefined];
      for (const key of keys)
        add({ kind: 'ConfigMap', name: v.configMap.name, key, optional: v.configMap.optional ?? false, from: `volume ${v.name}` });
    }
    if (v.secret) {
      const keys = v.secret.items?.map((i) => i.key) ?? [undefined];
      for (const key of keys)
        add({ kind: 'Secret', name: v.secret.secretName, key, optional: v.secret.optional ?? false, from: `volume ${v.name}` });
    }
    // A projected volume (the service account token volume among them) mounts several sources at once.
    for (const src of v.projected?.sources ?? []) {
      for (const [kind, ref] of [
        ['ConfigMap', src.configMap],
        ['Secret', src.secret],
      ] as const) {
        if (!ref) continue;
        for (const key of ref.items?.map((i) => i.key) ?? [undefined])
          add({ kind, name: ref.name, key, optional: ref.optional ?? false, from: `volume ${v.name}` });
      }
    }
  }
  return out;
}

async function exists(api: ApiClient, kind: string, ns: string, name: string): Promise<KubeObject | null | undefined> {
  try {
    return await getObject(api, { kind, namespace: ns, name });
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    return undefined;
  }
}

/** Reads a log (tail), never throwing: a failure becomes `error`. */
async function readLog(
  api: ApiClient,
  ns: string,
  pod: string,
  container: string,
  previous: boolean,
  tailLines: number,
): Promise<DiagnosisLog> {
  const path =
    `/api/v1/namespaces/${encodeURIComponent(ns)}/pods/${encodeURIComponent(pod)}/log?` +
    new URLSearchParams({ container, tailLines: String(tailLines), ...(previous ? { previous: 'true' } : {}) }).toString();
  const lines: string[] = [];
  try {
    const s = await api.streamLines(path, (l) => lines.push(l), { timeoutMs: 10_000 });
    const how = await s.ended;
    if (how instanceof Error) return { container, previous, lines, error: how.message };
    return { container, previous, lines };
  } catch (e) {
    return { container, previous, lines, error: toProblem(e).message };
  }
}

/** Reads what a diagnosis needs, in the order a person would: status, events, logs, spec references. */
export async function gatherDiagnosis(
  api: ApiClient,
  namespace: string,
  name: string,
  opts: { tailLines?: number } = {},
): Promise<Diagnosis> {
  const pod = await getObject(api, { kind: 'Pod', namespace, name });
  pod.kind ??= 'Pod';
  const notes: string[] = [];
  let events: EventRow[] = [];
  try {
    events = await objectEvents(api, namespace, 'Pod', name);
  } catch (e) {
    notes.push(`Events could not be read: ${toProblem(e).message}`);
  }
  const tail = opts.tailLines ?? 40;
  const logs: DiagnosisLog[] = [];
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  for (const cs of statusesOf(pod)) {
    if ((cs.restartCount ?? 0) > 0 || cs.lastState?.terminated) logs.push(await readLog(api, namespace, name, cs.name, true, tail));
    if (cs.state?.running || cs.state?.terminated) logs.push(await readLog(api, namespace, name, cs.name, false, tail));
  }
  if (phase === 'Pending' && !statusesOf(pod).length) notes.push('No container has started yet, so there are no logs.');

  const configRefs: ConfigRef[] = [];
  const cache = new Map<string, KubeObject | null | undefined>();
  for (const r of configReferences(pod)) {
    const k = `${r.kind}/${r.name}`;
    if (!cache.has(k)) cache.set(k, await exists(api, r.kind, namespace, r.name));
    const obj = cache.get(k);
    const data = obj
      ? {
          ...(obj.data ?? {}),
          ...((obj as { binaryData?: Record<string, string> }).binaryData ?? {}),
          ...((obj as { stringData?: Record<string, string> }).stringData ?? {}),
        }
      : {};
    configRefs.push({
      ...r,
      exists: obj === undefined ? undefined : obj !== null,
      keyExists: r.key && obj ? r.key in data : undefined,
    });
  }
  const pvcs: KubeObject[] = [];
  for (const v of specOf(pod).volumes ?? []) {
    if (!v.persistentVolumeClaim) continue;
    const pvc = await exists(api, 'PersistentVolumeClaim', namespace, v.persistentVolumeClaim.claimName);
    if (pvc) pvcs.push(pvc);
    else if (pvc === null)
      pvcs.push({
        kind: 'PersistentVolumeClaim',
        metadata: { name: v.persistentVolumeClaim.claimName, namespace },
        status: { phase: 'Missing' },
      });
  }
  const pullSecrets: Record<string, boolean | undefined> = {};
  for (const s of specOf(pod).imagePullSecrets ?? []) {
    const o = await exists(api, 'Secret', namespace, s.name);
    pullSecrets[s.name] = o === undefined ? undefined : o !== null;
  }
  let nodes: KubeObject[] | undefined;
  if (phase === 'Pending' && !specOf(pod).nodeName) {
    try {
      nodes = await listObjects(api, 'Node', undefined);
    } catch (e) {
      notes.push(`Nodes could not be listed (${toProblem(e).message}); the scheduling analysis relies on events only.`);
    }
  }
  const input: DiagnosisInput = { pod, events, logs, configRefs, pvcs, nodes, pullSecrets, notes };
  return { input, summary: podSummary(pod), findings: classifyPod(input) };
}

/** `registry/repo:tag` → its parts (digest references keep the digest as the tag). */
export function splitImage(image: string): { repository: string; tag: string; registry: string } {
  const at = image.indexOf('@');
  let repository = at >= 0 ? image.slice(0, at) : image;
  let tag = at >= 0 ? image.slice(at + 1) : '';
  if (!tag) {
    const colon = repository.lastIndexOf(':');
    if (colon > repository.lastIndexOf('/')) {
      tag = repository.slice(colon + 1);
      repository = repository.slice(0, colon);
    } else tag = 'latest (implicit)';
  }
  const first = repository.split('/')[0];
  const registry = repository.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost') ? first : 'docker.io';
  return { repository, tag, registry };
}

const EXIT_MEANING: Record<number, string> = {
  1: 'the application failed (a general error: read the previous log)',
  2: 'the shell or program was misused (bad arguments)',
  126: 'the command is not executable (permissions or wrong file)',
  127: 'the command was not found in the image (check `command`/`args` and the image entrypoint)',
  128: 'an invalid exit argument',
  134: 'the process aborted (SIGABRT)',
  137: 'the process was killed (SIGKILL) — by the OOM killer or after a failed liveness probe',
  139: 'the process crashed with a segmentation fault (SIGSEGV)',
  143: 'the process was terminated (SIGTERM) and exited',
};

function probeText(p: ProbeSpec | undefined): string {
  if (!p) return 'none';
  const how = p.httpGet
    ? `HTTP GET ${p.httpGet.path ?? '/'} on port ${p.httpGet.port}`
    : p.tcpSocket
      ? `TCP port ${p.tcpSocket.port}`
      : p.exec
        ? `exec \`${(p.exec.command ?? []).join(' ')}\``
        : p.grpc
          ? `gRPC port ${p.grpc.port}`
          : 'unknown handler';
  return `${how} (initialDelaySeconds ${p.initialDelaySeconds ?? 0}, periodSeconds ${p.periodSeconds ?? 10}, timeoutSeconds ${p.timeoutSeconds ?? 1}, failureThreshold ${p.failureThreshold ?? 3})`;
}

function lastLines(input: DiagnosisInput, container: string, previous: boolean, n = 3): string[] {
  const log = input.logs.find((l) => l.container === container && l.previous === previous);
  return (log?.lines ?? []).filter((l) => l.trim()).slice(-n);
}

function warnings(input: DiagnosisInput, reason: RegExp, message?: RegExp): EventRow[] {
  return input.events.filter((e) => e.warning && reason.test(e.reason) && (!message || message.test(e.message)));
}

function quote(s: string): string {
  return `“${s.length > 300 ? `${s.slice(0, 300)}…` : s}”`;
}

/** Classifies the pod from what was gathered: the findings, most likely cause first. */
export function classifyPod(input: DiagnosisInput): DiagnosisFinding[] {
  const { pod } = input;
  const st = (pod.status ?? {}) as {
    phase?: string;
    reason?: string;
    message?: string;
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
  };
  const spec = specOf(pod);
  const findings: DiagnosisFinding[] = [];

  if (st.reason === 'Evicted') {
    const m = st.message ?? '';
    const resource = /low on resource: ([\w-]+)/.exec(m)?.[1];
    findings.push({
      cause: 'Evicted',
      title: `The kubelet evicted the pod${resource ? ` because the node ran low on ${resource}` : ''}.`,
      evidence: [m ? `Status message: ${quote(m)}` : 'status.reason is Evicted.'],
      next: [
        resource === 'memory' || resource === 'ephemeral-storage'
          ? `Set ${resource} requests close to the real usage (pods using more than they request are evicted first), and limit ${resource === 'memory' ? 'memory' : 'local disk writes (logs, emptyDir)'}.`
          : "Check the node's pressure conditions and set requests close to the real usage.",
        'Evicted pods are not restarted: the controller has already made a replacement; delete the evicted pod to clean up.',
      ],
    });
    return findings;
  }

  const containers = allContainers(pod);
  for (const cs of statusesOf(pod)) {
    const c = containers.find((x) => x.name === cs.name);
    const w = cs.state?.waiting;
    const term = cs.state?.terminated;
    const last = cs.lastState?.terminated;
    const oom = term?.reason === 'OOMKilled' ? term : last?.reason === 'OOMKilled' ? last : undefined;
    if (oom) {
      const limit = c?.resources?.limits?.memory;
      const request = c?.resources?.requests?.memory;
      findings.push({
        cause: 'OOMKilled',
        container: cs.name,
        title: limit
          ? `Container ${cs.name} was OOMKilled: it hit its memory limit of ${limit}.`
          : `Container ${cs.name} was OOMKilled with no memory limit set: the node ran out of memory.`,
        evidence: [
          `Last termination: OOMKilled, exit code ${oom.exitCode ?? 137}${oom.finishedAt ? `, ${oom.finishedAt}` : ''}.`,
          `Restarts: ${cs.restartCount ?? 0}.`,
          `resources: limits.memory ${limit ?? 'not set'}, requests.memory ${request ?? 'not set'}.`,
          ...lastLines(input, cs.name, true).map((l) => `Previous log: ${quote(l)}`),
        ],
        next: [
          limit
            ? `Raise limits.memory above ${limit} (e.g. ${formatBytes((parseQuantity(limit) ?? 0) * 1.5)}) if the workload needs it, or find the leak.`
            : 'Set a memory limit and request that match the real usage, so the pod is not the one the node kills.',
          'Make runtime heap settings fit inside the limit (JVM -XX:MaxRAMPercentage, Node --max-old-space-size, GOMEMLIMIT).',
        ],
      });
      continue;
    }
    if (w && /ImagePullBackOff|ErrImagePull|InvalidImageName|ErrImageNeverPull/.test(w.reason ?? '')) {
      const image = c?.image ?? cs.image ?? '?';
      const { repository, tag, registry } = splitImage(image);
      const pulls = warnings(input, /Failed|BackOff|InspectFailed/, new RegExp(`pull|image`, 'i'));
      const text = [w.message ?? '', ...pulls.map((e) => e.message)].join('\n');
      const secrets = Object.entries(input.pullSecrets);
      const next: string[] = [];
      let why = 'the image cannot be pulled';
      const auth = /unauthorized|denied|authentication required|authorization failed|forbidden|\b40[13]\b/i.test(text);
      if (/toomanyrequests|too many requests|\b429\b|pull rate limit/i.test(text)) {
        why =
          registry === 'docker.io'
            ? "Docker Hub's pull rate limit was reached (429 toomanyrequests)"
            : `the registry ${registry} rate-limited the pulls (429 Too Many Requests)`;
        next.push(
          registry === 'docker.io'
            ? 'Pull as a Docker Hub user (an imagePullSecrets entry for docker.io raises the limit), or mirror the image to your own registry or a pull-through cache.'
            : `Mirror the image or use a pull-through cache; the kubelet retries by itself once ${registry} accepts pulls again.`,
        );
      } else if (!auth && /not found|manifest unknown|does not exist/i.test(text)) {
        why = `the tag "${tag}" does not exist in ${repository}`;
        next.push(`Check that ${repository}:${tag} was pushed (typo in the tag? a CI build that did not publish?).`);
      } else if (auth) {
        why = `the registry ${registry} refused the credentials`;
        next.push(
          secrets.length
            ? `Check that the imagePullSecrets (${secrets.map(([n]) => n).join(', ')}) hold valid credentials for ${registry}.`
            : `Add an imagePullSecrets entry (a kubernetes.io/dockerconfigjson Secret for ${registry}) to the pod or its ServiceAccount.`,
        );
      } else if (/no such host|i\/o timeout|connection refused|dial tcp|TLS handshake/i.test(text)) {
        why = `the registry ${registry} is unreachable from the node`;
        next.push("Check the node's network path, DNS and any proxy or firewall to the registry.");
      } else if (w.reason === 'InvalidImageName') {
        why = `"${image}" is not a valid image reference`;
        next.push('Fix the image reference (lowercase repository, one tag, digest as sha256:…).');
      }
      for (const [n, ok] of secrets)
        if (ok === false) next.unshift(`The imagePullSecret "${n}" does not exist in ${pod.metadata.namespace}: create it.`);
      if (!next.length) next.push(`Pull ${image} by hand (\`docker pull\`) to see the registry's answer.`);
      findings.push({
        cause: 'ImagePull',
        container: cs.name,
        title: `Container ${cs.name} cannot start: ${why} (${w.reason}).`,
        evidence: [
          `Image ${image}: repository ${repository}, tag ${tag}, registry ${registry}.`,
          `imagePullSecrets: ${secrets.length ? secrets.map(([n, ok]) => `${n}${ok === false ? ' (missing!)' : ''}`).join(', ') : 'none'}.`,
          ...(w.message ? [`Waiting: ${quote(w.message)}`] : []),
          ...pulls.slice(-2).map((e) => `Event ${e.reason}: ${quote(e.message)}`),
        ],
        next,
      });
      continue;
    }
    if (w?.reason === 'CreateContainerConfigError' || w?.reason === 'CreateContainerError') {
      const mine = input.configRefs.filter((r) => !r.optional && (r.from.endsWith(` of ${cs.name}`) || r.from.startsWith('volume ')));
      const missing = mine
        .filter((r) => r.exists === false || r.keyExists === false)
        .sort((a, b) => Number(a.exists !== false) - Number(b.exists !== false));
      const described = missing.map((r) =>
        r.exists === false ? `${r.kind} "${r.name}" does not exist (${r.from})` : `${r.kind} "${r.name}" has no key "${r.key}" (${r.from})`,
      );
      findings.push({
        cause: 'CreateContainerConfigError',
        container: cs.name,
        title: missing.length
          ? `Container ${cs.name} cannot be created: ${described[0]}.`
          : `Container ${cs.name} cannot be created: ${w.message ?? w.reason}.`,
        evidence: [...(w.message ? [`Waiting: ${quote(w.message)}`] : []), ...described.map((d) => `${d}.`)],
        next: missing.length
          ? missing.map((r) =>
              r.exists === false
                ? `Create ${r.kind} ${r.name} in ${pod.metadata.namespace} (or mark the reference optional), then the kubelet retries by itself.`
                : `Add key "${r.key}" to ${r.kind} ${r.name}, or fix the key name in the pod spec.`,
            )
          : [
              'Check the ConfigMaps, Secrets and keys the container refers to, and the securityContext (e.g. runAsNonRoot with a root image).',
            ],
      });
      continue;
    }
    const startup = warnings(input, /Unhealthy/, /Startup probe failed/i);
    const startupKills = input.events.filter((e) => /failed startup probe/i.test(e.message));
    if (startup.length && ((cs.restartCount ?? 0) > 0 || startupKills.length)) {
      const p = c?.startupProbe;
      const budget = (p?.failureThreshold ?? 3) * (p?.periodSeconds ?? 10) + (p?.initialDelaySeconds ?? 0);
      findings.push({
        cause: 'StartupProbe',
        container: cs.name,
        title: `Container ${cs.name} is restarted because its startup probe does not succeed within ${budget} s.`,
        evidence: [
          `Startup probe: ${probeText(p)}.`,
          `Restarts: ${cs.restartCount ?? 0}.`,
          ...startup.slice(-2).map((e) => `Event (x${e.count}): ${quote(e.message)}`),
        ],
        next: [
          `If the app needs longer to start, raise the startup probe's failureThreshold (the budget is failureThreshold × periodSeconds, now ${budget} s); the app itself is not crashing.`,
          "Check that the probe's path and port match what the app serves once it is up (try it with a port-forward).",
        ],
      });
      continue;
    }
    const liveness = warnings(input, /Unhealthy/, /Liveness probe failed/i);
    const killed = warnings(input, /Killing/).concat(input.events.filter((e) => /failed liveness probe/i.test(e.message)));
    if (liveness.length && ((cs.restartCount ?? 0) > 0 || killed.length)) {
      findings.push({
        cause: 'LivenessProbe',
        container: cs.name,
        title: `Container ${cs.name} is restarted because its liveness probe fails.`,
        evidence: [
          `Liveness probe: ${probeText(c?.livenessProbe)}.`,
          `Restarts: ${cs.restartCount ?? 0}.`,
          ...liveness.slice(-2).map((e) => `Event (x${e.count}): ${quote(e.message)}`),
        ],
        next: [
          "Check that the probe's path and port match what the app serves (try it with a port-forward).",
          'If the app starts slowly, add a startupProbe or raise initialDelaySeconds instead of loosening the liveness probe.',
        ],
      });
      continue;
    }
    if (w?.reason === 'CrashLoopBackOff' || (last && last.exitCode !== 0 && (cs.restartCount ?? 0) > 0)) {
      const code = last?.exitCode;
      const meaning = code !== undefined ? EXIT_MEANING[code] : undefined;
      const prev = lastLines(input, cs.name, true, 5);
      findings.push({
        cause: 'CrashLoopBackOff',
        container: cs.name,
        title: `Container ${cs.name} keeps crashing${code !== undefined ? ` (exit code ${code}${meaning ? `: ${meaning}` : ''})` : ''}.`,
        evidence: [
          `Restarts: ${cs.restartCount ?? 0}; last termination: ${last?.reason ?? 'unknown'}, exit ${code ?? '?'}${last?.finishedAt ? `, ${last.finishedAt}` : ''}.`,
          ...(c?.command || c?.args ? [`Command: ${[...(c.command ?? []), ...(c.args ?? [])].join(' ')}`] : []),
          ...(prev.length ? prev.map((l) => `Previous log: ${quote(l)}`) : ['The previous container wrote no log lines.']),
        ],
        next: [
          prev.length
            ? "Read the previous container's log above: the last lines before the exit usually name the error."
            : 'The container exits before logging: check the command, entrypoint and required environment variables.',
          code === 127 || code === 126
            ? 'Fix `command`/`args` so they name a binary that exists in the image.'
            : 'Run the image locally with the same environment to reproduce.',
        ],
      });
      continue;
    }
    if (term && term.exitCode !== 0 && !w) {
      findings.push({
        cause: 'ContainerError',
        container: cs.name,
        title: `Container ${cs.name} exited with code ${term.exitCode ?? '?'}${term.reason ? ` (${term.reason})` : ''}.`,
        evidence: lastLines(input, cs.name, false, 5).map((l) => `Log: ${quote(l)}`),
        next: ['Read the log above for the error.'],
      });
      continue;
    }
    const readiness = warnings(input, /Unhealthy/, /Readiness probe failed/i);
    if (cs.state?.running && !cs.ready && (readiness.length || c?.readinessProbe)) {
      findings.push({
        cause: 'ReadinessProbe',
        container: cs.name,
        title: `Container ${cs.name} runs but is not ready: its readiness probe fails, so Services send it no traffic.`,
        evidence: [
          `Readiness probe: ${probeText(c?.readinessProbe)}.`,
          ...readiness.slice(-2).map((e) => `Event (x${e.count}): ${quote(e.message)}`),
        ],
        next: [
          "Check that the probe's path and port match what the app serves, and that its dependencies (database, config) are reachable.",
          "Follow the logs while the probe runs to see the app's side.",
        ],
      });
    }
  }
  if (findings.length) return findings;

  if (st.phase === 'Pending') return pendingFindings(input, spec, st.conditions ?? []);
  findings.push({
    cause: 'Healthy',
    title: st.phase === 'Succeeded' ? 'The pod completed successfully.' : 'No problem found: the pod is running and ready.',
    evidence: [`Phase ${st.phase ?? 'unknown'}.`],
    next: ['If the app still misbehaves, follow its logs or open a shell in the container.'],
  });
  return findings;
}

function pendingFindings(
  input: DiagnosisInput,
  spec: PodSpec,
  conditions: { type: string; status: string; reason?: string; message?: string }[],
): DiagnosisFinding[] {
  const out: DiagnosisFinding[] = [];
  const sched = conditions.find((c) => c.type === 'PodScheduled' && c.status === 'False');
  const failed = input.events.filter((e) => e.reason === 'FailedScheduling');
  const msg = failed.at(-1)?.message ?? sched?.message ?? '';
  const evidence = msg ? [`Scheduler: ${quote(msg)}`] : [];

  for (const pvc of input.pvcs) {
    const phase = (pvc.status as { phase?: string } | undefined)?.phase;
    if (phase === 'Bound') continue;
    const sc = (pvc.spec as { storageClassName?: string } | undefined)?.storageClassName;
    out.push({
      cause: 'UnboundPVC',
      title:
        phase === 'Missing'
          ? `The pod waits for PersistentVolumeClaim ${pvc.metadata.name}, which does not exist.`
          : `The pod waits for PersistentVolumeClaim ${pvc.metadata.name}, which is ${phase ?? 'not bound'}.`,
      evidence: [...evidence, `PVC ${pvc.metadata.name}: phase ${phase ?? '?'}, storageClassName ${sc ?? '(default)'}.`],
      next:
        phase === 'Missing'
          ? [`Create the PersistentVolumeClaim ${pvc.metadata.name} (or fix claimName).`]
          : [
              `Describe PVC ${pvc.metadata.name}: its events say why no volume was provisioned (no default StorageClass, a StorageClass "${sc ?? ''}" that does not exist, or WaitForFirstConsumer).`,
            ],
    });
  }

  if (/volume node affinity conflict/i.test(msg)) {
    const bound = input.pvcs.filter((p) => (p.spec as { volumeName?: string } | undefined)?.volumeName);
    out.push({
      cause: 'VolumeNodeAffinity',
      title: "The pod's PersistentVolume is pinned to nodes (usually a zone) where the pod cannot run: volume node affinity conflict.",
      evidence: [
        ...evidence,
        ...bound.map((p) => `PVC ${p.metadata.name} is bound to PersistentVolume ${(p.spec as { volumeName?: string }).volumeName}.`),
      ],
      next: [
        "Compare the PersistentVolume's nodeAffinity (`kubectl get pv <name> -o yaml`) with the nodes the pod may use (nodeSelector, affinity, taints): a node in that zone with room must exist.",
        'For new volumes, a StorageClass with volumeBindingMode: WaitForFirstConsumer creates them where the pod is scheduled.',
      ],
    });
  }

  const containers = spec.containers ?? [];
  const sum = (res: string): number =>
    containers.reduce((n, c) => n + (parseQuantity(c.resources?.requests?.[res] ?? c.resources?.limits?.[res]) ?? 0), 0);
  for (const res of ['cpu', 'memory'] as const) {
    const insufficient = new RegExp(`Insufficient ${res}`, 'i').test(msg);
    const want = sum(res);
    const fmt = res === 'cpu' ? formatCpu : formatBytes;
    const allocs = (input.nodes ?? []).map(
      (n) => parseQuantity((n.status as { allocatable?: Record<string, string> } | undefined)?.allocatable?.[res]) ?? 0,
    );
    const biggest = allocs.length ? Math.max(...allocs) : undefined;
    const tooBig = biggest !== undefined && want > biggest;
    if (!insufficient && !tooBig) continue;
    out.push({
      cause: 'InsufficientResources',
      title: tooBig
        ? `The pod requests ${fmt(want)} ${res}, more than any node can offer (largest allocatable: ${fmt(biggest!)}).`
        : `No node has ${fmt(want)} ${res} free for the pod's requests.`,
      evidence: [...evidence, `Requests: ${res} ${fmt(want)} in total over ${containers.length} container(s).`],
      next: tooBig
        ? [`Lower the ${res} requests, or add bigger nodes.`]
        : [`Lower the ${res} requests, free capacity (scale down other workloads), or let the cluster autoscaler add a node.`],
    });
  }

  // Extended resources (GPUs and other device-plugin resources), ephemeral storage, pod slots.
  for (const res of new Set([...msg.matchAll(/Insufficient ([\w./-]*\w)/g)].map((m) => m[1]))) {
    if (res === 'cpu' || res === 'memory') continue;
    const want = sum(res);
    const offered = (input.nodes ?? []).filter(
      (n) => (parseQuantity((n.status as { allocatable?: Record<string, string> } | undefined)?.allocatable?.[res]) ?? 0) > 0,
    );
    const none = input.nodes !== undefined && offered.length === 0;
    out.push({
      cause: 'InsufficientResources',
      title: none
        ? `No node offers ${res} at all; the pod requests ${want || 'some'}.`
        : `No node has ${want || 'enough'} ${res} free for the pod's requests.`,
      evidence: [...evidence, ...(input.nodes ? [`Nodes offering ${res}: ${offered.length} of ${input.nodes.length}.`] : [])],
      next: res.includes('/')
        ? [
            `Check that nodes with ${res} exist and that its device plugin runs there (\`kubectl describe node\` lists ${res} under Allocatable).`,
            'With a cluster autoscaler, check that a node group with this device can scale up; otherwise free devices held by other pods.',
          ]
        : [`Lower the pod's ${res} requests or free capacity on the nodes.`],
    });
  }

  const tolerates = (t: { key?: string; value?: string; effect?: string }): boolean =>
    (spec.tolerations ?? []).some(
      (tol) =>
        (tol.operator === 'Exists' && (!tol.key || tol.key === t.key)) ||
        (tol.key === t.key && (tol.value ?? '') === (t.value ?? '') && (!tol.effect || tol.effect === t.effect)),
    );
  const untolerated = new Map<string, string>();
  for (const n of input.nodes ?? []) {
    for (const t of (n.spec as { taints?: { key: string; value?: string; effect: string }[] } | undefined)?.taints ?? []) {
      if (t.effect !== 'PreferNoSchedule' && !tolerates(t))
        untolerated.set(`${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`, n.metadata.name);
    }
  }
  if (
    /untolerated taint|had taint/i.test(msg) ||
    (input.nodes?.length &&
      untolerated.size &&
      input.nodes.every((n) => ((n.spec as { taints?: unknown[] } | undefined)?.taints ?? []).length))
  ) {
    out.push({
      cause: 'Taints',
      title: `The nodes carry taints the pod does not tolerate${untolerated.size ? ` (${[...untolerated.keys()].join(', ')})` : ''}.`,
      evidence: [
        ...evidence,
        ...[...untolerated].map(([t, node]) => `Node ${node}: taint ${t}.`),
        `Pod tolerations: ${(spec.tolerations ?? []).length ? JSON.stringify(spec.tolerations) : 'none'}.`,
      ],
      next: ['Add a matching toleration to the pod if it belongs on those nodes, or schedule it on untainted nodes.'],
    });
  }

  const selector = spec.nodeSelector ?? {};
  // "volume node affinity conflict" is about the volume, not the pod's own node affinity.
  const podSelectorMsg = msg.replace(/volume node affinity conflict/gi, '');
  if (Object.keys(selector).length || /node affinity|node selector|didn't match/i.test(podSelectorMsg)) {
    const matching = (input.nodes ?? []).filter((n) => Object.entries(selector).every(([k, v]) => n.metadata.labels?.[k] === v));
    if (/didn't match|node affinity|node selector/i.test(podSelectorMsg) || (input.nodes && matching.length === 0)) {
      out.push({
        cause: 'NodeSelector',
        title: `No node matches the pod's nodeSelector/affinity${
          Object.keys(selector).length
            ? ` (${Object.entries(selector)
                .map(([k, v]) => `${k}=${v}`)
                .join(', ')})`
            : ''
        }.`,
        evidence: [
          ...evidence,
          input.nodes ? `Nodes with those labels: ${matching.length} of ${input.nodes.length}.` : 'Nodes could not be listed.',
        ],
        next: ['Fix the nodeSelector/affinity to labels your nodes have, or label a node (`kubectl label node …`).'],
      });
    }
  }
  if (/unbound immediate PersistentVolumeClaims/i.test(msg) && !out.some((f) => f.cause === 'UnboundPVC')) {
    out.push({
      cause: 'UnboundPVC',
      title: 'The pod waits for a PersistentVolumeClaim that is not bound.',
      evidence,
      next: ["Describe the pod's PVCs: their events say why no volume was provisioned."],
    });
  }
  if (!out.length && !sched && spec.nodeName) {
    // Scheduled, but the kubelet cannot set up a volume (a projected volume's missing ConfigMap or Secret, say).
    const missing = input.configRefs.filter(
      (r) => !r.optional && r.from.startsWith('volume ') && (r.exists === false || r.keyExists === false),
    );
    const mounts = input.events.filter((e) => e.reason === 'FailedMount');
    const first = missing[0];
    if (first || mounts.length) {
      const what = first
        ? `${first.from} cannot be mounted: ${first.kind} "${first.name}" ${first.exists === false ? 'does not exist' : `has no key "${first.key}"`}`
        : `a volume cannot be mounted`;
      out.push({
        cause: 'VolumeMount',
        title: `The pod is stuck before its containers start: ${what}.`,
        evidence: [
          ...missing.map(
            (r) => `${r.kind} "${r.name}"${r.key ? ` key "${r.key}"` : ''} (${r.from}): ${r.exists === false ? 'missing' : 'key missing'}.`,
          ),
          ...mounts.slice(-2).map((e) => `Event ${e.reason} (x${e.count}): ${quote(e.message)}`),
        ],
        next: first
          ? [
              first.exists === false
                ? `Create ${first.kind} ${first.name} in ${input.pod.metadata.namespace} (or mark the source optional); the kubelet retries the mount by itself.`
                : `Add key "${first.key}" to ${first.kind} ${first.name}, or fix the item's key in the volume.`,
            ]
          : ["Read the FailedMount event: it names the volume and the kubelet's error."],
      });
      return out;
    }
  }
  if (!out.length) {
    const scheduled = !sched && spec.nodeName;
    out.push({
      cause: sched ? 'Unschedulable' : 'Pending',
      title: scheduled
        ? `The pod is scheduled on ${spec.nodeName} but its containers have not started yet.`
        : 'The pod has not been scheduled yet.',
      evidence: [
        ...evidence,
        ...input.events
          .filter((e) => e.warning)
          .slice(-3)
          .map((e) => `Event ${e.reason}: ${quote(e.message)}`),
      ],
      next: scheduled
        ? ['Check the events for volume mounts (FailedMount) and image pulls; large images take a while.']
        : ["Read the scheduler's message above; it lists why each node was rejected."],
    });
  }
  return out;
}

function fence(text: string, lang = ''): string {
  const ticks = /```/.test(text) ? '````' : '```';
  return `${ticks}${lang}\n${text}\n${ticks}\n`;
}

/** The diagnosis as a Markdown report: the verdict first, then status, events, logs and spec. */
export function diagnosisMarkdown(d: Diagnosis, context: string, now = Date.now()): string {
  const { pod } = d.input;
  const spec = specOf(pod);
  const s = d.summary;
  const out: string[] = [];
  out.push(`# Diagnosis: Pod ${pod.metadata.namespace}/${pod.metadata.name}\n`);
  out.push(
    `Context \`${context}\` · **${s.status}** · ${s.ready}/${s.total} ready · ${s.restarts} restart${s.restarts === 1 ? '' : 's'}${spec.nodeName ? ` · node \`${spec.nodeName}\`` : ''}\n`,
  );
  d.findings.forEach((f, i) => {
    out.push(`## ${i === 0 ? 'Likely cause' : 'Also'}: ${f.title}\n`);
    if (f.evidence.length) out.push(f.evidence.map((e) => `- ${e}`).join('\n') + '\n');
    out.push(`**Next step${f.next.length > 1 ? 's' : ''}:**\n\n${f.next.map((n, j) => `${j + 1}. ${n}`).join('\n')}\n`);
  });
  out.push('## 1. Status\n');
  const conds = (
    (pod.status as { conditions?: { type: string; status: string; reason?: string; message?: string }[] } | undefined)?.conditions ?? []
  )
    .map((c) => `${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ''}`)
    .join(', ');
  out.push(`Phase ${(pod.status as { phase?: string } | undefined)?.phase ?? '?'}${conds ? `; conditions: ${conds}` : ''}.\n`);
  const statuses = statusesOf(pod);
  if (statuses.length) {
    out.push('| Container | State | Ready | Restarts | Last termination |\n|---|---|---|---|---|');
    for (const cs of statuses) {
      const st = cs.state?.running
        ? 'running'
        : cs.state?.waiting
          ? `waiting: ${cs.state.waiting.reason ?? ''}`
          : cs.state?.terminated
            ? `terminated: ${cs.state.terminated.reason ?? ''} (exit ${cs.state.terminated.exitCode ?? '?'})`
            : '?';
      const last = cs.lastState?.terminated;
      out.push(
        `| ${cell(cs.name)} | ${cell(st)} | ${cs.ready ? 'yes' : 'no'} | ${cs.restartCount ?? 0} | ${last ? cell(`${last.reason ?? '?'}, exit ${last.exitCode ?? '?'}${last.finishedAt ? `, ${ago(last.finishedAt, now)}` : ''}`) : ''} |`,
      );
    }
    out.push('');
  }
  out.push('## 2. Events\n');
  out.push(eventsMarkdown(d.input.events, now));
  out.push('## 3. Logs\n');
  if (!d.input.logs.length) out.push('_No logs read (no container has run yet)._\n');
  for (const l of d.input.logs) {
    out.push(`### ${l.container}${l.previous ? ' (previous container, before the last restart)' : ''}\n`);
    if (l.error) out.push(`_Could not read: ${l.error}_\n`);
    else out.push(l.lines.length ? fence(l.lines.join('\n'), 'text') : '_Empty._\n');
  }
  out.push('## 4. Spec\n');
  const view = {
    nodeName: spec.nodeName,
    nodeSelector: spec.nodeSelector,
    tolerations: spec.tolerations,
    imagePullSecrets: spec.imagePullSecrets,
    containers: allContainers(pod).map((c) => ({
      name: c.name,
      image: c.image,
      command: c.command,
      args: c.args,
      resources: c.resources,
      livenessProbe: c.livenessProbe,
      readinessProbe: c.readinessProbe,
      startupProbe: c.startupProbe,
      envFrom: c.envFrom,
    })),
    volumes: spec.volumes,
  };
  out.push(fence(toYaml(JSON.parse(JSON.stringify(view)) as unknown).trimEnd(), 'yaml'));
  if (d.input.configRefs.length) {
    out.push('Referenced configuration:\n');
    out.push(
      d.input.configRefs
        .map(
          (r) =>
            `- ${r.kind} \`${r.name}\`${r.key ? ` key \`${r.key}\`` : ''} (${r.from}): ${r.exists === undefined ? 'could not check' : !r.exists ? '**missing**' : r.keyExists === false ? '**key missing**' : 'ok'}${r.optional ? ', optional' : ''}`,
        )
        .join('\n') + '\n',
    );
  }
  if (d.input.notes.length) out.push(`## Notes\n\n${d.input.notes.map((n) => `- ${n}`).join('\n')}\n`);
  return out.join('\n');
}
