import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { hardenFix } from '../../k8s/fixes';
import { containerAnchor, containerSites, effective, type ContainerData } from '../../k8s/pod';
import { nodeRange } from '../../parse/yaml';

/** Containers must be kept from running as root: `runAsNonRoot: true` or a non-zero `runAsUser`. */
export const rule = defineRule({
  id: 'k8s/run-as-non-root',
  title: 'Container may run as root',
  severity: 'warning',
  fixApplicability: 'unsafe',
  appliesTo: ['manifest'],
  aliases: ['kube-linter:run-as-non-root', 'polaris:runAsRootAllowed', 'checkov:CKV_K8S_23'],
  docs: `A container whose security context (its own or the pod's) neither sets \`runAsNonRoot: true\` nor a
non-zero \`runAsUser\` runs as whatever user the image declares, which is root for most images. A process
escaping the container as root owns far more of the node. \`runAsUser: 0\` is reported on the value.`,
  remediation: 'Set `runAsNonRoot: true` (and a numeric `runAsUser`) in the pod or container `securityContext`.',
  check(ctx) {
    const out: Finding[] = [];
    for (const site of containerSites(ctx.doc)) {
      const data: ContainerData = { doc: site.obj.docIndex, path: site.path };
      const user = effective(site, 'runAsUser');
      if (user.value === 0) {
        out.push({
          message: 'The container runs as root (runAsUser: 0).',
          range: nodeRange(ctx.doc.lines, user.node) ?? containerAnchor(ctx.doc.lines, site.node),
          data,
        });
        continue;
      }
      const nonRoot = effective(site, 'runAsNonRoot');
      if (nonRoot.value === true || (typeof user.value === 'number' && user.value > 0)) continue;
      if (typeof user.value === 'string') continue;
      const range = nonRoot.value === false ? nodeRange(ctx.doc.lines, nonRoot.node) : undefined;
      out.push({
        message: `Container "${site.name ?? site.index}" may run as root: set runAsNonRoot: true or a non-zero runAsUser.`,
        range: range ?? containerAnchor(ctx.doc.lines, site.node),
        data,
      });
    }
    return out;
  },
  fix: hardenFix,
});
