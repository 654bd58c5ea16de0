/**
 * "Top": CPU and memory use of pods and nodes from the metrics.k8s.io API (metrics-server). When
 * the API is not served the answer is one clear problem ("metrics-server not installed") instead
 * of an error per node.
 */
import type { ApiClient, KubeList, KubeObject } from '../api';
import { ApiError, ProblemError, toProblem } from '../errors';
import { formatBytes, formatCpu, parseQuantity } from './quantity';

/** Use of one pod or node: cores and bytes. */
export interface Usage {
  cpu: number;
  memory: number;
}

const BASE = '/apis/metrics.k8s.io/v1beta1';

function metricsProblem(e: unknown, server: string): ProblemError {
  if (e instanceof ApiError && e.status === 404)
    return new ProblemError({
      kind: 'not-found',
      status: 404,
      message: 'metrics-server not installed: the cluster does not serve metrics.k8s.io.',
      hint: "Install metrics-server (e.g. its Helm chart or your distribution's add-on) to see CPU and memory.",
    });
  if (e instanceof ApiError && e.status === 503)
    return new ProblemError({
      kind: 'server-error',
      status: 503,
      message: 'metrics-server is installed but not answering (metrics.k8s.io is unavailable).',
      hint: 'Check the metrics-server pod in kube-system; it needs a minute after start.',
    });
  return new ProblemError(toProblem(e, server));
}

function sumContainers(item: KubeObject): Usage {
  const containers = (item.containers as { usage?: Record<string, string> }[] | undefined) ?? [];
  const usages = item.usage ? [item.usage as Record<string, string>] : containers.map((c) => c.usage ?? {});
  return usages.reduce<Usage>((u, x) => ({ cpu: u.cpu + (parseQuantity(x.cpu) ?? 0), memory: u.memory + (parseQuantity(x.memory) ?? 0) }), {
    cpu: 0,
    memory: 0,
  });
}

/** Pod use in a namespace, by pod name. */
export async function podMetrics(api: ApiClient, namespace: string): Promise<Map<string, Usage>> {
  try {
    const list = await api.get<KubeList>(`${BASE}/namespaces/${encodeURIComponent(namespace)}/pods`, { timeoutMs: 5000 });
    return new Map(list.items.map((i) => [i.metadata.name, sumContainers(i)]));
  } catch (e) {
    throw metricsProblem(e, api.server);
  }
}

/** Node use, by node name. */
export async function nodeMetrics(api: ApiClient): Promise<Map<string, Usage>> {
  try {
    const list = await api.get<KubeList>(`${BASE}/nodes`, { timeoutMs: 5000 });
    return new Map(list.items.map((i) => [i.metadata.name, sumContainers(i)]));
  } catch (e) {
    throw metricsProblem(e, api.server);
  }
}

/** `cpu 250m · mem 128Mi`, with the share of `capacity` (node allocatable) when given. */
export function formatUsage(u: Usage, capacity?: { cpu?: string; memory?: string }): string {
  const pct = (used: number, cap: string | undefined): string => {
    const c = parseQuantity(cap);
    return c ? ` (${Math.round((used / c) * 100)}%)` : '';
  };
  return `cpu ${formatCpu(u.cpu)}${pct(u.cpu, capacity?.cpu)} · mem ${formatBytes(u.memory)}${pct(u.memory, capacity?.memory)}`;
}

/** Nodes with their use, for the explorer: name, description, and whether they are Ready. */
export interface NodeRow {
  name: string;
  ready: boolean;
  description: string;
  tooltip: string;
}

/** Lists nodes with their use; `metricsProblem` says why use is missing. */
export async function nodeRows(api: ApiClient): Promise<{ rows: NodeRow[]; metricsProblem?: string }> {
  const nodes = (await api.get<KubeList>('/api/v1/nodes')).items;
  let usage: Map<string, Usage> | undefined;
  let problem: string | undefined;
  try {
    usage = await nodeMetrics(api);
  } catch (e) {
    problem = e instanceof ProblemError ? e.problem.message : String(e);
  }
  const rows = nodes.map((n) => {
    const st = (n.status ?? {}) as {
      allocatable?: Record<string, string>;
      conditions?: { type: string; status: string }[];
      nodeInfo?: { kubeletVersion?: string };
    };
    const ready = st.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
    const u = usage?.get(n.metadata.name);
    const use = u ? formatUsage(u, st.allocatable) : problem ? 'no metrics' : 'no metrics yet';
    return {
      name: n.metadata.name,
      ready,
      description: `${ready ? 'Ready' : 'NotReady'} · ${use}`,
      tooltip: `allocatable cpu ${st.allocatable?.cpu ?? '?'}, memory ${st.allocatable?.memory ?? '?'}${st.nodeInfo?.kubeletVersion ? `\nkubelet ${st.nodeInfo.kubeletVersion}` : ''}${problem ? `\n${problem}` : ''}`,
    };
  });
  return { rows, metricsProblem: problem };
}

/** One pod's use, with its containers', as `kubectl top pod --containers` shows them. */
export interface PodUsageRow {
  name: string;
  usage: Usage;
  containers: { name: string; usage: Usage }[];
}

/** What to sort pods by (`kubectl top pod --sort-by`). */
export type UsageSort = 'cpu' | 'memory';

/**
 * The namespace's pods by use, heaviest first (ties by name), from metrics.k8s.io; throws the
 * metrics problem ("metrics-server not installed", "not answering") when there are no metrics.
 */
export async function topPods(api: ApiClient, namespace: string, sortBy: UsageSort = 'cpu'): Promise<PodUsageRow[]> {
  let list: KubeList;
  try {
    list = await api.get<KubeList>(`${BASE}/namespaces/${encodeURIComponent(namespace)}/pods`, { timeoutMs: 5000 });
  } catch (e) {
    throw metricsProblem(e, api.server);
  }
  const rows = list.items.map((i) => ({
    name: i.metadata.name,
    usage: sumContainers(i),
    containers: ((i.containers as { name: string; usage?: Record<string, string> }[] | undefined) ?? []).map((c) => ({
      name: c.name,
      usage: { cpu: parseQuantity(c.usage?.cpu) ?? 0, memory: parseQuantity(c.usage?.memory) ?? 0 },
    })),
  }));
  // Compared in nano-units: sums of decimal fractions (0.1 + 0.05) must tie with the same use written once (0.15).
  const key = (r: PodUsageRow): number => Math.round(r.usage[sortBy] * (sortBy === 'cpu' ? 1e9 : 1));
  return rows.sort((a, b) => key(b) - key(a) || a.name.localeCompare(b.name));
}

/** `topPods` as a Markdown table, with each pod's containers under it. */
export function topPodsMarkdown(rows: readonly PodUsageRow[], context: string, namespace: string, sortBy: UsageSort): string {
  const out = [
    `# Pods in ${namespace} by ${sortBy === 'cpu' ? 'CPU' : 'memory'}\n`,
    `Context \`${context}\`, from metrics.k8s.io (metrics-server).\n`,
    '| Pod | Container | CPU | Memory |',
    '|---|---|---:|---:|',
  ];
  for (const r of rows) {
    out.push(`| ${r.name} | | ${formatCpu(r.usage.cpu)} | ${formatBytes(r.usage.memory)} |`);
    if (r.containers.length > 1)
      for (const c of r.containers) out.push(`| | ${c.name} | ${formatCpu(c.usage.cpu)} | ${formatBytes(c.usage.memory)} |`);
  }
  if (!rows.length) out.push('| (no pod metrics yet) | | | |');
  return out.join('\n');
}
