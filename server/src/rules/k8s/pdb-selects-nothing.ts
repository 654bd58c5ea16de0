import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { dig, mayBeUnread, sameNamespace, selectorMatches, selectorWords, workspacePods } from '../../k8s/pod';
import { getIn, keyRange } from '../../parse/yaml';

/** A PodDisruptionBudget that protects no pod template of the workspace. */
export const rule = defineRule({
  id: 'k8s/pdb-selects-nothing',
  title: 'PodDisruptionBudget selects no pods',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: [],
  docs: `A PodDisruptionBudget only protects pods matching its \`selector\`. When no workload in the workspace (same
namespace, or unset) has a matching pod template, the budget protects nothing. Only checked when the workspace
defines at least one workload. A manifest of the workspace that YAML cannot read completely (a template with \`replicas: {{replicas}}\`) may
hold what is missing: when its text has the selector's labels, nothing is reported.`,
  remediation: 'Make the selector match the pod template labels of the workload to protect.',
  check(ctx) {
    const out: Finding[] = [];
    // The workspace's pods are looked up only for a document that has a PodDisruptionBudget.
    if (!ctx.doc.objects.some((o) => o.kind === 'PodDisruptionBudget')) return out;
    const pods = workspacePods(ctx);
    if (!pods.length) return out;
    for (const obj of ctx.doc.objects) {
      if (obj.kind !== 'PodDisruptionBudget') continue;
      const selector = dig(obj.value, 'spec', 'selector');
      if (selector === undefined || JSON.stringify(selector).includes('{{')) continue;
      if (pods.some((p) => sameNamespace(p.obj.namespace, obj.namespace) && p.labels && selectorMatches(selector, p.labels))) continue;
      if (mayBeUnread(ctx, selectorWords(selector))) continue;
      const range = keyRange(ctx.doc.lines, getIn(obj.root, ['spec']), 'selector');
      if (range) out.push({ message: "No pod template in the workspace matches this PodDisruptionBudget's selector.", range });
    }
    return out;
  },
});
