import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { BINDING_KINDS, boundRole, grantsEverything, policyRules, roleRef } from '../../k8s/rbac';
import { nodeRange } from '../../parse/yaml';

/** A binding that grants `cluster-admin` or a role with the same wildcard power. */
export const rule = defineRule({
  id: 'k8s/rbac-cluster-admin',
  title: 'Binding grants cluster-admin',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: [
    'kube-linter:cluster-admin-role-binding',
    'polaris:clusterrolebindingClusterAdmin',
    'polaris:rolebindingClusterAdminClusterRole',
    'polaris:rolebindingClusterAdminRole',
  ],
  docs: `\`cluster-admin\` may do anything to any object; through a ClusterRoleBinding in every namespace, through a
RoleBinding in the binding's namespace (including its Secrets and RBAC). Reported: a RoleBinding or
ClusterRoleBinding whose \`roleRef\` names the \`cluster-admin\` ClusterRole, or a Role or ClusterRole of the workspace
with a rule on every API group (\`*\`) and every resource (\`*\`) with every verb (\`*\`, or all of get, list, watch,
create, update, patch and delete). The cluster's own bindings (\`cluster-admin\`, names starting with \`system:\`)
are left alone.`,
  remediation: 'Bind a role that grants only the resources and verbs the subject needs.',
  check(ctx) {
    const out: Finding[] = [];
    for (const obj of ctx.doc.objects) {
      if (!obj.kind || !BINDING_KINDS.has(obj.kind)) continue;
      if (obj.name === 'cluster-admin' || obj.name?.startsWith('system:')) continue;
      const ref = roleRef(obj);
      if (!ref) continue;
      const role = boundRole(ctx, obj, ref);
      const admin = role ? policyRules(role.value).some(grantsEverything) : ref.kind === 'ClusterRole' && ref.name === 'cluster-admin';
      const range = nodeRange(ctx.doc.lines, ref.nameNode);
      if (admin && range)
        out.push({ message: `${obj.kind} "${obj.name ?? ''}" grants ${ref.kind} "${ref.name}", which may do anything.`, range });
    }
    return out;
  },
});
