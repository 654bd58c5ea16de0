import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { workloads } from '../../k8s/pod';
import { findPair, keyRange, nodeRange } from '../../parse/yaml';

/** Pods without a priority class. */
export const rule = defineRule({
  id: 'k8s/priority-class',
  title: 'priorityClassName not set',
  severity: 'info',
  appliesTo: ['manifest'],
  defaultEnabled: false,
  aliases: ['kube-linter:priority-class-name', 'polaris:priorityClassNotSet'],
  docs: `Without \`priorityClassName\` a pod has the cluster's default priority, so under resource pressure the scheduler
may preempt it for a batch job, or fail to preempt a batch job for it. Reported on the pod spec's \`containers\` key.
Opt-in: clusters without priority classes get nothing from it.`,
  remediation: "Set `priorityClassName` to one of the cluster's PriorityClasses.",
  check(ctx) {
    const out: Finding[] = [];
    for (const w of workloads(ctx.doc)) {
      if (findPair(w.pod, 'priorityClassName')) continue;
      const range = keyRange(ctx.doc.lines, w.pod, 'containers') ?? nodeRange(ctx.doc.lines, w.pod);
      if (range) out.push({ message: 'The pod does not set priorityClassName.', range });
    }
    return out;
  },
});
