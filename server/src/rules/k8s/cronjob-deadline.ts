import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { findPair, getIn, keyRange, nodeRange } from '../../parse/yaml';
import { objectLabelStart } from '../../k8s/naming';

/** CronJobs should bound how late a run may start and say whether runs may overlap. */
export const rule = defineRule({
  id: 'k8s/cronjob-deadline',
  title: 'CronJob without a starting deadline or concurrency policy',
  severity: 'info',
  appliesTo: ['manifest'],
  aliases: ['kube-score:cronjob-has-deadline'],
  options: {
    concurrencyPolicy: {
      type: 'boolean',
      default: true,
      description: 'Also require `concurrencyPolicy` (kube-score asks only for `startingDeadlineSeconds`).',
    },
  },
  docs: `Without \`startingDeadlineSeconds\` a CronJob whose controller was down catches up with missed runs, and after
100 missed schedules stops scheduling altogether. Without \`concurrencyPolicy\` (default \`Allow\`) a slow run and
the next one overlap. kube-score's \`cronjob-has-deadline\` asks only for the deadline: \`concurrencyPolicy: false\`.`,
  remediation: 'Set `startingDeadlineSeconds` and a `concurrencyPolicy` (`Forbid` or `Replace`).',
  check(ctx) {
    const out: Finding[] = [];
    for (const obj of ctx.doc.objects) {
      if (obj.kind !== 'CronJob') continue;
      const spec = getIn(obj.root, ['spec']);
      const wanted = ctx.settings.option<boolean>('concurrencyPolicy')
        ? ['startingDeadlineSeconds', 'concurrencyPolicy']
        : ['startingDeadlineSeconds'];
      const missing = wanted.filter((k) => !findPair(spec, k));
      if (!missing.length) continue;
      const range = nodeRange(ctx.doc.lines, getIn(spec, ['schedule'])) ?? keyRange(ctx.doc.lines, obj.root, 'spec');
      if (range) out.push({ message: `${objectLabelStart(obj, 'CronJob')} sets no ${missing.join(' and no ')}.`, range });
    }
    return out;
  },
});
