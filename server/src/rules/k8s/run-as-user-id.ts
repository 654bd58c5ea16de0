import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { containerAnchor, containerSites, effective } from '../../k8s/pod';
import { findPair, nodeRange } from '../../parse/yaml';

/** `runAsNonRoot` without a numeric `runAsUser` depends on the image; low UIDs collide with host users. */
export const rule = defineRule({
  id: 'k8s/run-as-user-id',
  title: 'runAsUser missing or in the host range',
  severity: 'hint',
  appliesTo: ['manifest'],
  aliases: ['kube-score:container-security-context-user-group-id', 'checkov:CKV_K8S_40'],
  options: {
    strict: {
      type: 'boolean',
      default: false,
      description: 'Report every container whose runAsUser or runAsGroup is unset or below 10000 (as kube-score does).',
    },
  },
  docs: `With \`runAsNonRoot: true\` but no \`runAsUser\`, the kubelet only starts the container when the image's
\`USER\` is numeric and non-zero; an image with \`USER app\` fails with "image has non-numeric user". A
\`runAsUser\` below 10000 can coincide with a real user on the node, which matters after a container escape.
kube-score's \`container-security-context-user-group-id\` also asks for \`runAsGroup\` and reports unset values;
\`strict: true\` does the same (on the value, or the container's name when unset).`,
  remediation: 'Set a numeric `runAsUser` (and `runAsGroup`) of 10000 or more.',
  check(ctx) {
    const out: Finding[] = [];
    if (ctx.settings.option<boolean>('strict')) {
      for (const site of containerSites(ctx.doc)) {
        for (const field of ['runAsUser', 'runAsGroup']) {
          const v = effective(site, field);
          if (typeof v.value === 'number' && v.value >= 10000) continue;
          const range = nodeRange(ctx.doc.lines, v.node) ?? containerAnchor(ctx.doc.lines, site.node);
          out.push({
            message: `Container "${site.name ?? site.index}" ${field} is ${v.value === undefined ? 'unset' : `${String(v.value)}, below 10000`}.`,
            range,
          });
        }
      }
      return out;
    }
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
