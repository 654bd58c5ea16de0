import { isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { containerSites, parseQuantity } from '../../k8s/pod';
import { getIn, nodeRange } from '../../parse/yaml';

/** Containers whose requests differ from their limits (not Guaranteed QoS). */
export const rule = defineRule({
  id: 'k8s/requests-equal-limits',
  title: 'Requests differ from limits',
  severity: 'info',
  appliesTo: ['manifest'],
  defaultEnabled: false,
  aliases: [
    'kube-score:container-resource-requests-equal-limits',
    'kube-score:container-cpu-requests-equal-limits',
    'kube-score:container-memory-requests-equal-limits',
    'kube-score:container-ephemeral-storage-request-equals-limit',
  ],
  options: {
    resources: {
      type: 'string[]',
      default: ['cpu', 'memory'],
      description: 'The resources whose request must equal the limit (`cpu`, `memory`, `ephemeral-storage`).',
    },
  },
  docs: `A pod is in the Guaranteed QoS class only when every container's requests equal its limits for CPU and memory;
such pods are the last to be evicted under node pressure and never compete for what they were promised. Reported on
the request of each resource in the \`resources\` option (default CPU and memory; add \`ephemeral-storage\` for kube-score's
\`container-ephemeral-storage-request-equals-limit\`) that differs from its limit, or that is set with no limit. A limit
without a request is fine: the request defaults to it. Opt-in: most workloads are better served by Burstable.`,
  remediation: 'Set each request to the same quantity as its limit.',
  check(ctx) {
    const out: Finding[] = [];
    const resources = ctx.settings.option<string[]>('resources');
    for (const site of containerSites(ctx.doc)) {
      for (const res of resources) {
        const req = getIn(site.node, ['resources', 'requests', res]);
        if (!isScalar(req)) continue;
        const lim = getIn(site.node, ['resources', 'limits', res]);
        const a = parseQuantity(req.value);
        const b = isScalar(lim) ? parseQuantity(lim.value) : undefined;
        if (a !== undefined && b !== undefined && Math.abs(a - b) <= 1e-9 * Math.max(a, b)) continue;
        if (a === undefined && isScalar(lim)) continue;
        const range = nodeRange(ctx.doc.lines, req);
        if (range)
          out.push({
            message: isScalar(lim)
              ? `Container "${site.name ?? site.index}" requests ${String(req.value)} ${res} but is limited to ${String(lim.value)}.`
              : `Container "${site.name ?? site.index}" requests ${res} without a limit.`,
            range,
          });
      }
    }
    return out;
  },
});
