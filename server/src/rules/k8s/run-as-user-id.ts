import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { containerSites, effective } from '../../k8s/pod';
import { findPair, nodeRange } from '../../parse/yaml';

/** `runAsNonRoot` without a numeric `runAsUser` depends on the image; low UIDs collide with host users. */
export const rule = defineRule({
  id: 'k8s/run-as-user-id',
  title: 'runAsUser missing or in the host range',
  severity: 'hint',
  appliesTo: ['manifest'],
  aliases: ['kube-score:container-security-context-user-group-id', 'checkov:CKV_K8S_40'],
  docs: `With \`runAsNonRoot: true\` but no \`runAsUser\`, the kubelet only starts the container when the image's
\`USER\` is numeric and non-zero; an image with \`USER app\` fails with "image has non-numeric user". A
\`runAsUser\` below 10000 can coincide with a real user on the node, which matters after a container escape.`,
  remediation: 'Set a numeric `runAsUser` (and `runAsGroup`) of 10000 or more.',
  check(ctx) {
    const out: Finding[] = [];
    for (const site of containerSites(ctx.doc)) {
      const user = effective(site, 'runAsUser');
      const nonRoot = effective(site, 'runAsNonRoot');
      if (typeof user.value === 'number' && user.value > 0 && user.value < 10000) {
        const range = nodeRange(ctx.doc.lines, user.node);
        if (range) out.push({ message: `runAsUser ${user.value} is below 10000 and may match a user on the node.`, range });
      } else if (user.value === undefined && nonRoot.value === true) {
        const range = nodeRange(ctx.doc.lines, nonRoot.node) ?? nodeRange(ctx.doc.lines, findPair(site.node, 'name')?.value);
        if (range)
          out.push({ message: 'runAsNonRoot without runAsUser only works with images whose USER is numeric; set runAsUser.', range });
      }
    }
    return out;
  },
});
