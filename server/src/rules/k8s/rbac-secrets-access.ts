import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { BINDING_KINDS, boundRole, grants, policyRules, roleRef } from '../../k8s/rbac';
import { nodeRange } from '../../parse/yaml';

const VERBS = ['get', 'list', 'watch', 'create', 'delete'];

/** A binding that grants access to Secrets. */
export const rule = defineRule({
  id: 'k8s/rbac-secrets-access',
  title: 'Binding grants access to Secrets',
  severity: 'warning',
  appliesTo: ['manifest'],
  defaultEnabled: false,
  aliases: ['kube-linter:access-to-secrets'],
  docs: `Whoever may read Secrets holds every password, token and key stored in them, including other service
accounts' tokens (CIS Benchmark 5.1.2). Reported on the \`roleRef\` of a RoleBinding or ClusterRoleBinding whose
role, found in the workspace, grants \`get\`, \`list\`, \`watch\`, \`create\`, \`delete\` or \`*\` on \`secrets\` or \`*\`.
Opt-in, as controllers that manage Secrets need such a role.`,
  remediation: 'Remove Secrets from the role, or mount the one Secret the workload needs instead of reading it through the API.',
  check(ctx) {
    const out: Finding[] = [];
    for (const obj of ctx.doc.objects) {
      if (!obj.kind || !BINDING_KINDS.has(obj.kind)) continue;
      const ref = roleRef(obj);
      const role = ref && boundRole(ctx, obj, ref);
      if (!ref || !role) continue;
      if (!policyRules(role.value).some((r) => grants(r, ['secrets'], VERBS))) continue;
      const range = nodeRange(ctx.doc.lines, ref.nameNode);
      if (range)
        out.push({ message: `${obj.kind} "${obj.name ?? ''}" grants ${ref.kind} "${ref.name}", which can read or change Secrets.`, range });
    }
    return out;
  },
});
