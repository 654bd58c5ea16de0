import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { dig, mayBeUnread, sameNamespace, selectorMatches, selectorWords, workspacePods } from '../../k8s/pod';
import { getIn, keyRange } from '../../parse/yaml';

/** A NetworkPolicy whose pod selector matches no pod template of the workspace. */
export const rule = defineRule({
  id: 'k8s/networkpolicy-selects-nothing',
  title: 'NetworkPolicy selects no pods',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: ['kube-linter:dangling-networkpolicy', 'kube-score:networkpolicy-targets-pod'],
  docs: `A NetworkPolicy applies to the pods its \`podSelector\` matches; an empty selector means every pod of the
namespace. A non-empty selector that matches no workload in the workspace (same namespace, or unset) isolates
nothing, usually because of a label typo. Only checked when the workspace defines at least one workload. A manifest of the workspace that YAML cannot read completely (a template with \`replicas: {{replicas}}\`) may
hold what is missing: when its text has the selector's labels, nothing is reported.`,
  remediation: 'Make `podSelector` match the labels of the pods to isolate.',
  check(ctx) {
    const out: Finding[] = [];
    // The workspace's pods are looked up only for a document that has a NetworkPolicy.
    if (!ctx.doc.objects.some((o) => o.kind === 'NetworkPolicy')) return out;
    const pods = workspacePods(ctx);
    if (!pods.length) return out;
    for (const obj of ctx.doc.objects) {
      if (obj.kind !== 'NetworkPolicy') continue;
      const selector = dig(obj.value, 'spec', 'podSelector') as Record<string, unknown> | undefined;
      if (!selector || !Object.values(selector).some((v) => v && (Array.isArray(v) ? v.length : Object.keys(v as object).length))) continue;
      if (JSON.stringify(selector).includes('{{')) continue;
      if (pods.some((p) => sameNamespace(p.obj.namespace, obj.namespace) && p.labels && selectorMatches(selector, p.labels))) continue;
      if (mayBeUnread(ctx, selectorWords(selector))) continue;
      const range = keyRange(ctx.doc.lines, getIn(obj.root, ['spec']), 'podSelector');
      if (range) out.push({ message: 'No pod template in the workspace matches this podSelector; the policy isolates nothing.', range });
    }
    return out;
  },
});
