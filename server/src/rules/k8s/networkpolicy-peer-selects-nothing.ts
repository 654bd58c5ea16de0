import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { sameNamespace, selectorMatches, seqAt, workspacePods } from '../../k8s/pod';
import { findPair, nodeRange } from '../../parse/yaml';

/** Whether a selector (plain data) selects something narrower than every pod. */
function narrow(selector: unknown): boolean {
  if (!selector || typeof selector !== 'object') return false;
  return Object.values(selector).some((v) => v && (Array.isArray(v) ? v.length : Object.keys(v as object).length));
}

/** NetworkPolicy peers whose `podSelector` matches no pod of the workspace. */
export const rule = defineRule({
  id: 'k8s/networkpolicy-peer-selects-nothing',
  title: 'NetworkPolicy peer selects no pod',
  severity: 'warning',
  appliesTo: ['manifest'],
  defaultEnabled: false,
  aliases: ['kube-linter:dangling-networkpolicypeer-podselector'],
  docs: `An ingress \`from\` or egress \`to\` peer with a \`podSelector\` (and no \`namespaceSelector\`) allows traffic from or
to the pods of the policy's namespace that match it. When no workload in the workspace (same namespace, or unset) has
such pods, the rule allows nothing, usually because of a label typo, and the traffic it was meant for is dropped.
Reported on the peer's \`podSelector\` key. Only checked when the workspace defines at least one workload; peers with a
\`namespaceSelector\` reach other namespaces and are not checked. Opt-in: a peer often names the pods of another
application that a different repository deploys into the same namespace.`,
  remediation: "Make the peer's `podSelector` match the labels of the pods that should be allowed.",
  check(ctx) {
    const out: Finding[] = [];
    if (!ctx.doc.objects.some((o) => o.kind === 'NetworkPolicy')) return out;
    const pods = workspacePods(ctx);
    if (!pods.length) return out;
    for (const obj of ctx.doc.objects) {
      if (obj.kind !== 'NetworkPolicy') continue;
      const peers = [
        ...seqAt(obj.root, ['spec', 'ingress']).flatMap((r) => seqAt(r, ['from'])),
        ...seqAt(obj.root, ['spec', 'egress']).flatMap((r) => seqAt(r, ['to'])),
      ];
      for (const peer of peers) {
        const pair = findPair(peer, 'podSelector');
        if (!pair || findPair(peer, 'namespaceSelector')) continue;
        const selector: unknown = pair.value?.toJSON();
        if (!narrow(selector) || JSON.stringify(selector).includes('{{')) continue;
        if (pods.some((p) => sameNamespace(p.obj.namespace, obj.namespace) && p.labels && selectorMatches(selector, p.labels))) continue;
        const range = nodeRange(ctx.doc.lines, pair.key);
        if (range) out.push({ message: 'No pod template in the workspace matches this peer podSelector; the rule allows nothing.', range });
      }
    }
    return out;
  },
});
