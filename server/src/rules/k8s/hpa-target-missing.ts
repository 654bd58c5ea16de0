import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { mayBeUnread, objectsNamed, objectsOfKind, sameNamespace } from '../../k8s/pod';
import { getIn, nodeRange, scalarString } from '../../parse/yaml';

const BUILT_IN = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

/** An HPA whose scale target is not defined in the workspace. */
export const rule = defineRule({
  id: 'k8s/hpa-target-missing',
  title: 'HPA targets a workload that does not exist',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: ['kube-linter:dangling-horizontalpodautoscaler', 'kube-score:horizontalpodautoscaler-has-target'],
  docs: `An HPA's \`scaleTargetRef\` names a kind and a name. When no such Deployment, StatefulSet or ReplicaSet is
defined in the workspace (same namespace, or unset), the HPA scales nothing, usually because of a rename.
Targets of other kinds (Argo Rollouts, custom resources) are not checked. A manifest of the workspace that YAML cannot read completely (a template with \`replicas: {{replicas}}\`) may
hold what is missing: when its text has the target's name, nothing is reported.`,
  remediation: "Point `scaleTargetRef` at the workload's current kind and name.",
  check(ctx) {
    const out: Finding[] = [];
    for (const obj of ctx.doc.objects) {
      if (obj.kind !== 'HorizontalPodAutoscaler') continue;
      const kind = scalarString(getIn(obj.root, ['spec', 'scaleTargetRef', 'kind']));
      const nameNode = getIn(obj.root, ['spec', 'scaleTargetRef', 'name']);
      const name = scalarString(nameNode);
      if (!kind || !name || !BUILT_IN.has(kind) || name.includes('{{')) continue;
      if (objectsNamed(objectsOfKind(ctx, kind), name).some((o) => sameNamespace(o.namespace, obj.namespace))) continue;
      if (mayBeUnread(ctx, [name])) continue;
      const range = nodeRange(ctx.doc.lines, nameNode);
      if (range) out.push({ message: `No ${kind} "${name}" is defined in the workspace.`, range });
    }
    return out;
  },
});
