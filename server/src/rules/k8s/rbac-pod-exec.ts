import { isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { seqAt } from '../../k8s/pod';
import { grantsExecAttach, ROLE_KINDS, ruleNodes } from '../../k8s/rbac';
import { nodeRange } from '../../parse/yaml';

/** A Role or ClusterRole that lets its subjects exec into or attach to pods. */
export const rule = defineRule({
  id: 'k8s/rbac-pod-exec',
  title: 'Role allows pods/exec or pods/attach',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: ['polaris:clusterrolePodExecAttach', 'polaris:rolePodExecAttach'],
  docs: `\`pods/exec\` and \`pods/attach\` give a shell in every pod the role reaches, with the pod's service account
token, mounted secrets and network position. Reported on a rule of a Role or ClusterRole whose \`apiGroups\` hold
\`""\` or \`*\`, whose \`resources\` hold \`pods/exec\`, \`pods/attach\` or \`*\`, and whose \`verbs\` hold \`create\`,
\`get\` (the streaming endpoint also answers a websocket \`GET\`) or \`*\`. The bindings that grant such a role are
reported by \`k8s/rbac-binding-pod-exec\`.`,
  remediation:
    'Remove `pods/exec` and `pods/attach` from the role, or keep them in a separate role bound only to the people who debug pods.',
  check(ctx) {
    const out: Finding[] = [];
    for (const obj of ctx.doc.objects) {
      if (!obj.kind || !ROLE_KINDS.has(obj.kind)) continue;
      for (const { node, rule } of ruleNodes(obj)) {
        if (!grantsExecAttach(rule)) continue;
        const item = seqAt(node, ['resources']).find(
          (n) => isScalar(n) && (n.value === 'pods/exec' || n.value === 'pods/attach' || n.value === '*'),
        );
        const range = nodeRange(ctx.doc.lines, item);
        if (range)
          out.push({ message: `${obj.kind} "${obj.name ?? ''}" allows ${String((item as { value?: unknown }).value)} on pods.`, range });
      }
    }
    return out;
  },
});
