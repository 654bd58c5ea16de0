import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { seqAt } from '../../k8s/pod';
import { BINDING_KINDS } from '../../k8s/rbac';
import { getIn, nodeRange, scalarString } from '../../parse/yaml';

/** A binding whose subject is a namespace's `default` service account. */
export const rule = defineRule({
  id: 'k8s/rbac-default-service-account',
  title: 'Role bound to the default service account',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: [],
  docs: `Every pod that does not name a service account runs as its namespace's \`default\` one. A role bound to
\`default\` is therefore granted to all of them, including pods installed later by other teams or charts. Reported on
the \`name\` of a RoleBinding's or ClusterRoleBinding's subject of kind \`ServiceAccount\` named \`default\`.`,
  remediation: 'Create a ServiceAccount for the workload, bind the role to it, and set `serviceAccountName` in its pod spec.',
  check(ctx) {
    const out: Finding[] = [];
    for (const obj of ctx.doc.objects) {
      if (!obj.kind || !BINDING_KINDS.has(obj.kind)) continue;
      for (const s of seqAt(obj.root, ['subjects'])) {
        if (scalarString(getIn(s, ['kind'])) !== 'ServiceAccount') continue;
        const name = getIn(s, ['name']);
        if (scalarString(name) !== 'default') continue;
        const range = nodeRange(ctx.doc.lines, name);
        if (range) out.push({ message: `${obj.kind} "${obj.name ?? ''}" grants its role to the default service account.`, range });
      }
    }
    return out;
  },
});
