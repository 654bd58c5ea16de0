import { isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { dig, objectsNamed, objectsOfKind, podLabels, sameNamespace, selectorMatches } from '../../k8s/pod';
import { getIn, nodeRange } from '../../parse/yaml';

/** A PDB whose `minAvailable` is at least the `minReplicas` of the HPA scaling the pods it protects. */
export const rule = defineRule({
  id: 'k8s/pdb-hpa-min-replicas',
  title: "PDB minAvailable reaches the HPA's minReplicas",
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: ['polaris:pdbMinAvailableGreaterThanHPAMinReplicas'],
  docs: `When an HPA has scaled a workload down to its \`minReplicas\` and a PodDisruptionBudget over the same pods asks
for at least as many to stay available, no pod may be evicted: \`kubectl drain\` and node upgrades hang at quiet
times. Reported on an integer \`minAvailable\` that is at least the \`minReplicas\` (1 when unset) of an HPA in the
workspace whose target's pod labels the budget's selector matches.`,
  remediation: "Lower `minAvailable` below the HPA's `minReplicas`, use `maxUnavailable: 1`, or raise `minReplicas`.",
  check(ctx) {
    const out: Finding[] = [];
    if (!ctx.doc.objects.some((o) => o.kind === 'PodDisruptionBudget')) return out;
    const hpas = objectsOfKind(ctx, 'HorizontalPodAutoscaler');
    if (!hpas.length) return out;
    for (const obj of ctx.doc.objects) {
      if (obj.kind !== 'PodDisruptionBudget') continue;
      const minNode = getIn(obj.root, ['spec', 'minAvailable']);
      if (!isScalar(minNode) || typeof minNode.value !== 'number') continue;
      const selector = dig(obj.value, 'spec', 'selector');
      if (!selector) continue;
      for (const hpa of hpas) {
        if (!sameNamespace(hpa.namespace, obj.namespace)) continue;
        const kind = dig(hpa.value, 'spec', 'scaleTargetRef', 'kind');
        const name = dig(hpa.value, 'spec', 'scaleTargetRef', 'name');
        if (typeof kind !== 'string' || typeof name !== 'string') continue;
        const targets = objectsNamed(objectsOfKind(ctx, kind), name).filter((t) => sameNamespace(t.namespace, hpa.namespace));
        if (!targets.some((t) => selectorMatches(selector, podLabels(kind, t.value)))) continue;
        const raw = dig(hpa.value, 'spec', 'minReplicas');
        const minReplicas = typeof raw === 'number' ? raw : 1;
        if (minNode.value < minReplicas) continue;
        const range = nodeRange(ctx.doc.lines, minNode);
        if (range)
          out.push({
            message: `minAvailable ${minNode.value} is not below the minReplicas (${minReplicas}) of HPA "${hpa.name ?? ''}": no pod could be evicted.`,
            range,
          });
        break;
      }
    }
    return out;
  },
});
