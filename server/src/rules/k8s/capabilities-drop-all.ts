import { isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { dropAllFix } from '../../k8s/fixes';
import { containerAnchor, containerSites, seqAt, type ContainerData } from '../../k8s/pod';
import { getIn, nodeRange } from '../../parse/yaml';

/** Containers should start from no capabilities and add back only what they need. */
export const rule = defineRule({
  id: 'k8s/capabilities-drop-all',
  title: 'Capabilities not dropped',
  severity: 'warning',
  fixApplicability: 'unsafe',
  appliesTo: ['manifest'],
  aliases: ['kube-linter:drop-net-raw-capability', 'checkov:CKV_K8S_28', 'checkov:CKV_K8S_37'],
  docs: `Container runtimes grant a default set of Linux capabilities, among them \`NET_RAW\` (craft packets,
spoof traffic) and \`CHOWN\`/\`SETUID\`. Dropping \`ALL\` and adding back only what the process needs (often
nothing, sometimes \`NET_BIND_SERVICE\`) removes that surface.`,
  remediation: 'Add `capabilities: { drop: [ALL] }` to the container `securityContext` and add back only what is needed.',
  check(ctx) {
    const out: Finding[] = [];
    for (const site of containerSites(ctx.doc)) {
      const drops = seqAt(site.node, ['securityContext', 'capabilities', 'drop']);
      if (drops.some((d) => isScalar(d) && String(d.value).toUpperCase() === 'ALL')) continue;
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
