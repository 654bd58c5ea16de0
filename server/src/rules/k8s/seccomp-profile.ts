import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { hardenFix } from '../../k8s/fixes';
import { containerAnchor, containerSites, dig, effective, type ContainerData } from '../../k8s/pod';
import { getIn, nodeRange } from '../../parse/yaml';

/** Containers should run with the runtime's default seccomp profile (or a stricter one). */
export const rule = defineRule({
  id: 'k8s/seccomp-profile',
  title: 'No seccomp profile',
  severity: 'info',
  fixApplicability: 'unsafe',
  appliesTo: ['manifest'],
  aliases: ['kube-score:container-seccomp-profile', 'checkov:CKV_K8S_31'],
  docs: `Without a seccomp profile a container may call every system call the kernel offers, including rarely
needed ones with a history of privilege-escalation bugs. \`seccompProfile.type: RuntimeDefault\` on the pod
blocks those at almost no compatibility cost; \`Unconfined\` is reported on the value.`,
  remediation: 'Set `securityContext.seccompProfile.type: RuntimeDefault` on the pod (or each container).',
  check(ctx) {
    const out: Finding[] = [];
    for (const site of containerSites(ctx.doc)) {
      const prof = effective(site, 'seccompProfile');
      const data: ContainerData = { doc: site.obj.docIndex, path: site.path };
      if (prof.value !== undefined) {
        const type = getIn(prof.node, ['type']);
        const json = prof.node?.toJSON() as unknown;
        if (dig(json, 'type') === 'Unconfined')
          out.push({
            message: 'seccompProfile Unconfined disables system-call filtering.',
            range: nodeRange(ctx.doc.lines, type) ?? containerAnchor(ctx.doc.lines, site.node),
          });
        continue;
      }
      const annotations = dig(site.obj.value, ...site.podPath.slice(0, -1), 'metadata', 'annotations');
      if (dig(annotations, 'seccomp.security.alpha.kubernetes.io/pod') !== undefined) continue;
      out.push({
        message: `Container "${site.name ?? site.index}" runs without a seccomp profile.`,
        range: containerAnchor(ctx.doc.lines, site.node),
        data,
      });
    }
    return out;
  },
  fix: hardenFix,
});
