import { isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { dig, objectsOfKind, podLabels, sameNamespace, selectorMatches } from '../../k8s/pod';
import { findPair, getIn, nodeRange } from '../../parse/yaml';
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
PDB in the workspace (same namespace) selects the pod template's labels.`,
  remediation: 'Add a PodDisruptionBudget with `maxUnavailable: 1` (or a suitable `minAvailable`) selecting these pods.',
  check(ctx) {
    const out: Finding[] = [];
    for (const obj of ctx.doc.objects) {
      if (!obj.kind || !KINDS.has(obj.kind)) continue;
      const pair = findPair(getIn(obj.root, ['spec']), 'replicas');
      if (!pair || !isScalar(pair.value) || typeof pair.value.value !== 'number' || pair.value.value < 2) continue;
      const labels = podLabels(obj.kind, obj.value);
      if (!labels) continue;
      const covered = objectsOfKind(ctx, 'PodDisruptionBudget').some(
        (p) =>
          sameNamespace(p.namespace, obj.namespace) &&
          dig(p.value, 'spec', 'selector') !== undefined &&
          selectorMatches(dig(p.value, 'spec', 'selector'), labels),
      );
      if (covered) continue;
      const range = nodeRange(ctx.doc.lines, pair.value);
      if (range)
        out.push({
          message: `${objectLabelStart(obj)} runs ${pair.value.value} replicas but no PodDisruptionBudget selects its pods.`,
          range,
        });
    }
    return out;
  },
});
