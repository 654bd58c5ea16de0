import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { seqAt, workloads } from '../../k8s/pod';
import { getIn, nodeRange, scalarString } from '../../parse/yaml';

/** The sysctls Kubernetes considers safe (namespaced and isolated), as of 1.33. */
const SAFE = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
]);

/** Pod sysctls outside the safe set. */
export const rule = defineRule({
  id: 'k8s/unsafe-sysctls',
  title: 'Unsafe sysctl',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: ['kube-linter:unsafe-sysctls'],
  docs: `Only a small set of sysctls is namespaced and safe to set per pod. Others affect the whole node or other
pods; the kubelet rejects pods that use them unless an administrator allow-lists them (\`--allowed-unsafe-sysctls\`),
so the pod fails with \`SysctlForbidden\`.`,
  remediation: 'Remove the sysctl, or allow-list it on dedicated nodes and schedule the pod there.',
  check(ctx) {
    const out: Finding[] = [];
    for (const w of workloads(ctx.doc)) {
      for (const s of seqAt(w.pod, ['securityContext', 'sysctls'])) {
        const nameNode = getIn(s, ['name']);
        const name = scalarString(nameNode);
        if (name === undefined || SAFE.has(name)) continue;
        const range = nodeRange(ctx.doc.lines, nameNode);
        if (range) out.push({ message: `The sysctl ${name} is not in the safe set; the kubelet rejects it unless allow-listed.`, range });
      }
    }
    return out;
  },
});
