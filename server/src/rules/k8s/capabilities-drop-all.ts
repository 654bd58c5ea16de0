import { isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { dropAllFix } from '../../k8s/fixes';
import { containerAnchor, containerSites, seqAt, type ContainerData } from '../../k8s/pod';
import { getIn, nodeRange } from '../../parse/yaml';

/** A capability name as the runtime reads it: upper case, without the `CAP_` prefix. */
function capName(s: string): string {
  return s.toUpperCase().replace(/^CAP_/, '');
}

/** Containers should start from no capabilities and add back only what they need. */
export const rule = defineRule({
  id: 'k8s/capabilities-drop-all',
  title: 'Capabilities not dropped',
  severity: 'warning',
  fixApplicability: 'unsafe',
  appliesTo: ['manifest'],
  aliases: ['kube-linter:drop-net-raw-capability', 'polaris:insecureCapabilities', 'checkov:CKV_K8S_28', 'checkov:CKV_K8S_37'],
  options: {
    required: {
      type: 'string[]',
      default: ['ALL'],
      description: 'The capabilities every container must drop; dropping `ALL` always satisfies the rule.',
    },
  },
  docs: `Container runtimes grant a default set of Linux capabilities, among them \`NET_RAW\` (craft packets,
spoof traffic) and \`CHOWN\`/\`SETUID\`. Dropping \`ALL\` and adding back only what the process needs (often
nothing, sometimes \`NET_BIND_SERVICE\`) removes that surface. The \`required\` option lists what must be dropped
(default \`[ALL]\`); a container that drops \`ALL\` always passes. kube-linter's \`drop-net-raw-capability\` is
\`required: [NET_RAW]\`; Polaris' \`insecureCapabilities\` is \`required: [NET_ADMIN, CHOWN, DAC_OVERRIDE, FSETID,
FOWNER, MKNOD, NET_RAW, SETGID, SETUID, SETFCAP, SETPCAP, NET_BIND_SERVICE, SYS_CHROOT, KILL, AUDIT_WRITE]\`.
Capabilities added back are \`k8s/dangerous-capabilities\`' concern.`,
  remediation: 'Add `capabilities: { drop: [ALL] }` to the container `securityContext` and add back only what is needed.',
  check(ctx) {
    const out: Finding[] = [];
    const required = ctx.settings.option<string[]>('required').map(capName);
    for (const site of containerSites(ctx.doc)) {
      const drops = new Set(
        seqAt(site.node, ['securityContext', 'capabilities', 'drop']).flatMap((d) => (isScalar(d) ? [capName(String(d.value))] : [])),
      );
      if (drops.has('ALL') || (required.length && required.every((c) => drops.has(c)))) continue;
      const drop = getIn(site.node, ['securityContext', 'capabilities', 'drop']);
      const data: ContainerData = { doc: site.obj.docIndex, path: site.path };
      out.push({
        message: `Container "${site.name ?? site.index}" does not drop ALL capabilities.`,
        range: nodeRange(ctx.doc.lines, drop) ?? containerAnchor(ctx.doc.lines, site.node),
        data,
      });
    }
    return out;
  },
  fix: dropAllFix,
});
