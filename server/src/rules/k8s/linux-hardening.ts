import { isScalar, type Node } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { containerAnchor, containerSites, seqAt } from '../../k8s/pod';
import { getIn } from '../../parse/yaml';

/** Whether a security context confines the process with seccomp, SELinux or AppArmor. */
function confined(sc: Node | undefined): boolean {
  if (!sc) return false;
  const seccomp = getIn(sc, ['seccompProfile', 'type']);
  const apparmor = getIn(sc, ['appArmorProfile', 'type']);
  return (
    (isScalar(seccomp) && seccomp.value !== 'Unconfined') ||
    (isScalar(apparmor) && apparmor.value !== 'Unconfined') ||
    getIn(sc, ['seLinuxOptions']) !== undefined
  );
}

/** Whether the pod's AppArmor annotation (before `appArmorProfile`) confines a container. */
function annotated(podMeta: Node | undefined, name: string | undefined): boolean {
  const v = getIn(podMeta, ['annotations', `container.apparmor.security.beta.kubernetes.io/${name ?? ''}`]);
  return isScalar(v) && v.value !== 'unconfined';
}

/** Containers with none of seccomp, SELinux, AppArmor or dropped capabilities. */
export const rule = defineRule({
  id: 'k8s/linux-hardening',
  title: 'No Linux hardening',
  severity: 'warning',
  appliesTo: ['manifest'],
  defaultEnabled: false,
  aliases: ['polaris:linuxHardening'],
  docs: `A container should be confined by at least one Linux security mechanism: a seccomp profile, SELinux
options, an AppArmor profile (the \`appArmorProfile\` field or the older pod annotation), or \`capabilities.drop: [ALL]\`.
Any one of them, on the container or (except capabilities) on the pod, is enough; \`Unconfined\` profiles do not
count. Reported on each container with none. \`k8s/seccomp-profile\` and \`k8s/capabilities-drop-all\` ask for
specific ones; this opt-in rule is the lenient form Polaris checks.`,
  remediation: 'Set `securityContext.seccompProfile.type: RuntimeDefault` on the pod, or drop ALL capabilities in each container.',
  check(ctx) {
    const out: Finding[] = [];
    for (const site of containerSites(ctx.doc)) {
      if (site.field === 'ephemeralContainers') continue;
      if (confined(getIn(site.pod, ['securityContext'])) || confined(getIn(site.node, ['securityContext']))) continue;
      const drops = seqAt(site.node, ['securityContext', 'capabilities', 'drop']);
      if (drops.some((d) => isScalar(d) && String(d.value).toUpperCase() === 'ALL')) continue;
      const meta =
        site.podPath.length > 1 ? getIn(site.obj.root, [...site.podPath.slice(0, -1), 'metadata']) : getIn(site.obj.root, ['metadata']);
      if (annotated(meta, site.name)) continue;
      out.push({
        message: `Container "${site.name ?? site.index}" has no seccomp, SELinux or AppArmor profile and does not drop ALL capabilities.`,
        range: containerAnchor(ctx.doc.lines, site.node),
      });
    }
    return out;
  },
});
