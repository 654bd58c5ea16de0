import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import type { IndexedObject } from '../../engine/workspace';
import { dig, objectsOfKind, podLabels, sameNamespace, selectorMatches } from '../../k8s/pod';
import { WORKLOAD_KINDS } from '../../k8s/workloads';
import { keyRange } from '../../parse/yaml';

/** The directions a NetworkPolicy isolates (its `policyTypes`, or the API's default). */
function directions(p: IndexedObject): string[] {
  const types = dig(p.value, 'spec', 'policyTypes');
  if (Array.isArray(types)) return types.filter((t): t is string => typeof t === 'string');
  return dig(p.value, 'spec', 'egress') !== undefined ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** Workloads whose pods no NetworkPolicy of the workspace selects. */
export const rule = defineRule({
  id: 'k8s/network-policy-missing',
  title: 'Pod not selected by a NetworkPolicy',
  severity: 'warning',
  appliesTo: ['manifest'],
  defaultEnabled: false,
  aliases: ['kube-linter:non-isolated-pod', 'kube-score:pod-networkpolicy', 'polaris:missingNetworkPolicy'],
  options: {
    requireBoth: {
      type: 'boolean',
      default: false,
      description: 'Require policies that isolate both ingress and egress (as kube-score does), not just one.',
    },
  },
  docs: `A pod no NetworkPolicy selects accepts traffic from every pod of the cluster and may connect anywhere, so one
compromised pod can reach it. Reported on the \`kind\` of a workload whose pod labels no NetworkPolicy in the workspace
(same namespace, or either unset) selects; an empty \`podSelector\` selects every pod of its namespace. With
\`requireBoth: true\` the pod must be isolated for both \`Ingress\` and \`Egress\` (by the policies' \`policyTypes\`), as
kube-score's \`pod-networkpolicy\` asks. The rule can only see policies in the workspace, so it is opt-in: switch it on
where the policies live beside the workloads (a repository per cluster or per namespace), not where they are managed
elsewhere.`,
  remediation: 'Add a NetworkPolicy whose `podSelector` matches the pods (a default-deny policy per namespace is a good start).',
  check(ctx) {
    const out: Finding[] = [];
    const requireBoth = ctx.settings.option<boolean>('requireBoth');
    const policies = objectsOfKind(ctx, 'NetworkPolicy');
    for (const obj of ctx.doc.objects) {
      if (!obj.kind || !WORKLOAD_KINDS.includes(obj.kind)) continue;
      const labels = podLabels(obj.kind, obj.value) ?? {};
      const selecting = policies.filter(
        (p) => sameNamespace(p.namespace, obj.namespace) && selectorMatches(dig(p.value, 'spec', 'podSelector') ?? {}, labels),
      );
      const covered = new Set(selecting.flatMap(directions));
      const ok = requireBoth ? covered.has('Ingress') && covered.has('Egress') : selecting.length > 0;
      if (ok) continue;
      const range = keyRange(ctx.doc.lines, obj.root, 'kind');
      if (range)
        out.push({
          message: selecting.length
            ? `The pods of ${obj.kind} "${obj.name ?? ''}" are not isolated for ${covered.has('Ingress') ? 'egress' : 'ingress'}.`
            : `No NetworkPolicy in the workspace selects the pods of ${obj.kind} "${obj.name ?? ''}".`,
          range,
        });
    }
    return out;
  },
});
