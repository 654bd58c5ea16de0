import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { declaredPorts, dig, hasWorkloads, podsMatchingMap, sameNamespace, seqAt } from '../../k8s/pod';
import { getIn, nodeRange, scalarString } from '../../parse/yaml';

/** A Service `targetPort` name the selected pods do not declare. */
export const rule = defineRule({
  id: 'k8s/service-target-port',
  title: 'Service targetPort name not declared by its pods',
  severity: 'error',
  appliesTo: ['manifest'],
  aliases: [],
  docs: `A \`targetPort\` given by name is resolved against the \`ports[].name\` of each selected pod's containers. If
none of the pods the Service selects in the workspace declares that name, the Service gets no endpoints for the
port. Numeric target ports are not checked (declaring container ports is optional).`,
  remediation: 'Use the name of a declared container port (or the port number).',
  check(ctx) {
    const out: Finding[] = [];
    // The workspace's pods are looked up only for a document that has a Service.
    if (!ctx.doc.objects.some((o) => o.kind === 'Service') || !hasWorkloads(ctx)) return out;
    for (const obj of ctx.doc.objects) {
      if (obj.kind !== 'Service' || obj.apiVersion !== 'v1') continue;
      const selector = dig(obj.value, 'spec', 'selector') as Record<string, unknown> | undefined;
      if (!selector || typeof selector !== 'object') continue;
      const selected = podsMatchingMap(ctx, selector).filter((p) => sameNamespace(p.obj.namespace, obj.namespace));
      if (!selected.length) continue;
      const names = new Set<string>();
      for (const p of selected) for (const n of declaredPorts(p.spec).names) names.add(n);
      for (const port of seqAt(obj.root, ['spec', 'ports'])) {
        const tpNode = getIn(port, ['targetPort']);
        const tp = scalarString(tpNode);
        if (tp === undefined || /^\d+$/.test(tp) || tp.includes('{{') || names.has(tp)) continue;
        const range = nodeRange(ctx.doc.lines, tpNode);
        if (range) out.push({ message: `No selected pod declares a container port named "${tp}".`, range });
      }
    }
    return out;
  },
});
