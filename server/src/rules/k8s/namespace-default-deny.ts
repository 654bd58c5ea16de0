import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import type { IndexedObject } from '../../engine/workspace';
import { dig, objectsOfKind } from '../../k8s/pod';
import { getIn, nodeRange } from '../../parse/yaml';

/** Whether a NetworkPolicy selects every pod of its namespace and allows no ingress. */
function defaultDeny(p: IndexedObject): boolean {
  const sel = dig(p.value, 'spec', 'podSelector');
  const empty = sel === null || (typeof sel === 'object' && Object.keys(sel as object).length === 0);
  const types = dig(p.value, 'spec', 'policyTypes');
  const ingress = dig(p.value, 'spec', 'ingress');
  const isolatesIngress = !Array.isArray(types) || types.includes('Ingress');
  return empty && isolatesIngress && (ingress === undefined || (Array.isArray(ingress) && ingress.length === 0));
}

/** Namespaces of the workspace without a default-deny NetworkPolicy. */
export const rule = defineRule({
  id: 'k8s/namespace-default-deny',
  title: 'Namespace without a default-deny NetworkPolicy',
  severity: 'info',
  appliesTo: ['manifest'],
  defaultEnabled: false,
  aliases: [],
  docs: `Pods are open to all traffic until a NetworkPolicy selects them; a policy with an empty \`podSelector\` and no
ingress rules makes "deny" the default for every pod of the namespace, including pods added later, so that each
workload's own policies only open what it needs. Reported on the name of a Namespace defined in the workspace that no
such policy in the workspace covers. Opt-in: it only makes sense where the policies live beside the namespaces.`,
  remediation: 'Add a NetworkPolicy in the namespace with `podSelector: {}` and `policyTypes: [Ingress]` (and Egress).',
  check(ctx) {
    const out: Finding[] = [];
    if (!ctx.doc.objects.some((o) => o.kind === 'Namespace')) return out;
    const policies = objectsOfKind(ctx, 'NetworkPolicy');
    for (const obj of ctx.doc.objects) {
      if (obj.kind !== 'Namespace' || !obj.name) continue;
      if (policies.some((p) => p.namespace === obj.name && defaultDeny(p))) continue;
      const range = nodeRange(ctx.doc.lines, getIn(obj.root, ['metadata', 'name']));
      if (range) out.push({ message: `Namespace "${obj.name}" has no default-deny NetworkPolicy in the workspace.`, range });
    }
    return out;
  },
});
