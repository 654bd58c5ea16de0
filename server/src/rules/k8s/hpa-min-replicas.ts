import { isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { findPair, getIn, keyRange, nodeRange } from '../../parse/yaml';

/** An HPA that may scale its workload down to a single pod. */
export const rule = defineRule({
  id: 'k8s/hpa-min-replicas',
  title: 'HPA minReplicas too low',
  severity: 'info',
  appliesTo: ['manifest'],
  aliases: ['kube-linter:hpa-minimum-three-replicas', 'polaris:hpaMinAvailability', 'kube-score:horizontalpodautoscaler-replicas'],
  options: {
    minReplicas: { type: 'number', default: 2, description: 'The lowest `minReplicas` an HPA may have.' },
  },
  docs: `An HPA scales its workload down to \`minReplicas\` (1 when unset) when load is low. With a single pod, one
node drain, crash or rollout leaves the service with nothing to answer. Reported on \`minReplicas\` (or, when unset,
the \`maxReplicas\` key) when it is below the \`minReplicas\` option (default 2, as Polaris and kube-score; kube-linter's
\`hpa-minimum-three-replicas\` is \`minReplicas: 3\`).`,
  remediation: 'Set `minReplicas` to 2 or more.',
  check(ctx) {
    const out: Finding[] = [];
    const min = ctx.settings.option<number>('minReplicas');
    for (const obj of ctx.doc.objects) {
      if (obj.kind !== 'HorizontalPodAutoscaler') continue;
      const spec = getIn(obj.root, ['spec']);
      const pair = findPair(spec, 'minReplicas');
      const value = pair ? (isScalar(pair.value) ? pair.value.value : undefined) : 1;
      if (typeof value !== 'number' || value >= min) continue;
      const range = pair
        ? nodeRange(ctx.doc.lines, pair.value)
        : (keyRange(ctx.doc.lines, spec, 'maxReplicas') ?? keyRange(ctx.doc.lines, obj.root, 'spec'));
      if (range)
        out.push({
          message: `HPA "${obj.name ?? ''}" may scale down to ${value} replica${value === 1 ? '' : 's'} (fewer than ${min}).`,
          range,
        });
    }
    return out;
  },
});
