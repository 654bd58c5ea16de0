import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { containerSites } from '../../k8s/pod';
import { findPair, getIn, nodeRange } from '../../parse/yaml';

/** Opt-in: ephemeral-storage requests and limits. */
export const rule = defineRule({
  id: 'k8s/ephemeral-storage',
  title: 'Ephemeral storage request/limit missing',
  severity: 'info',
  defaultEnabled: false,
  appliesTo: ['manifest'],
  aliases: ['kube-score:container-ephemeral-storage-request-and-limit', 'kube-linter:unset-ephemeral-storage-requirements'],
  docs: `Logs, \`emptyDir\` volumes and the container's writable layer use node disk. Without an \`ephemeral-storage\`
limit one pod can fill the disk and get every pod on the node evicted. Opt-in: many clusters handle this with
LimitRanges.`,
  remediation: 'Set `resources.requests.ephemeral-storage` and `resources.limits.ephemeral-storage`.',
  check(ctx) {
    const out: Finding[] = [];
    for (const site of containerSites(ctx.doc)) {
      if (site.field !== 'containers') continue;
      const missing = ['requests', 'limits'].filter((g) => getIn(site.node, ['resources', g, 'ephemeral-storage']) === undefined);
      if (!missing.length) continue;
      const range =
        nodeRange(ctx.doc.lines, findPair(site.node, 'resources')?.key) ?? nodeRange(ctx.doc.lines, findPair(site.node, 'name')?.value);
      if (range) out.push({ message: `Container "${site.name ?? site.index}" sets no ephemeral-storage ${missing.join(' or ')}.`, range });
    }
    return out;
  },
});
