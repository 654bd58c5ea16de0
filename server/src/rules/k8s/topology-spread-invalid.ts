import { isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { seqAt, workloads } from '../../k8s/pod';
import { findPair, getIn, nodeRange, scalarString } from '../../parse/yaml';

const WHEN = new Set(['DoNotSchedule', 'ScheduleAnyway']);

/** Topology spread constraints the scheduler cannot apply as meant. */
export const rule = defineRule({
  id: 'k8s/topology-spread-invalid',
  title: 'Invalid topology spread constraint',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: ['kube-score:pod-topology-spread-constraints'],
  docs: `Each entry of \`topologySpreadConstraints\` needs a \`maxSkew\` of at least 1, a \`topologyKey\`, a
\`whenUnsatisfiable\` of \`DoNotSchedule\` or \`ScheduleAnyway\`, and a \`labelSelector\`: without the selector the
constraint counts no pods and spreads nothing; the others are rejected by the API server. Reported on the offending
value, or on the entry's first key when a field is missing.`,
  remediation: 'Give the constraint `maxSkew: 1`, a `topologyKey`, `whenUnsatisfiable` and a `labelSelector` matching the pods.',
  check(ctx) {
    const out: Finding[] = [];
    for (const w of workloads(ctx.doc)) {
      for (const c of seqAt(w.pod, ['topologySpreadConstraints'])) {
        const anchor = nodeRange(ctx.doc.lines, (c as { items?: { key?: unknown }[] }).items?.[0]?.key);
        const report = (node: unknown, message: string) => {
          const range = nodeRange(ctx.doc.lines, node) ?? anchor;
          if (range) out.push({ message, range });
        };
        const skew = getIn(c, ['maxSkew']);
        if (!isScalar(skew)) report(undefined, 'The constraint has no maxSkew.');
        else if (typeof skew.value === 'number' && skew.value < 1) report(skew, 'maxSkew must be at least 1.');
        if (!scalarString(getIn(c, ['topologyKey']))) report(getIn(c, ['topologyKey']), 'The constraint has no topologyKey.');
        const when = getIn(c, ['whenUnsatisfiable']);
        const wv = scalarString(when);
        if (wv === undefined) report(undefined, 'The constraint has no whenUnsatisfiable.');
        else if (!WHEN.has(wv) && !wv.includes('{{')) report(when, `whenUnsatisfiable must be DoNotSchedule or ScheduleAnyway, not ${wv}.`);
        if (!findPair(c, 'labelSelector')) report(undefined, 'The constraint has no labelSelector, so it counts no pods.');
      }
    }
    return out;
  },
});
