import { isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { containerSites, seqAt } from '../../k8s/pod';
import { getIn, nodeRange, scalarString } from '../../parse/yaml';

/** A container that exposes TCP port 22. */
export const rule = defineRule({
  id: 'k8s/ssh-port',
  title: 'SSH port exposed',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: ['kube-linter:ssh-port'],
  docs: `Port 22 is where SSH servers listen. An SSH daemon in a container is a second way in that bypasses
Kubernetes' authentication and audit (\`kubectl exec\` is the supported one), and port scanners try it first.
Reported on a container port 22 whose protocol is TCP (the default).`,
  remediation: 'Remove the SSH server and use `kubectl exec` or `kubectl debug`; if the service is not SSH, move it to another port.',
  check(ctx) {
    const out: Finding[] = [];
    for (const site of containerSites(ctx.doc)) {
      for (const p of seqAt(site.node, ['ports'])) {
        const n = getIn(p, ['containerPort']);
        if (!isScalar(n) || n.value !== 22) continue;
        if ((scalarString(getIn(p, ['protocol'])) ?? 'TCP') !== 'TCP') continue;
        const range = nodeRange(ctx.doc.lines, n);
        if (range) out.push({ message: `Container "${site.name ?? site.index}" exposes port 22 (SSH).`, range });
      }
    }
    return out;
  },
});
