import { isMap, visit } from 'yaml';
import { defineRule } from '../../engine/rule';
import { rule as resourcesMissing } from '../k8s/resources-missing';
import type { Finding } from '../../engine/types';
import { isWorkloadChart } from '../../helm/security';
import { findPair, nodeRange, scalarString } from '../../parse/yaml';

/** `resources: {}` in a chart that runs pods: the values-file side of `k8s/resources-missing`. */
export const rule = defineRule({
  id: 'helm/values-resources-empty',
  title: 'Values leave container resources empty',
  severity: 'warning',
  appliesTo: ['helm-values'],
  // Same finding as the manifest rule, so the same peer suppressions apply.
  aliases: resourcesMissing.aliases,
  docs: `The values-file side of \`k8s/resources-missing\`, answering to the same tool ids: \`resources: {}\` (the
\`helm create\` default) in a chart whose templates create pods renders containers without CPU and memory
requests or limits. The scheduler then cannot place them sensibly and one of them can starve its node.
A \`resourcesPreset\` beside it (other than \`none\`), as Bitnami charts use, counts as set. Only flagged in charts that render a Deployment, StatefulSet, DaemonSet, Job, CronJob or Pod.`,
  remediation: 'Set `resources.requests` (cpu, memory) and `resources.limits.memory` to measured values.',
  check(ctx) {
    const doc = ctx.doc.docs[0];
    if (!doc || !isMap(doc.contents) || !ctx.chartRoot || !isWorkloadChart(ctx.chartRoot)) return [];
    const out: Finding[] = [];
    visit(doc, {
      Pair(_, pair, path) {
        const key = pair.key as { value?: unknown } | null;
        if (key?.value !== 'resources' || !isMap(pair.value) || pair.value.items.length !== 0) return;
        // Bitnami-style charts fill empty resources from a preset next to them.
        const parent = path[path.length - 1];
        const preset = isMap(parent) ? scalarString(findPair(parent, 'resourcesPreset')?.value) : undefined;
        if (preset && preset !== 'none') return;
        const range = nodeRange(ctx.doc.lines, pair.value);
        if (range) out.push({ message: 'resources is empty: containers get no CPU or memory requests or limits.', range });
      },
    });
    return out;
  },
});
