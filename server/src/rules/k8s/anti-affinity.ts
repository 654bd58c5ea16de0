import { isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { podSpecOf } from '../../k8s/workloads';
import { findPair, getIn, nodeRange } from '../../parse/yaml';

const KINDS = new Set(['Deployment', 'StatefulSet']);

/** Opt-in: replicas should be spread over nodes or zones. */
export const rule = defineRule({
  id: 'k8s/anti-affinity',
  title: 'Replicas not spread across nodes',
  severity: 'info',
  defaultEnabled: false,
  appliesTo: ['manifest'],
  aliases: [
    'kube-linter:no-anti-affinity',
    'kube-score:deployment-has-host-podantiaffinity',
    'kube-score:statefulset-has-host-podantiaffinity',
  ],
  docs: `Without \`podAntiAffinity\` or \`topologySpreadConstraints\` the scheduler may place every replica on one node,
and losing that node takes the whole service down. Opt-in, since small clusters cannot always spread.`,
  remediation: 'Add `topologySpreadConstraints` (on `kubernetes.io/hostname` or a zone) or a preferred `podAntiAffinity`.',
  check(ctx) {
    const out: Finding[] = [];
    for (const obj of ctx.doc.objects) {
      if (!obj.kind || !KINDS.has(obj.kind)) continue;
      const pair = findPair(getIn(obj.root, ['spec']), 'replicas');
      if (!pair || !isScalar(pair.value) || typeof pair.value.value !== 'number' || pair.value.value < 2) continue;
      const pod = podSpecOf(obj)?.node;
      if (!pod || getIn(pod, ['affinity', 'podAntiAffinity']) || findPair(pod, 'topologySpreadConstraints')) continue;
      const range = nodeRange(ctx.doc.lines, pair.value);
      if (range)
        out.push({
          message: `${pair.value.value} replicas without podAntiAffinity or topologySpreadConstraints may share one node.`,
          range,
        });
    }
    return out;
  },
});
