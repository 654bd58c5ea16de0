import { isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { findPair, getIn, keyRange, nodeRange, scalarString } from '../../parse/yaml';

/** Per kind: the strategy field and the rolling type. */
const STRATEGY: Readonly<Record<string, { field: string; rolling: string }>> = {
  Deployment: { field: 'strategy', rolling: 'RollingUpdate' },
  StatefulSet: { field: 'updateStrategy', rolling: 'RollingUpdate' },
  DaemonSet: { field: 'updateStrategy', rolling: 'RollingUpdate' },
};

/** Updates that take every pod down at once. */
export const rule = defineRule({
  id: 'k8s/rolling-update',
  title: 'Update takes every pod down',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: ['kube-linter:no-rolling-update-strategy', 'kube-score:deployment-strategy'],
  options: {
    requireExplicit: {
      type: 'boolean',
      default: false,
      description: 'Also report a workload that does not state its strategy type (kube-linter reads no defaults).',
    },
  },
  docs: `A Deployment with \`strategy.type: Recreate\`, or a StatefulSet or DaemonSet with \`updateStrategy.type: OnDelete\`,
does not roll: \`Recreate\` stops every pod before starting new ones, \`OnDelete\` never updates a pod until someone
deletes it. A rolling update whose \`maxUnavailable\` is \`100%\` (or, for a Deployment, at least its \`replicas\`) takes
every pod down too (a number is only compared with a \`replicas\` the Deployment sets). Reported on the type or the \`maxUnavailable\` value. An unset type means \`RollingUpdate\`; the
\`requireExplicit\` option reports it anyway, on the \`spec\` key, as kube-linter does.`,
  remediation: 'Use `type: RollingUpdate` with a `maxUnavailable` below the replica count (for example 25% or 1).',
  check(ctx) {
    const out: Finding[] = [];
    const explicit = ctx.settings.option<boolean>('requireExplicit');
    for (const obj of ctx.doc.objects) {
      const s = obj.kind ? STRATEGY[obj.kind] : undefined;
      if (!s) continue;
      const spec = getIn(obj.root, ['spec']);
      const typeNode = getIn(spec, [s.field, 'type']);
      const type = scalarString(typeNode);
      if (type !== undefined && type !== s.rolling && !type.includes('{{')) {
        const range = nodeRange(ctx.doc.lines, typeNode);
        if (range) out.push({ message: `${obj.kind} "${obj.name ?? ''}" updates with ${type}, not a rolling update.`, range });
        continue;
      }
      if (type === undefined && explicit) {
        const range = keyRange(ctx.doc.lines, obj.root, 'spec');
        if (range) out.push({ message: `${obj.kind} "${obj.name ?? ''}" does not state its update strategy.`, range });
      }
      const mu = getIn(spec, [s.field, 'rollingUpdate', 'maxUnavailable']);
      if (!isScalar(mu)) continue;
      // Without `replicas` the count is the HPA's or unknown, so only 100% is sure to take every pod down.
      const replicas = findPair(spec, 'replicas');
      const count = isScalar(replicas?.value) && typeof replicas.value.value === 'number' ? replicas.value.value : undefined;
      const all =
        mu.value === '100%' ||
        (typeof mu.value === 'number' && obj.kind === 'Deployment' && count !== undefined && count > 0 && mu.value >= count);
      const range = all ? nodeRange(ctx.doc.lines, mu) : undefined;
      if (range) out.push({ message: `maxUnavailable ${String(mu.value)} lets the update take every pod down at once.`, range });
    }
    return out;
  },
});
