import { isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { containerAnchor, containerSites } from '../../k8s/pod';
import { getIn, nodeRange } from '../../parse/yaml';

/** A writable root filesystem lets an attacker drop tools and persist changes in the container. */
export const rule = defineRule({
  id: 'k8s/read-only-root-filesystem',
  title: 'Root filesystem is writable',
  severity: 'info',
  appliesTo: ['manifest'],
  aliases: [
    'kube-linter:no-read-only-root-fs',
    'polaris:notReadOnlyRootFilesystem',
    'kube-score:container-security-context-readonlyrootfilesystem',
    'checkov:CKV_K8S_22',
  ],
  docs: `Without \`readOnlyRootFilesystem: true\` a compromised process can write binaries and configuration into
the container's filesystem. Most services only need a writable \`/tmp\` (an \`emptyDir\`) and their data volumes;
\`k8s/read-only-root-tmp\` offers to add the \`/tmp\` volume once the flag is on. Init containers are not reported.`,
  remediation: 'Set `readOnlyRootFilesystem: true` in the container `securityContext` and mount writable paths as volumes.',
  check(ctx) {
    const out: Finding[] = [];
    for (const site of containerSites(ctx.doc)) {
      if (site.field !== 'containers') continue;
      const node = getIn(site.node, ['securityContext', 'readOnlyRootFilesystem']);
      if (isScalar(node) && node.value === true) continue;
      out.push({
        message: `Container "${site.name ?? site.index}" has a writable root filesystem.`,
        range: nodeRange(ctx.doc.lines, node) ?? containerAnchor(ctx.doc.lines, site.node),
      });
    }
    return out;
  },
});
