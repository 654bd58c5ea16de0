import { isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { containerSites, seqAt } from '../../k8s/pod';
import { getIn, nodeRange } from '../../parse/yaml';

/** A container port below 1024. */
export const rule = defineRule({
  id: 'k8s/privileged-ports',
  title: 'Privileged container port',
  severity: 'warning',
  appliesTo: ['manifest'],
  defaultEnabled: false,
  aliases: ['kube-linter:privileged-ports'],
  docs: `Binding a port below 1024 inside the container takes root or the \`NET_BIND_SERVICE\` capability, which a
hardened container (non-root, all capabilities dropped) does not have. Reported on each \`containerPort\` from 1 to
1023. The Service in front can still expose port 80 or 443 and forward to an unprivileged \`targetPort\`. Opt-in.`,
  remediation: 'Listen on a port of 1024 or above (for example 8080) and map the Service port to it.',
  check(ctx) {
    const out: Finding[] = [];
    for (const site of containerSites(ctx.doc)) {
      for (const p of seqAt(site.node, ['ports'])) {
        const n = getIn(p, ['containerPort']);
        if (!isScalar(n) || typeof n.value !== 'number' || n.value < 1 || n.value >= 1024) continue;
        const range = nodeRange(ctx.doc.lines, n);
        if (range) out.push({ message: `Container "${site.name ?? site.index}" listens on privileged port ${n.value}.`, range });
      }
    }
    return out;
  },
});
