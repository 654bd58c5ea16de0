import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { hardenFix } from '../../k8s/fixes';
import { containerAnchor, containerSites, type ContainerData } from '../../k8s/pod';
import { getIn, nodeRange } from '../../parse/yaml';
import { isScalar } from 'yaml';

/** `allowPrivilegeEscalation` defaults to true; setuid binaries can then gain privileges. */
export const rule = defineRule({
  id: 'k8s/privilege-escalation',
  title: 'Privilege escalation allowed',
  severity: 'warning',
  fixApplicability: 'unsafe',
  appliesTo: ['manifest'],
  aliases: ['kube-linter:privilege-escalation-container', 'polaris:privilegeEscalationAllowed', 'checkov:CKV_K8S_20'],
  options: {
    explicitOnly: {
      type: 'boolean',
      default: false,
      description: 'Report only an explicit `allowPrivilegeEscalation: true`, not an unset field (as kube-linter and Polaris do).',
    },
  },
  docs: `Unless a container's \`securityContext\` sets \`allowPrivilegeEscalation: false\`, a process in it can gain
more privileges than its parent (through setuid binaries or file capabilities). The field only exists on
containers, not on the pod. kube-linter's \`privilege-escalation-container\` and Polaris'
\`privilegeEscalationAllowed\` report only an explicit \`true\`; \`explicitOnly: true\` does the same.`,
  remediation: 'Set `allowPrivilegeEscalation: false` in every container `securityContext`.',
  check(ctx) {
    const out: Finding[] = [];
    const explicitOnly = ctx.settings.option<boolean>('explicitOnly');
    for (const site of containerSites(ctx.doc)) {
      const node = getIn(site.node, ['securityContext', 'allowPrivilegeEscalation']);
      if (isScalar(node) && node.value === false) continue;
      if (explicitOnly && !(isScalar(node) && node.value === true)) continue;
      const data: ContainerData = { doc: site.obj.docIndex, path: site.path };
      out.push({
        message: `Container "${site.name ?? site.index}" allows privilege escalation; set allowPrivilegeEscalation: false.`,
        range: nodeRange(ctx.doc.lines, node) ?? containerAnchor(ctx.doc.lines, site.node),
        data,
      });
    }
    return out;
  },
  fix: hardenFix,
});
