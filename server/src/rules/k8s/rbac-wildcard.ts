import { isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { seqAt } from '../../k8s/pod';
import { ROLE_KINDS } from '../../k8s/rbac';
import { nodeRange } from '../../parse/yaml';

/** `*` in the verbs or resources of a role's rules. */
export const rule = defineRule({
  id: 'k8s/rbac-wildcard',
  title: 'Wildcard in role rules',
  severity: 'warning',
  appliesTo: ['manifest'],
  defaultEnabled: false,
  aliases: ['kube-linter:wildcard-in-rules'],
  options: {
    apiGroups: {
      type: 'boolean',
      default: false,
      description: 'Also report `*` in `apiGroups` (kube-linter looks at `verbs` and `resources` only).',
    },
  },
  docs: `A \`*\` in a Role's or ClusterRole's \`verbs\` or \`resources\` grants whatever the API server adds later:
new subresources, the resources of every CRD installed after the role, verbs such as \`escalate\` and \`bind\`.
Each \`*\` item is reported. With the \`apiGroups\` option, \`*\` in \`apiGroups\` is reported too. Opt-in, as
operators and admin roles often need wildcards.`,
  remediation: 'List the resources and verbs the subject needs instead of `*`.',
  check(ctx) {
    const out: Finding[] = [];
    const keys = ctx.settings.option<boolean>('apiGroups') ? ['apiGroups', 'resources', 'verbs'] : ['resources', 'verbs'];
    for (const obj of ctx.doc.objects) {
      if (!obj.kind || !ROLE_KINDS.has(obj.kind)) continue;
      for (const r of seqAt(obj.root, ['rules'])) {
        for (const key of keys) {
          for (const item of seqAt(r, [key])) {
            const range = isScalar(item) && item.value === '*' ? nodeRange(ctx.doc.lines, item) : undefined;
            if (range) out.push({ message: `${obj.kind} "${obj.name ?? ''}" grants every one of its ${key} (\`*\`).`, range });
          }
        }
      }
    }
    return out;
  },
});
