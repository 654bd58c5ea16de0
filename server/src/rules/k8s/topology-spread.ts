import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { workloads } from '../../k8s/pod';
import { findPair, keyRange, nodeRange } from '../../parse/yaml';

const KINDS = new Set(['Deployment', 'StatefulSet']);

/** Deployments and StatefulSets without topology spread constraints. */
export const rule = defineRule({
  id: 'k8s/topology-spread',
  title: 'No topology spread constraint',
  severity: 'info',
  appliesTo: ['manifest'],
  defaultEnabled: false,
  aliases: ['polaris:topologySpreadConstraint'],
  docs: `The scheduler packs pods where they fit best; without \`topologySpreadConstraints\` nothing keeps the replicas of
a Deployment or StatefulSet in different zones or on different nodes, so one zone outage can take all of them.
Reported on the pod spec's \`containers\` key when the pod has no \`topologySpreadConstraints\`, whatever its replica
count (\`k8s/anti-affinity\` accepts anti-affinity instead and looks only at replicated workloads). Opt-in.`,
  remediation: 'Add `topologySpreadConstraints` on `topology.kubernetes.io/zone` (and/or `kubernetes.io/hostname`).',
  check(ctx) {
    const out: Finding[] = [];
    for (const w of workloads(ctx.doc)) {
      if (!w.obj.kind || !KINDS.has(w.obj.kind) || findPair(w.pod, 'topologySpreadConstraints')) continue;
      const range = keyRange(ctx.doc.lines, w.pod, 'containers') ?? nodeRange(ctx.doc.lines, w.pod);
      if (range) out.push({ message: `The pods of ${w.obj.kind} "${w.obj.name ?? ''}" have no topology spread constraint.`, range });
    }
    return out;
  },
});
