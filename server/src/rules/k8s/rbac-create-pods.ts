import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { BINDING_KINDS, boundRole, grants, policyRules, roleRef } from '../../k8s/rbac';
import { nodeRange } from '../../parse/yaml';

/** Resources whose creation starts pods. */
const POD_MAKERS = ['pods', 'deployments', 'statefulsets', 'replicasets', 'daemonsets', 'jobs', 'cronjobs', 'cronjob'];

/** A binding that lets its subjects create pods, directly or through a workload. */
export const rule = defineRule({
  id: 'k8s/rbac-create-pods',
  title: 'Binding grants creating pods',
  severity: 'warning',
  appliesTo: ['manifest'],
  defaultEnabled: false,
  aliases: ['kube-linter:access-to-create-pods'],
  docs: `Whoever may create a pod in a namespace may mount any Secret and run as any service account of that
namespace, so the permission is worth as much as the most powerful of them (CIS Benchmark 5.1.4). Reported on the
\`roleRef\` of a RoleBinding or ClusterRoleBinding whose role, found in the workspace, grants \`create\` (or \`*\`) on
\`pods\`, \`deployments\`, \`statefulsets\`, \`replicasets\`, \`daemonsets\`, \`jobs\`, \`cronjobs\` or \`*\`. Opt-in, as
deployment tools and operators need it.`,
  remediation: 'Grant pod creation only to the deployment tooling, not to people or workloads that do not deploy.',
  check(ctx) {
    const out: Finding[] = [];
    for (const obj of ctx.doc.objects) {
      if (!obj.kind || !BINDING_KINDS.has(obj.kind)) continue;
      const ref = roleRef(obj);
      const role = ref && boundRole(ctx, obj, ref);
      if (!ref || !role) continue;
      const what = policyRules(role.value)
        .map((r) => grants(r, POD_MAKERS, ['create']))
        .find((x) => x !== undefined);
      if (!what) continue;
      const range = nodeRange(ctx.doc.lines, ref.nameNode);
      if (range)
        out.push({ message: `${obj.kind} "${obj.name ?? ''}" grants ${ref.kind} "${ref.name}", which can create ${what}.`, range });
    }
    return out;
  },
});
