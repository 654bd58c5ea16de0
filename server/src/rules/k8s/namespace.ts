import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { getIn, keyRange, nodeRange } from '../../parse/yaml';

/** Kinds that live outside namespaces. */
export const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'StorageClass',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'APIService',
  'PriorityClass',
  'IngressClass',
  'RuntimeClass',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'PodSecurityPolicy',
  'CertificateSigningRequest',
  'FlowSchema',
  'PriorityLevelConfiguration',
  'ClusterIssuer',
  'ClusterSecretStore',
  'ClusterPolicy',
  'ComponentStatus',
]);

/** Opt-in: objects should name a namespace other than `default`. */
export const rule = defineRule({
  id: 'k8s/namespace',
  title: 'Object in the default namespace',
  severity: 'info',
  defaultEnabled: false,
  appliesTo: ['manifest'],
  aliases: ['kube-linter:use-namespace', 'checkov:CKV_K8S_21'],
  docs: `Objects in \`default\` (explicitly, or because no namespace is set and the context's namespace is \`default\`)
share it with everything else that landed there, so RBAC, quotas and network policies cannot isolate them.
Opt-in, because kustomize and Helm often set the namespace at deploy time.`,
  remediation: "Set `metadata.namespace` to the application's namespace (or let kustomize/Helm set it).",
  check(ctx) {
    const out: Finding[] = [];
    for (const obj of ctx.doc.objects) {
      if (!obj.kind || !obj.apiVersion || CLUSTER_SCOPED.has(obj.kind)) continue;
      if (obj.namespace !== undefined && obj.namespace !== 'default') continue;
      const range =
        obj.namespace === 'default'
          ? nodeRange(ctx.doc.lines, getIn(obj.root, ['metadata', 'namespace']))
          : keyRange(ctx.doc.lines, obj.root, 'metadata');
      if (range)
        out.push({
          message: obj.namespace === 'default' ? 'The object is in the default namespace.' : 'The object sets no namespace.',
          range,
        });
    }
    return out;
  },
});
