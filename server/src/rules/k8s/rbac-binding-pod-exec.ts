import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { BINDING_KINDS, boundRole, grantsExecAttach, policyRules, roleRef } from '../../k8s/rbac';
import { nodeRange } from '../../parse/yaml';

/** Built-in ClusterRoles that include `pods/exec` and `pods/attach`. */
const BUILT_IN_EXEC = new Set(['cluster-admin', 'admin', 'edit']);
/** Built-in ClusterRoles a binding may name without the workspace defining them. */
const BUILT_IN = new Set([...BUILT_IN_EXEC, 'view']);

/** A binding that grants a role allowing `pods/exec` or `pods/attach`. */
export const rule = defineRule({
  id: 'k8s/rbac-binding-pod-exec',
  title: 'Binding grants pods/exec or pods/attach',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: [
    'polaris:clusterrolebindingPodExecAttach',
    'polaris:rolebindingClusterRolePodExecAttach',
    'polaris:rolebindingRolePodExecAttach',
  ],
  options: {
    missingRole: {
      type: 'boolean',
      default: false,
      description: 'Also report a binding whose role is neither in the workspace nor built in (as Polaris does).',
    },
  },
  docs: `A RoleBinding or ClusterRoleBinding whose \`roleRef\` names a role that allows \`pods/exec\` or \`pods/attach\`
(as \`k8s/rbac-pod-exec\` defines it) gives its subjects a shell in the pods it reaches. The role is looked up in
the workspace (a ClusterRole by name, a Role by name in the binding's namespace); the built-in \`cluster-admin\`,
\`admin\` and \`edit\` ClusterRoles count as allowing it. A role that is neither in the workspace nor built in is
not reported, since it may live only in the cluster; the \`missingRole\` option reports it, as Polaris does.`,
  remediation: 'Bind a role without `pods/exec` and `pods/attach`, or restrict the binding to the people who debug pods.',
  check(ctx) {
    const out: Finding[] = [];
    for (const obj of ctx.doc.objects) {
      if (!obj.kind || !BINDING_KINDS.has(obj.kind)) continue;
      const ref = roleRef(obj);
      if (!ref) continue;
      const role = boundRole(ctx, obj, ref);
      const builtIn = ref.kind === 'ClusterRole' && BUILT_IN.has(ref.name);
      const allows = role
        ? policyRules(role.value).some(grantsExecAttach)
        : builtIn
          ? BUILT_IN_EXEC.has(ref.name)
          : ctx.settings.option<boolean>('missingRole');
      const range = nodeRange(ctx.doc.lines, ref.nameNode);
      const why = role || builtIn ? 'which allows pods/exec or pods/attach' : 'which the workspace does not define';
      if (allows && range) out.push({ message: `${obj.kind} "${obj.name ?? ''}" grants ${ref.kind} "${ref.name}", ${why}.`, range });
    }
    return out;
  },
});
