import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { workloads } from '../../k8s/pod';
import { getIn, keyRange, nodeRange } from '../../parse/yaml';

/** Pods without node affinity. */
export const rule = defineRule({
  id: 'k8s/node-affinity',
  title: 'No node affinity',
  severity: 'info',
  appliesTo: ['manifest'],
  defaultEnabled: false,
  aliases: ['kube-linter:no-node-affinity'],
  docs: `Clusters with node pools for different purposes (spot and on-demand, GPU, system) rely on \`affinity.nodeAffinity\`
to keep workloads on the right nodes. Reported on the pod spec's \`containers\` key when the pod has no node affinity.
Opt-in; \`nodeSelector\` alone does not count.`,
  remediation: 'Add `affinity.nodeAffinity` with the node labels the workload should run on.',
  check(ctx) {
    const out: Finding[] = [];
    for (const w of workloads(ctx.doc)) {
      if (getIn(w.pod, ['affinity', 'nodeAffinity'])) continue;
      const range = keyRange(ctx.doc.lines, w.pod, 'containers') ?? nodeRange(ctx.doc.lines, w.pod);
      if (range) out.push({ message: 'The pod has no node affinity.', range });
    }
    return out;
  },
});
