import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { containerSites, seqAt } from '../../k8s/pod';
import { getIn, nodeRange } from '../../parse/yaml';

/** `hostPort` binds a port on the node itself. */
export const rule = defineRule({
  id: 'k8s/host-port',
  title: 'hostPort used',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: ['polaris:hostPortSet', 'checkov:CKV_K8S_26'],
  docs: `A container port with \`hostPort\` is reachable on the node's address, bypassing Services and network
policies, and limits scheduling to one such pod per node.`,
  remediation: 'Remove `hostPort` and expose the port through a Service.',
  check(ctx) {
    const out: Finding[] = [];
    for (const site of containerSites(ctx.doc)) {
      for (const port of seqAt(site.node, ['ports'])) {
        const hp = getIn(port, ['hostPort']);
        const range = nodeRange(ctx.doc.lines, hp);
        if (range)
          out.push({ message: `Container "${site.name ?? site.index}" binds hostPort ${String(hp?.toJSON())} on the node.`, range });
      }
    }
    return out;
  },
});
