import { isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { containerSites, seqAt } from '../../k8s/pod';
import { nodeRange } from '../../parse/yaml';

/** Capabilities that amount to root on the node, or close to it. */
const DANGEROUS = new Set([
  'ALL',
  'SYS_ADMIN',
  'NET_ADMIN',
  'SYS_MODULE',
  'SYS_PTRACE',
  'SYS_RAWIO',
  'SYS_BOOT',
  'SYS_TIME',
  'DAC_READ_SEARCH',
  'BPF',
  'PERFMON',
  'MAC_ADMIN',
  'MAC_OVERRIDE',
  'NET_RAW',
]);

/** `capabilities.add` with capabilities that break container isolation. */
export const rule = defineRule({
  id: 'k8s/dangerous-capabilities',
  title: 'Dangerous capability added',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: ['polaris:dangerousCapabilities', 'checkov:CKV_K8S_25', 'checkov:CKV_K8S_39'],
  options: {
    capabilities: {
      type: 'string[]',
      default: [...DANGEROUS],
      description: 'The capabilities a container must not add.',
    },
  },
  docs: `Some Linux capabilities give a container most of root's power over the node: \`SYS_ADMIN\` (mounts,
namespaces), \`NET_ADMIN\` (routing, firewall), \`SYS_MODULE\` (kernel modules), \`SYS_PTRACE\` (read other
processes), \`BPF\`, \`NET_RAW\`, or simply \`ALL\`. Each added one is reported on its list item. The
\`capabilities\` option sets the list; Polaris' \`dangerousCapabilities\` is \`capabilities: [ALL, SYS_ADMIN,
NET_ADMIN]\`. Capabilities a container fails to drop are \`k8s/capabilities-drop-all\`'s concern.`,
  remediation: 'Remove the capability from `capabilities.add`, or isolate the workload on dedicated nodes if it truly needs it.',
  check(ctx) {
    const out: Finding[] = [];
    const dangerous = new Set(ctx.settings.option<string[]>('capabilities').map((c) => c.toUpperCase().replace(/^CAP_/, '')));
    for (const site of containerSites(ctx.doc)) {
      for (const item of seqAt(site.node, ['securityContext', 'capabilities', 'add'])) {
        if (!isScalar(item)) continue;
        const cap = String(item.value).toUpperCase().replace(/^CAP_/, '');
        if (!dangerous.has(cap)) continue;
        const range = nodeRange(ctx.doc.lines, item);
        if (range) out.push({ message: `Container "${site.name ?? site.index}" adds the ${cap} capability.`, range });
      }
    }
    return out;
  },
});
