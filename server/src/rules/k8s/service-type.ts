import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { getIn, nodeRange, scalarString } from '../../parse/yaml';

/** Services exposed outside the cluster through a forbidden type. */
export const rule = defineRule({
  id: 'k8s/service-type',
  title: 'Service exposed on the nodes or a load balancer',
  severity: 'info',
  appliesTo: ['manifest'],
  defaultEnabled: false,
  aliases: ['kube-linter:exposed-services', 'kube-score:service-type'],
  options: {
    forbidden: {
      type: 'string[]',
      default: ['NodePort', 'LoadBalancer'],
      description: 'The Service types to report (kube-score reports `NodePort` only).',
    },
  },
  docs: `A \`NodePort\` Service listens on every node's address, a \`LoadBalancer\` Service gets an address reachable from
outside, usually the internet; both bypass the Ingress controller's TLS, authentication and logging. Reported on the
\`type\` value when it is in the \`forbidden\` option (default \`NodePort\` and \`LoadBalancer\`, as kube-linter; kube-score's
\`service-type\` is \`forbidden: [NodePort]\`). Opt-in.`,
  remediation: 'Use a `ClusterIP` Service behind an Ingress or Gateway.',
  check(ctx) {
    const out: Finding[] = [];
    const forbidden = ctx.settings.option<string[]>('forbidden');
    for (const obj of ctx.doc.objects) {
      if (obj.kind !== 'Service') continue;
      const node = getIn(obj.root, ['spec', 'type']);
      const type = scalarString(node);
      if (!type || !forbidden.includes(type)) continue;
      const range = nodeRange(ctx.doc.lines, node);
      if (range) out.push({ message: `Service "${obj.name ?? ''}" is of type ${type}.`, range });
    }
    return out;
  },
});
