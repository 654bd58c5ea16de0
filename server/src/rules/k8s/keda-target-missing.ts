import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { mayBeUnread, objectsNamed, objectsOfKind, sameNamespace } from '../../k8s/pod';
import { getIn, keyRange, nodeRange, scalarString } from '../../parse/yaml';

const CHECKED = new Set(['Deployment', 'StatefulSet']);

/** KEDA ScaledObjects whose `scaleTargetRef` names no Deployment or StatefulSet of the workspace. */
export const rule = defineRule({
  id: 'k8s/keda-target-missing',
  title: 'KEDA ScaledObject targets a workload that does not exist',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: [],
  docs: `A KEDA \`ScaledObject\` scales the workload its \`spec.scaleTargetRef\` names (\`kind\` defaults to
\`Deployment\`). KEDA creates an HPA for it; when no such Deployment or StatefulSet exists in the ScaledObject's
namespace, nothing scales and the events pile up unread, usually after a rename. Reported on the \`name\`, or on
\`scaleTargetRef\` when it has no name. Targets of other kinds (Argo Rollouts, custom resources) are not checked, nor
\`ScaledJob\`s, whose job template is inline. Only checked when the workspace defines at least one Deployment or
StatefulSet; a manifest YAML cannot read completely that holds the name keeps it quiet.`,
  remediation: "Point `scaleTargetRef` at the workload's current kind and name, in the ScaledObject's namespace.",
  check(ctx) {
    const out: Finding[] = [];
    if (!ctx.doc.objects.some((o) => o.kind === 'ScaledObject')) return out;
    if (!objectsOfKind(ctx, 'Deployment').length && !objectsOfKind(ctx, 'StatefulSet').length) return out;
    for (const obj of ctx.doc.objects) {
      if (obj.kind !== 'ScaledObject' || !obj.apiVersion?.startsWith('keda.sh/')) continue;
      const ref = getIn(obj.root, ['spec', 'scaleTargetRef']);
      if (!ref) continue;
      const kind = scalarString(getIn(ref, ['kind'])) ?? 'Deployment';
      const nameNode = getIn(ref, ['name']);
      const name = scalarString(nameNode);
      if (!CHECKED.has(kind) || name?.includes('{{')) continue;
      if (name && objectsNamed(objectsOfKind(ctx, kind), name).some((o) => sameNamespace(o.namespace, obj.namespace))) continue;
      if (name && mayBeUnread(ctx, [name])) continue;
      const range = name ? nodeRange(ctx.doc.lines, nameNode) : keyRange(ctx.doc.lines, getIn(obj.root, ['spec']), 'scaleTargetRef');
      const message = name
        ? `No ${kind} "${name}" is defined in the workspace for ScaledObject "${obj.name ?? ''}" to scale.`
        : `ScaledObject "${obj.name ?? ''}" names no workload in scaleTargetRef.`;
      if (range) out.push({ message, range });
    }
    return out;
  },
});
