import { isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { getIn, nodeRange } from '../../parse/yaml';

/** HPAs whose `minReplicas` equals `maxReplicas`. */
export const rule = defineRule({
  id: 'k8s/hpa-fixed-replicas',
  title: 'HPA cannot scale',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: ['polaris:hpaMaxAvailability'],
  docs: `An HPA whose \`minReplicas\` equals its \`maxReplicas\` never changes the replica count: it costs a controller
loop and suggests the workload scales when it does not. Reported on \`maxReplicas\`. A \`minReplicas\` above
\`maxReplicas\` is an error the API server rejects, reported by \`k8s/hpa-invalid\`.`,
  remediation: 'Raise `maxReplicas` above `minReplicas`, or remove the HPA and set `replicas` on the workload.',
  check(ctx) {
    const out: Finding[] = [];
    for (const obj of ctx.doc.objects) {
      if (obj.kind !== 'HorizontalPodAutoscaler') continue;
      const min = getIn(obj.root, ['spec', 'minReplicas']);
      const max = getIn(obj.root, ['spec', 'maxReplicas']);
      const lo = isScalar(min) ? min.value : 1;
      if (!isScalar(max) || typeof max.value !== 'number' || lo !== max.value) continue;
      const range = nodeRange(ctx.doc.lines, max);
      if (range) out.push({ message: `minReplicas and maxReplicas are both ${max.value}: the HPA cannot scale.`, range });
    }
    return out;
  },
});
