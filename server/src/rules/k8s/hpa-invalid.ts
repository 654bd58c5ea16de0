import { isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { findPair, getIn, keyRange, nodeRange } from '../../parse/yaml';

/** HorizontalPodAutoscalers that cannot work as written. */
export const rule = defineRule({
  id: 'k8s/hpa-invalid',
  title: 'HorizontalPodAutoscaler bounds or metrics are wrong',
  severity: 'error',
  appliesTo: ['manifest'],
  aliases: [],
  docs: `\`minReplicas\` greater than \`maxReplicas\` is rejected by the API server. An HPA without \`metrics\`
(\`autoscaling/v2\`) or \`targetCPUUtilizationPercentage\` (\`autoscaling/v1\`) silently scales on 80% CPU, which is
rarely what was meant; that case is an info.`,
  remediation: 'Keep `minReplicas` ≤ `maxReplicas`, and state the metrics the HPA should scale on.',
  check(ctx) {
    const out: Finding[] = [];
    for (const obj of ctx.doc.objects) {
      if (obj.kind !== 'HorizontalPodAutoscaler') continue;
      const spec = getIn(obj.root, ['spec']);
      const min = getIn(spec, ['minReplicas']);
      const max = getIn(spec, ['maxReplicas']);
      if (isScalar(min) && isScalar(max) && typeof min.value === 'number' && typeof max.value === 'number' && min.value > max.value) {
        const range = nodeRange(ctx.doc.lines, min);
        if (range) out.push({ message: `minReplicas ${min.value} is greater than maxReplicas ${max.value}.`, range });
      }
      if (!findPair(spec, 'metrics') && !findPair(spec, 'targetCPUUtilizationPercentage')) {
        const range = keyRange(ctx.doc.lines, obj.root, 'spec');
        if (range)
          out.push({ message: 'The HPA states no metrics; it scales on the default 80% CPU utilisation.', range, severity: 'info' });
      }
    }
    return out;
  },
});
