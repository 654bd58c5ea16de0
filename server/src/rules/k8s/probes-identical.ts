import { isDeepStrictEqual } from 'node:util';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { containerSites } from '../../k8s/pod';
import { findPair, nodeRange } from '../../parse/yaml';

/** Identical liveness and readiness probes restart pods that are merely busy. */
export const rule = defineRule({
  id: 'k8s/probes-identical',
  title: 'Liveness and readiness probes are identical',
  severity: 'info',
  appliesTo: ['manifest'],
  aliases: ['kube-score:pod-probes-identical'],
  docs: `When the liveness probe is the readiness probe, a pod that is only overloaded fails both: it is taken out of
the Service and then restarted, which moves its load to the next pod and can cascade. Liveness should check
that the process is alive (cheaper, more tolerant); readiness that it can serve now.`,
  remediation: 'Make the liveness probe cheaper or more tolerant (a different endpoint, a higher failureThreshold).',
  check(ctx) {
    const out: Finding[] = [];
    for (const site of containerSites(ctx.doc)) {
      const live = findPair(site.node, 'livenessProbe');
      const ready = findPair(site.node, 'readinessProbe');
      if (!live?.value || !ready?.value) continue;
      if (!isDeepStrictEqual(live.value.toJSON(), ready.value.toJSON())) continue;
      const range = nodeRange(ctx.doc.lines, live.key);
      if (range) out.push({ message: `Container "${site.name ?? site.index}" uses the same probe for liveness and readiness.`, range });
    }
    return out;
  },
});
