import { isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { dig, sameNamespace, selectorMatches, workspacePods } from '../../k8s/pod';
import { getIn, nodeRange } from '../../parse/yaml';
import { objectLabel } from '../../k8s/naming';

/** A PDB that allows no disruption blocks node drains forever. */
export const rule = defineRule({
  id: 'k8s/pdb-blocks-eviction',
  title: 'PodDisruptionBudget allows no disruption',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: ['polaris:pdbDisruptionsIsZero', 'kube-linter:pdb-max-unavailable', 'kube-linter:pdb-min-available'],
  docs: `\`maxUnavailable: 0\`, \`minAvailable: 100%\`, or a \`minAvailable\` at least the replica count of the workload it
selects means no pod may ever be evicted voluntarily: \`kubectl drain\` and managed node upgrades hang until
someone deletes the budget by hand.`,
  remediation: 'Allow at least one disruption: `maxUnavailable: 1`, or a `minAvailable` below the replica count.',
  check(ctx) {
    const out: Finding[] = [];
    for (const obj of ctx.doc.objects) {
      if (obj.kind !== 'PodDisruptionBudget') continue;
      const maxU = getIn(obj.root, ['spec', 'maxUnavailable']);
      const minA = getIn(obj.root, ['spec', 'minAvailable']);
      const mu = isScalar(maxU) ? maxU.value : undefined;
      const ma = isScalar(minA) ? minA.value : undefined;
      if (mu === 0 || mu === '0%' || mu === '0') {
        const range = nodeRange(ctx.doc.lines, maxU);
        if (range) out.push({ message: 'maxUnavailable 0 blocks every voluntary eviction (node drains hang).', range });
        continue;
      }
      if (ma === '100%') {
        const range = nodeRange(ctx.doc.lines, minA);
        if (range) out.push({ message: 'minAvailable 100% blocks every voluntary eviction (node drains hang).', range });
        continue;
      }
      if (typeof ma !== 'number') continue;
      const selector = dig(obj.value, 'spec', 'selector');
      if (selector === undefined) continue;
      for (const pods of workspacePods(ctx)) {
        if (!sameNamespace(pods.obj.namespace, obj.namespace) || !selectorMatches(selector, pods.labels)) continue;
        const replicas = dig(pods.obj.value, 'spec', 'replicas');
        if (typeof replicas !== 'number' || replicas > ma) continue;
        const range = nodeRange(ctx.doc.lines, minA);
        if (range)
          out.push({
            message: `minAvailable ${ma} with ${replicas} replica(s) of ${objectLabel(pods.obj)} allows no eviction.`,
            range,
          });
        break;
      }
    }
    return out;
  },
});
