import { defineRule } from '../../engine/rule';
import { WORKLOAD_KINDS } from '../../k8s/workloads';
import type { Finding } from '../../engine/types';
import { getIn, keyRange, nodeRange, scalarString } from '../../parse/yaml';

const LABEL = 'app.kubernetes.io/instance';

/** Workloads whose `app.kubernetes.io/instance` label is not their name. */
export const rule = defineRule({
  id: 'k8s/instance-label',
  title: 'Instance label does not match the name',
  severity: 'info',
  appliesTo: ['manifest'],
  defaultEnabled: false,
  aliases: ['polaris:metadataAndInstanceMismatched'],
  docs: `Dashboards, cost reports and \`kubectl get -l\` find a workload through the recommended label
\`app.kubernetes.io/instance\`; teams that key on it want it equal to the workload's \`metadata.name\`. Reported on the
label's value when it differs, or on \`metadata\` when a workload has no such label. Opt-in: Helm charts set the label
to the release name, which is often not the object's name.`,
  remediation: 'Set the `app.kubernetes.io/instance` label to the value of `metadata.name`.',
  check(ctx) {
    const out: Finding[] = [];
    for (const obj of ctx.doc.objects) {
      if (!obj.kind || !WORKLOAD_KINDS.includes(obj.kind) || !obj.name || obj.name.includes('{{')) continue;
      const node = getIn(obj.root, ['metadata', 'labels', LABEL]);
      const value = scalarString(node);
      if (value === obj.name || value?.includes('{{')) continue;
      const range = value !== undefined ? nodeRange(ctx.doc.lines, node) : keyRange(ctx.doc.lines, obj.root, 'metadata');
      if (range)
        out.push({
          message:
            value !== undefined
              ? `Label ${LABEL} is "${value}", not the name "${obj.name}".`
              : `${obj.kind} "${obj.name}" has no ${LABEL} label.`,
          range,
        });
    }
    return out;
  },
});
