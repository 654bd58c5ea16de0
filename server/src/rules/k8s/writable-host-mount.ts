import { isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { containerSites, seqAt } from '../../k8s/pod';
import { findPair, getIn, nodeRange, scalarString } from '../../parse/yaml';

/** A container mount of a `hostPath` volume without `readOnly: true`. */
export const rule = defineRule({
  id: 'k8s/writable-host-mount',
  title: 'Writable host mount',
  severity: 'warning',
  appliesTo: ['manifest'],
  defaultEnabled: false,
  aliases: ['kube-linter:writable-host-mount'],
  docs: `A container that can write to a \`hostPath\` volume can change the node's files: plant binaries other pods or
the kubelet run, fill the node's disk, or tamper with logs. Reported on each \`volumeMounts\` entry that mounts a
\`hostPath\` volume of the pod without \`readOnly: true\`. Opt-in, as log shippers and node agents mount host
directories by design.`,
  remediation: 'Set `readOnly: true` on the mount if the container only reads host files.',
  check(ctx) {
    const out: Finding[] = [];
    for (const site of containerSites(ctx.doc)) {
      const hostVolumes = new Set(
        seqAt(site.pod, ['volumes'])
          .filter((v) => findPair(v, 'hostPath'))
          .map((v) => scalarString(getIn(v, ['name']))),
      );
      if (!hostVolumes.size) continue;
      for (const m of seqAt(site.node, ['volumeMounts'])) {
        const name = getIn(m, ['name']);
        if (!hostVolumes.has(scalarString(name))) continue;
        const ro = getIn(m, ['readOnly']);
        if (isScalar(ro) && ro.value === true) continue;
        const range = nodeRange(ctx.doc.lines, name);
        if (range)
          out.push({
            message: `Container "${site.name ?? site.index}" mounts host volume "${scalarString(name) ?? ''}" writable.`,
            range,
          });
      }
    }
    return out;
  },
});
