/**
 * API versions Kubernetes has removed, as published in its deprecation guide: which release stopped
 * serving them, what replaces them and since when the replacement is available.
 */

/** One removed apiVersion of one kind. */
export interface Deprecation {
  readonly apiVersion: string;
  readonly kind: string;
  /** The minor release that no longer serves it, e.g. `1.22`. */
  readonly removedIn: string;
  /** The apiVersion to migrate to; undefined when the API was dropped without a replacement. */
  readonly replacement: string | undefined;
  /**
   * The minor release since which the replacement is served (before it there is nothing to migrate
   * to); for an API removed without replacement, the release that deprecated it.
   */
  readonly replacementSince: string;
  /** What changes beyond the apiVersion, for the message. */
  readonly note?: string;
}

function each(apiVersions: readonly string[], kinds: readonly string[], rest: Omit<Deprecation, 'apiVersion' | 'kind'>): Deprecation[] {
  return apiVersions.flatMap((apiVersion) => kinds.map((kind) => ({ apiVersion, kind, ...rest })));
}

/** The table, by removal release. */
export const DEPRECATIONS: readonly Deprecation[] = [
  // 1.16
  ...each(['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2'], ['Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet'], {
    removedIn: '1.16',
    replacement: 'apps/v1',
    replacementSince: '1.9',
    note: '`spec.selector` is required and immutable in apps/v1',
  }),
  ...each(['apps/v1beta1', 'apps/v1beta2'], ['ControllerRevision'], { removedIn: '1.16', replacement: 'apps/v1', replacementSince: '1.9' }),
  ...each(['extensions/v1beta1'], ['NetworkPolicy'], { removedIn: '1.16', replacement: 'networking.k8s.io/v1', replacementSince: '1.8' }),
  ...each(['extensions/v1beta1'], ['PodSecurityPolicy'], { removedIn: '1.16', replacement: 'policy/v1beta1', replacementSince: '1.10' }),
  // 1.22
  ...each(['admissionregistration.k8s.io/v1beta1'], ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], {
    removedIn: '1.22',
    replacement: 'admissionregistration.k8s.io/v1',
    replacementSince: '1.16',
    note: '`admissionReviewVersions` and `sideEffects` are required in v1',
  }),
  ...each(['apiextensions.k8s.io/v1beta1'], ['CustomResourceDefinition'], {
    removedIn: '1.22',
    replacement: 'apiextensions.k8s.io/v1',
    replacementSince: '1.16',
    note: 'v1 requires a structural schema per version under `spec.versions[*].schema`',
  }),
  ...each(['apiregistration.k8s.io/v1beta1'], ['APIService'], {
    removedIn: '1.22',
    replacement: 'apiregistration.k8s.io/v1',
    replacementSince: '1.10',
  }),
  ...each(['authentication.k8s.io/v1beta1'], ['TokenReview'], {
    removedIn: '1.22',
    replacement: 'authentication.k8s.io/v1',
    replacementSince: '1.6',
  }),
  ...each(
    ['authorization.k8s.io/v1beta1'],
    ['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SubjectAccessReview', 'SelfSubjectRulesReview'],
    { removedIn: '1.22', replacement: 'authorization.k8s.io/v1', replacementSince: '1.6' },
  ),
  ...each(['certificates.k8s.io/v1beta1'], ['CertificateSigningRequest'], {
    removedIn: '1.22',
    replacement: 'certificates.k8s.io/v1',
    replacementSince: '1.19',
    note: '`spec.signerName` is required in v1',
  }),
  ...each(['coordination.k8s.io/v1beta1'], ['Lease'], {
    removedIn: '1.22',
    replacement: 'coordination.k8s.io/v1',
    replacementSince: '1.14',
  }),
  ...each(['extensions/v1beta1', 'networking.k8s.io/v1beta1'], ['Ingress'], {
    removedIn: '1.22',
    replacement: 'networking.k8s.io/v1',
    replacementSince: '1.19',
    note: '`serviceName`/`servicePort` become `service.name`/`service.port`, `spec.backend` becomes `spec.defaultBackend`, and every path needs `pathType`',
  }),
  ...each(['networking.k8s.io/v1beta1'], ['IngressClass'], {
    removedIn: '1.22',
    replacement: 'networking.k8s.io/v1',
    replacementSince: '1.19',
  }),
  ...each(['rbac.authorization.k8s.io/v1beta1'], ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], {
    removedIn: '1.22',
    replacement: 'rbac.authorization.k8s.io/v1',
    replacementSince: '1.8',
  }),
  ...each(['scheduling.k8s.io/v1beta1'], ['PriorityClass'], {
    removedIn: '1.22',
    replacement: 'scheduling.k8s.io/v1',
    replacementSince: '1.14',
  }),
  ...each(['storage.k8s.io/v1beta1'], ['CSIDriver'], { removedIn: '1.22', replacement: 'storage.k8s.io/v1', replacementSince: '1.19' }),
  ...each(['storage.k8s.io/v1beta1'], ['CSINode'], { removedIn: '1.22', replacement: 'storage.k8s.io/v1', replacementSince: '1.17' }),
  ...each(['storage.k8s.io/v1beta1'], ['StorageClass'], { removedIn: '1.22', replacement: 'storage.k8s.io/v1', replacementSince: '1.6' }),
  ...each(['storage.k8s.io/v1beta1'], ['VolumeAttachment'], {
    removedIn: '1.22',
    replacement: 'storage.k8s.io/v1',
    replacementSince: '1.13',
  }),
  // 1.25
  ...each(['batch/v1beta1'], ['CronJob'], { removedIn: '1.25', replacement: 'batch/v1', replacementSince: '1.21' }),
  ...each(['discovery.k8s.io/v1beta1'], ['EndpointSlice'], {
    removedIn: '1.25',
    replacement: 'discovery.k8s.io/v1',
    replacementSince: '1.21',
    note: '`topology` becomes `nodeName`/`zone` per endpoint',
  }),
  ...each(['events.k8s.io/v1beta1'], ['Event'], { removedIn: '1.25', replacement: 'events.k8s.io/v1', replacementSince: '1.19' }),
  ...each(['autoscaling/v2beta1'], ['HorizontalPodAutoscaler'], {
    removedIn: '1.25',
    replacement: 'autoscaling/v2',
    replacementSince: '1.23',
    note: 'metric targets move under `target` (`targetAverageUtilization` becomes `target.averageUtilization`)',
  }),
  ...each(['policy/v1beta1'], ['PodDisruptionBudget'], {
    removedIn: '1.25',
    replacement: 'policy/v1',
    replacementSince: '1.21',
    note: 'an empty `spec.selector` selects every pod in the namespace in policy/v1',
  }),
  ...each(['policy/v1beta1'], ['PodSecurityPolicy'], {
    removedIn: '1.25',
    replacement: undefined,
    replacementSince: '1.21',
    note: 'there is no replacement API: use Pod Security admission (namespace labels) or a policy engine',
  }),
  ...each(['node.k8s.io/v1beta1'], ['RuntimeClass'], { removedIn: '1.25', replacement: 'node.k8s.io/v1', replacementSince: '1.20' }),
  // 1.26
  ...each(['flowcontrol.apiserver.k8s.io/v1beta1'], ['FlowSchema', 'PriorityLevelConfiguration'], {
    removedIn: '1.26',
    replacement: 'flowcontrol.apiserver.k8s.io/v1beta2',
    replacementSince: '1.23',
  }),
  ...each(['autoscaling/v2beta2'], ['HorizontalPodAutoscaler'], {
    removedIn: '1.26',
    replacement: 'autoscaling/v2',
    replacementSince: '1.23',
  }),
  // 1.27
  ...each(['storage.k8s.io/v1beta1'], ['CSIStorageCapacity'], {
    removedIn: '1.27',
    replacement: 'storage.k8s.io/v1',
    replacementSince: '1.24',
  }),
  // 1.29
  ...each(['flowcontrol.apiserver.k8s.io/v1beta2'], ['FlowSchema', 'PriorityLevelConfiguration'], {
    removedIn: '1.29',
    replacement: 'flowcontrol.apiserver.k8s.io/v1beta3',
    replacementSince: '1.26',
  }),
  // 1.32
  ...each(['flowcontrol.apiserver.k8s.io/v1beta3'], ['FlowSchema', 'PriorityLevelConfiguration'], {
    removedIn: '1.32',
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
    replacementSince: '1.29',
  }),
];

const byKey = new Map(DEPRECATIONS.map((d) => [`${d.apiVersion}/${d.kind}`, d]));

/** The removal entry of an apiVersion and kind, if Kubernetes removed it. */
export function deprecationOf(apiVersion: string, kind: string): Deprecation | undefined {
  return byKey.get(`${apiVersion}/${kind}`);
}

/**
 * The apiVersion to migrate to for a target release: follows the chain of replacements (v1beta1 →
 * v1beta2 → v1beta3 → v1) as far as the target serves them. Undefined when there is none.
 */
export function replacementAt(d: Deprecation, target: string): string | undefined {
  let rep = d.replacement;
  for (let i = 0; rep && i < 8; i++) {
    const next = deprecationOf(rep, d.kind);
    if (!next || compareMinor(target, next.replacementSince) < 0) break;
    rep = next.replacement;
  }
  return rep;
}

/** Compares minor versions `1.22` < `1.9`-safe; returns negative, 0 or positive. */
export function compareMinor(a: string, b: string): number {
  const [am = 0, an = 0] = a.split('.').map((x) => parseInt(x, 10));
  const [bm = 0, bn = 0] = b.split('.').map((x) => parseInt(x, 10));
  return am !== bm ? am - bm : an - bn;
}
