import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { findPair, getIn, keyRange } from '../../parse/yaml';

/** PDBs that do not say what happens to pods that never become ready. */
export const rule = defineRule({
  id: 'k8s/pdb-unhealthy-eviction',
  title: 'PDB without unhealthyPodEvictionPolicy',
  severity: 'info',
  appliesTo: ['manifest'],
  defaultEnabled: false,
  aliases: ['kube-linter:pdb-unhealthy-pod-eviction-policy'],
  docs: `By default (\`IfHealthyBudget\`) a pod that is running but not ready counts against the budget, so a crashing
pod can block \`kubectl drain\` until the whole application is healthy again. \`unhealthyPodEvictionPolicy:
AlwaysAllow\` lets such pods be evicted. Reported on the \`spec\` key of a PodDisruptionBudget that does not set the
field. Opt-in.`,
  remediation: 'Set `spec.unhealthyPodEvictionPolicy: AlwaysAllow`.',
  check(ctx) {
    const out: Finding[] = [];
    for (const obj of ctx.doc.objects) {
      if (obj.kind !== 'PodDisruptionBudget') continue;
      if (findPair(getIn(obj.root, ['spec']), 'unhealthyPodEvictionPolicy')) continue;
      const range = keyRange(ctx.doc.lines, obj.root, 'spec');
      if (range) out.push({ message: `PodDisruptionBudget "${obj.name ?? ''}" does not set unhealthyPodEvictionPolicy.`, range });
    }
    return out;
  },
});
