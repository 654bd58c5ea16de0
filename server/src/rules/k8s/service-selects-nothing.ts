import { isMap } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { dig, hasWorkloads, mayBeUnread, podsMatchingMap, sameNamespace, selectorWords } from '../../k8s/pod';
import { getIn, keyRange } from '../../parse/yaml';

/** A Service whose selector matches no pod template in the workspace. */
export const rule = defineRule({
  id: 'k8s/service-selects-nothing',
  title: 'Service selects no pods',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: ['kube-linter:dangling-service', 'kube-score:service-targets-pod'],
  docs: `A Service routes to the pods whose labels contain all of its \`selector\`. When no workload in the workspace
(same namespace, or namespace unset) has such a pod template, the Service has no endpoints, usually because of a
typo in a label. Only checked when the workspace defines at least one workload, since the pods may otherwise be
created elsewhere. A manifest of the workspace that YAML cannot read completely (a template with \`replicas: {{replicas}}\`) may
hold what is missing: when its text has the selector's labels, nothing is reported.`,
  remediation: 'Make the selector match the pod template labels of the workload the Service is for.',
  check(ctx) {
    const out: Finding[] = [];
    // The workspace's pods are looked up only for a document that has a Service.
    if (!ctx.doc.objects.some((o) => o.kind === 'Service') || !hasWorkloads(ctx)) return out;
    for (const obj of ctx.doc.objects) {
      if (obj.kind !== 'Service' || obj.apiVersion !== 'v1') continue;
      const selector = dig(obj.value, 'spec', 'selector') as Record<string, unknown> | undefined;
      if (!selector || !isMap(getIn(obj.root, ['spec', 'selector'])) || !Object.keys(selector).length) continue;
      if (JSON.stringify(selector).includes('{{')) continue;
      if (podsMatchingMap(ctx, selector).some((p) => sameNamespace(p.obj.namespace, obj.namespace))) continue;
      if (mayBeUnread(ctx, selectorWords(selector))) continue;
      const range = keyRange(ctx.doc.lines, getIn(obj.root, ['spec']), 'selector');
      const shown = Object.entries(selector)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(', ');
      if (range)
        out.push({ message: `No pod template in the workspace has the labels ${shown}; the Service would have no endpoints.`, range });
    }
    return out;
  },
});
