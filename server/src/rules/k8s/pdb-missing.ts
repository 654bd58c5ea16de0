import { isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { dig, objectsOfKind, podLabels, sameNamespace, selectorMatches } from '../../k8s/pod';
import { findPair, getIn, keyRange, nodeRange } from '../../parse/yaml';
import { objectLabelStart } from '../../k8s/naming';

const KINDS = new Set(['Deployment', 'StatefulSet']);

/** Multi-replica workloads without a PodDisruptionBudget can be drained all at once. */
export const rule = defineRule({
  id: 'k8s/pdb-missing',
  title: 'No PodDisruptionBudget for a multi-replica workload',
  severity: 'info',
  appliesTo: ['manifest'],
  aliases: [
    'polaris:missingPodDisruptionBudget',
    'kube-score:deployment-has-poddisruptionbudget',
    'kube-score:statefulset-has-poddisruptionbudget',
  ],
  docs: `A Deployment or StatefulSet with more than one replica exists to stay available, but without a
PodDisruptionBudget a node drain or cluster upgrade may evict all its pods at the same time. Reported when no
PDB in the workspace (same namespace) selects the pod template's labels, on the \`replicas\` value. A workload without
\`replicas\` (one pod, or as many as an HPA decides) is not reported unless \`unsetReplicas: true\`, which is what
kube-score's \`deployment-has-poddisruptionbudget\` and \`statefulset-has-poddisruptionbudget\` do (on the \`spec\`
key).`,
  options: {
    unsetReplicas: {
      type: 'boolean',
      default: false,
      description: 'Also report workloads that do not set `replicas` (as kube-score does).',
    },
  },
  remediation: 'Add a PodDisruptionBudget with `maxUnavailable: 1` (or a suitable `minAvailable`) selecting these pods.',
  check(ctx) {
    const out: Finding[] = [];
    const unset = ctx.settings.option<boolean>('unsetReplicas');
    for (const obj of ctx.doc.objects) {
      if (!obj.kind || !KINDS.has(obj.kind)) continue;
      const pair = findPair(getIn(obj.root, ['spec']), 'replicas');
      if (pair ? !isScalar(pair.value) || typeof pair.value.value !== 'number' || pair.value.value < 2 : !unset) continue;
      const labels = podLabels(obj.kind, obj.value);
      if (!labels) continue;
      const covered = objectsOfKind(ctx, 'PodDisruptionBudget').some(
        (p) =>
          sameNamespace(p.namespace, obj.namespace) &&
          dig(p.value, 'spec', 'selector') !== undefined &&
          selectorMatches(dig(p.value, 'spec', 'selector'), labels),
      );
      if (covered) continue;
      const range = pair ? nodeRange(ctx.doc.lines, pair.value) : keyRange(ctx.doc.lines, obj.root, 'spec');
      const count = pair && isScalar(pair.value) ? `${String(pair.value.value)} replicas` : 'an unset number of replicas';
      if (range) out.push({ message: `${objectLabelStart(obj)} runs ${count} but no PodDisruptionBudget selects its pods.`, range });
    }
    return out;
  },
});
