import { isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { containerSites, workloads } from '../../k8s/pod';
import { getIn, nodeRange } from '../../parse/yaml';

/** Windows `hostProcess` containers. */
export const rule = defineRule({
  id: 'k8s/host-process',
  title: 'Windows hostProcess container',
  severity: 'error',
  appliesTo: ['manifest'],
  aliases: ['polaris:hostProcess'],
  docs: `\`securityContext.windowsOptions.hostProcess: true\` runs a Windows container as a process on the node, with
the node's network and file system: the Windows counterpart of a privileged container. The Baseline Pod Security
Standard forbids it. Reported on the value, in the pod's or a container's security context.`,
  remediation: 'Remove `hostProcess: true`, or run the node agent that needs it in a namespace reserved for it.',
  check(ctx) {
    const out: Finding[] = [];
    const report = (node: unknown, what: string) => {
      const range = isScalar(node) && node.value === true ? nodeRange(ctx.doc.lines, node) : undefined;
      if (range) out.push({ message: `${what} runs as a Windows host process.`, range });
    };
    for (const w of workloads(ctx.doc)) report(getIn(w.pod, ['securityContext', 'windowsOptions', 'hostProcess']), 'The pod');
    for (const site of containerSites(ctx.doc))
      report(getIn(site.node, ['securityContext', 'windowsOptions', 'hostProcess']), `Container "${site.name ?? site.index}"`);
    return out;
  },
});
