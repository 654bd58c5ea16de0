/** The kinds the explorer lists, and API paths for them; custom resources come from discovery. */
import type { ApiClient } from './api';
import { discoveryOf } from './discovery';

/** A listable resource type. */
export interface KindInfo {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  /** Display name in the tree. */
  title: string;
}

function k(group: string, version: string, kind: string, plural: string, title: string): KindInfo {
  return { group, version, kind, plural, namespaced: true, title };
}

/** Built-in namespaced kinds, in the order the tree shows them. */
export const BUILTIN_KINDS: readonly KindInfo[] = [
  k('apps', 'v1', 'Deployment', 'deployments', 'Deployments'),
  k('apps', 'v1', 'StatefulSet', 'statefulsets', 'StatefulSets'),
  k('apps', 'v1', 'DaemonSet', 'daemonsets', 'DaemonSets'),
  k('apps', 'v1', 'ReplicaSet', 'replicasets', 'ReplicaSets'),
  k('batch', 'v1', 'Job', 'jobs', 'Jobs'),
  k('batch', 'v1', 'CronJob', 'cronjobs', 'CronJobs'),
  k('', 'v1', 'Pod', 'pods', 'Pods'),
  k('', 'v1', 'Service', 'services', 'Services'),
  k('networking.k8s.io', 'v1', 'Ingress', 'ingresses', 'Ingresses'),
  k('', 'v1', 'ConfigMap', 'configmaps', 'ConfigMaps'),
  k('', 'v1', 'Secret', 'secrets', 'Secrets'),
  k('', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', 'PersistentVolumeClaims'),
  k('autoscaling', 'v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', 'HorizontalPodAutoscalers'),
  k('policy', 'v1', 'PodDisruptionBudget', 'poddisruptionbudgets', 'PodDisruptionBudgets'),
  k('networking.k8s.io', 'v1', 'NetworkPolicy', 'networkpolicies', 'NetworkPolicies'),
  k('', 'v1', 'ServiceAccount', 'serviceaccounts', 'ServiceAccounts'),
  k('', 'v1', 'Event', 'events', 'Events'),
];

/** Namespaces (cluster-scoped). */
export const NAMESPACE_KIND: KindInfo = {
  group: '',
  version: 'v1',
  kind: 'Namespace',
  plural: 'namespaces',
  namespaced: false,
  title: 'Namespaces',
};

/** Kinds whose objects have pods (expand to them). */
export const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);

/** The built-in kind with this name. */
export function builtinKind(kind: string): KindInfo | undefined {
  return kind === 'Namespace' ? NAMESPACE_KIND : BUILTIN_KINDS.find((x) => x.kind === kind);
}

/** `apiVersion` of a kind. */
export function apiVersionOf(k: Pick<KindInfo, 'group' | 'version'>): string {
  return k.group ? `${k.group}/${k.version}` : k.version;
}

/** The collection path (`/api/v1/namespaces/ns/pods`, `/apis/apps/v1/deployments`, …). */
export function collectionPath(k: KindInfo, namespace?: string): string {
  const base = k.group ? `/apis/${k.group}/${k.version}` : `/api/${k.version}`;
  return k.namespaced && namespace ? `${base}/namespaces/${encodeURIComponent(namespace)}/${k.plural}` : `${base}/${k.plural}`;
}

/** The object path. */
export function objectPath(k: KindInfo, namespace: string | undefined, name: string): string {
  return `${collectionPath(k, namespace)}/${encodeURIComponent(name)}`;
}

/**
 * API groups Kubernetes itself serves: their kinds are built into the explorer or are not for
 * browsing. Every other group, `*.k8s.io` ones included (Gateway API, snapshots, metrics), is
 * listed under Custom resources.
 */
const BUILTIN_GROUPS = new Set([
  '',
  'apps',
  'batch',
  'autoscaling',
  'policy',
  'networking.k8s.io',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'admissionregistration.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'internal.apiserver.k8s.io',
  'node.k8s.io',
  'scheduling.k8s.io',
  'resource.k8s.io',
  'storagemigration.k8s.io',
]);

/**
 * The kinds discovery lists outside Kubernetes' own groups (each group's preferred version;
 * listable; namespaced and cluster-scoped), grouped by API group and sorted. Groups whose
 * discovery fails are skipped.
 */
export async function discoverCustomKinds(api: ApiClient, signal?: AbortSignal): Promise<Map<string, KindInfo[]>> {
  const out = new Map<string, KindInfo[]>();
  for (const [group, resources] of await discoveryOf(api).preferred(signal)) {
    if (BUILTIN_GROUPS.has(group)) continue;
    const kinds = resources
      .filter((r) => r.verbs.includes('list'))
      .map(({ group: g, version, kind, plural, namespaced }) => ({ group: g, version, kind, plural, namespaced, title: kind }))
      .sort((a, b) => a.kind.localeCompare(b.kind));
    if (kinds.length) out.set(group, kinds);
  }
  return out;
}
