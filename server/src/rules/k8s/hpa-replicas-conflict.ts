import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { removePair } from '../../k8s/edit';
import { dig, objectAt, objectsOfKind, sameNamespace } from '../../k8s/pod';
import { findPair, getIn, nodeRange } from '../../parse/yaml';
import { isMap } from 'yaml';
import { objectLabelStart } from '../../k8s/naming';

const KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet']);

/** `replicas` in a workload that an HPA scales fights the autoscaler on every apply. */
export const rule = defineRule({
  id: 'k8s/hpa-replicas-conflict',
  title: 'replicas set while an HPA scales the workload',
  severity: 'warning',
  fixApplicability: 'unsafe',
  appliesTo: ['manifest'],
  aliases: ['kube-score:deployment-targeted-by-hpa-does-not-have-replicas-configured'],
  docs: `When a HorizontalPodAutoscaler in the workspace targets this workload, a hard-coded \`spec.replicas\` resets the
scale on every \`kubectl apply\` or GitOps sync, so a scaled-out service drops to that number until the HPA
reacts again. The quick fix removes \`replicas\` and leaves the count to the HPA.`,
  remediation: 'Remove `spec.replicas` and let the HPA own the replica count.',
  check(ctx) {
    const out: Finding[] = [];
    // The workspace's autoscalers are looked up only for a document that has a scalable workload.
    if (!ctx.doc.objects.some((o) => o.kind && KINDS.has(o.kind))) return out;
    const hpas = objectsOfKind(ctx, 'HorizontalPodAutoscaler');
    if (!hpas.length) return out;
    for (const obj of ctx.doc.objects) {
      if (!obj.kind || !KINDS.has(obj.kind) || !obj.name) continue;
      const pair = findPair(getIn(obj.root, ['spec']), 'replicas');
      if (!pair) continue;
      const hpa = hpas.find(
        (h) =>
          dig(h.value, 'spec', 'scaleTargetRef', 'kind') === obj.kind &&
          dig(h.value, 'spec', 'scaleTargetRef', 'name') === obj.name &&
          sameNamespace(h.namespace, obj.namespace),
      );
      if (!hpa) continue;
      const range = nodeRange(ctx.doc.lines, pair.key);
      if (range)
        out.push({
          message: `${objectLabelStart(hpa, 'HorizontalPodAutoscaler')} scales this ${obj.kind}; replicas here fights it.`,
          range,
          data: { doc: obj.docIndex },
        });
    }
    return out;
  },
  fix(ctx, finding) {
    const obj = objectAt(ctx.doc, (finding.data as { doc?: unknown } | undefined)?.doc);
    const spec = obj && getIn(obj.root, ['spec']);
    const pair = findPair(spec, 'replicas');
    if (!isMap(spec) || !pair) return undefined;
    const edit = removePair(ctx.doc.lines, spec, pair);
    return edit ? { title: 'Remove replicas (the HPA owns the count)', edits: [edit] } : undefined;
  },
});
