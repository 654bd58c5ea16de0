import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { seqAt } from '../../k8s/pod';
import { getIn, keyRange } from '../../parse/yaml';

/** Ingresses that serve plain HTTP only. */
export const rule = defineRule({
  id: 'k8s/ingress-tls',
  title: 'Ingress without TLS',
  severity: 'info',
  appliesTo: ['manifest'],
  aliases: ['polaris:tlsSettingsMissing'],
  docs: `An Ingress without \`spec.tls\` serves its hosts over plain HTTP unless the controller or a load balancer in front
terminates TLS, so credentials and cookies cross the network readable. Reported on the \`spec\` key of an Ingress with
no \`tls\` entry.`,
  remediation: 'Add `spec.tls` with the hosts and the Secret holding their certificate (cert-manager can issue it).',
  check(ctx) {
    const out: Finding[] = [];
    for (const obj of ctx.doc.objects) {
      if (obj.kind !== 'Ingress') continue;
      if (seqAt(obj.root, ['spec', 'tls']).length) continue;
      const range = keyRange(ctx.doc.lines, obj.root, 'spec');
      if (range && getIn(obj.root, ['spec'])) out.push({ message: `Ingress "${obj.name ?? ''}" has no TLS settings.`, range });
    }
    return out;
  },
});
