import { isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { dig, objectsOfKind, sameNamespace } from '../../k8s/pod';
import { findPair, getIn, keyRange, nodeRange } from '../../parse/yaml';

const KINDS = new Set(['Deployment', 'StatefulSet']);

/** Deployments and StatefulSets with fewer replicas than configured. */
export const rule = defineRule({
  id: 'k8s/deployment-replicas',
  title: 'Too few replicas',
  severity: 'info',
  appliesTo: ['manifest'],
  defaultEnabled: false,
  aliases: ['kube-linter:minimum-three-replicas', 'polaris:deploymentMissingReplicas', 'kube-score:deployment-replicas'],
  options: {
    minReplicas: { type: 'number', default: 3, description: 'The fewest replicas a Deployment or StatefulSet may have.' },
  },
  docs: `A workload with one replica is down whenever its pod restarts, is evicted or its node is drained. Reported
on \`spec.replicas\` (or, when it is unset and so 1, the \`spec\` key) of a Deployment or StatefulSet with fewer than the
\`minReplicas\` option (default 3, as kube-linter; Polaris and kube-score ask for 2). Workloads an HPA in the workspace
scales are left to the HPA. Opt-in: many workloads are single by design.`,
  remediation: 'Set `spec.replicas` to the configured minimum or more, or let an HPA scale the workload.',
  check(ctx) {
    const out: Finding[] = [];
    if (!ctx.doc.objects.some((o) => o.kind && KINDS.has(o.kind))) return out;
    const min = ctx.settings.option<number>('minReplicas');
    const hpas = objectsOfKind(ctx, 'HorizontalPodAutoscaler');
    for (const obj of ctx.doc.objects) {
      if (!obj.kind || !KINDS.has(obj.kind)) continue;
      const scaled = hpas.some(
        (h) =>
          dig(h.value, 'spec', 'scaleTargetRef', 'kind') === obj.kind &&
          dig(h.value, 'spec', 'scaleTargetRef', 'name') === obj.name &&
          sameNamespace(h.namespace, obj.namespace),
      );
      if (scaled) continue;
      const pair = findPair(getIn(obj.root, ['spec']), 'replicas');
      const value = pair ? (isScalar(pair.value) ? pair.value.value : undefined) : 1;
      if (typeof value !== 'number' || value >= min) continue;
      const range = pair ? nodeRange(ctx.doc.lines, pair.value) : keyRange(ctx.doc.lines, obj.root, 'spec');
      if (range)
        out.push({ message: `${obj.kind} "${obj.name ?? ''}" runs ${value} replica${value === 1 ? '' : 's'} (fewer than ${min}).`, range });
    }
    return out;
  },
});
