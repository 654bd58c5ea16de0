import { isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { containerSites } from '../../k8s/pod';
import { getIn, nodeRange } from '../../parse/yaml';

/** A privileged container has every capability and every host device. */
export const rule = defineRule({
  id: 'k8s/privileged-container',
  title: 'Privileged container',
  severity: 'error',
  appliesTo: ['manifest'],
  aliases: [
    'kube-linter:privileged-container',
    'polaris:runAsPrivileged',
    'kube-score:container-security-context-privileged',
    'checkov:CKV_K8S_16',
  ],
  docs: `\`privileged: true\` turns off almost all isolation: the container gets every capability and the host's
devices, and root in it is root on the node. Only node agents (CNI, storage drivers) need it.`,
  remediation: 'Remove `privileged: true`; grant the one capability the workload needs instead.',
  check(ctx) {
    const out: Finding[] = [];
    for (const site of containerSites(ctx.doc)) {
      const node = getIn(site.node, ['securityContext', 'privileged']);
      if (!isScalar(node) || node.value !== true) continue;
      const range = nodeRange(ctx.doc.lines, node);
      if (range) out.push({ message: `Container "${site.name ?? site.index}" runs privileged.`, range });
    }
    return out;
  },
});
