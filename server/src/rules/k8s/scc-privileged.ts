import { isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { getIn, nodeRange } from '../../parse/yaml';

/** OpenShift SecurityContextConstraints that admit privileged containers. */
export const rule = defineRule({
  id: 'k8s/scc-privileged',
  title: 'SecurityContextConstraints allow privileged containers',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: ['kube-linter:scc-deny-privileged-container'],
  docs: `On OpenShift, a SecurityContextConstraints object with \`allowPrivilegedContainer: true\` lets every user and service
account it is granted to run privileged containers, which have the node's full power. Reported on the value.`,
  remediation: 'Set `allowPrivilegedContainer: false`, and grant a privileged SCC only to the few service accounts that need it.',
  check(ctx) {
    const out: Finding[] = [];
    for (const obj of ctx.doc.objects) {
      if (obj.kind !== 'SecurityContextConstraints') continue;
      const node = getIn(obj.root, ['allowPrivilegedContainer']);
      const range = isScalar(node) && node.value === true ? nodeRange(ctx.doc.lines, node) : undefined;
      if (range) out.push({ message: `SecurityContextConstraints "${obj.name ?? ''}" allow privileged containers.`, range });
    }
    return out;
  },
});
