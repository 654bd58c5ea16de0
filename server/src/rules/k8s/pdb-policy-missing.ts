import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { findPair, getIn, keyRange } from '../../parse/yaml';

/** PDBs that state neither `minAvailable` nor `maxUnavailable`. */
export const rule = defineRule({
  id: 'k8s/pdb-policy-missing',
  title: 'PDB without minAvailable or maxUnavailable',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: ['kube-score:poddisruptionbudget-has-policy'],
  docs: `A PodDisruptionBudget's whole point is its \`minAvailable\` or \`maxUnavailable\`. Without either, the budget does
not say how many of its pods may be disrupted, and what it allows is left to API defaults nobody reviewed. Reported
on the \`spec\` key of such a budget.`,
  remediation: 'Set `maxUnavailable: 1` (or a `minAvailable` below the replica count).',
  check(ctx) {
    const out: Finding[] = [];
    for (const obj of ctx.doc.objects) {
      if (obj.kind !== 'PodDisruptionBudget') continue;
      const spec = getIn(obj.root, ['spec']);
      if (findPair(spec, 'minAvailable') || findPair(spec, 'maxUnavailable')) continue;
      const range = keyRange(ctx.doc.lines, obj.root, 'spec');
      if (range) out.push({ message: `PodDisruptionBudget "${obj.name ?? ''}" sets neither minAvailable nor maxUnavailable.`, range });
    }
    return out;
  },
});
