import { isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { containerSites } from '../../k8s/pod';
import { getIn, nodeRange } from '../../parse/yaml';

/** `procMount: Unmasked` exposes kernel interfaces the runtime normally hides. */
export const rule = defineRule({
  id: 'k8s/proc-mount',
  title: 'Unmasked /proc',
  severity: 'error',
  appliesTo: ['manifest'],
  aliases: ['kube-linter:unsafe-proc-mount', 'polaris:procMount'],
  docs: `Container runtimes mask and make read-only parts of \`/proc\` (\`/proc/kcore\`, \`/proc/sys\`, …).
\`procMount: Unmasked\` removes that protection; the Baseline Pod Security Standard forbids it.`,
  remediation: 'Remove `procMount` or set it to `Default`.',
  check(ctx) {
    const out: Finding[] = [];
    for (const site of containerSites(ctx.doc)) {
      const node = getIn(site.node, ['securityContext', 'procMount']);
      if (!isScalar(node) || node.value !== 'Unmasked') continue;
      const range = nodeRange(ctx.doc.lines, node);
      if (range) out.push({ message: `Container "${site.name ?? site.index}" mounts /proc unmasked.`, range });
    }
    return out;
  },
});
