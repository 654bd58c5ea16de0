import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { dig } from '../../k8s/pod';
import { findPair, getIn, keyRange } from '../../parse/yaml';
import { objectLabelStart } from '../../k8s/naming';

/** Finished standalone Jobs should clean themselves up. */
export const rule = defineRule({
  id: 'k8s/job-ttl',
  title: 'Job without ttlSecondsAfterFinished',
  severity: 'info',
  appliesTo: ['manifest'],
  aliases: ['kube-linter:job-ttl-seconds-after-finished'],
  docs: `A standalone Job and its pods stay in the cluster after they finish until someone deletes them; with
\`ttlSecondsAfterFinished\` the TTL controller removes them. Jobs deleted by Helm or Argo CD hook policies are not
reported, nor are Jobs created by CronJobs (whose history limits apply).`,
  remediation: 'Set `spec.ttlSecondsAfterFinished` (for example 86400).',
  check(ctx) {
    const out: Finding[] = [];
    for (const obj of ctx.doc.objects) {
      if (obj.kind !== 'Job') continue;
      const spec = getIn(obj.root, ['spec']);
      if (findPair(spec, 'ttlSecondsAfterFinished')) continue;
      const ann = dig(obj.value, 'metadata', 'annotations');
      if (
        typeof ann === 'object' &&
        ann !== null &&
        ('helm.sh/hook-delete-policy' in ann || 'argocd.argoproj.io/hook-delete-policy' in ann || 'argocd.argoproj.io/hook' in ann)
      )
        continue;
      const range = keyRange(ctx.doc.lines, obj.root, 'spec');
      if (range)
        out.push({ message: `${objectLabelStart(obj, 'Job')} is never cleaned up after it finishes; set ttlSecondsAfterFinished.`, range });
    }
    return out;
  },
});
