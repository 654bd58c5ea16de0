import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';

/** `network_mode: host` and `pid: host` share the host's namespaces with the container. */
export const rule = defineRule({
  id: 'compose/host-namespace',
  title: "Compose service in the host's namespaces",
  severity: 'warning',
  appliesTo: ['compose'],
  aliases: [],
  docs: `Reports \`network_mode: host\` (the container sees and binds every host interface, \`ports:\` are ignored,
and the service cannot be reached by name from the others) and \`pid: host\` (the container sees and can signal
every process of the host). Neither carries over to a cluster, and both break the isolation Compose gives
services by default.`,
  remediation: 'Remove `network_mode: host` (publish the ports you need) and `pid: host`.',
  check(ctx) {
    const out: Finding[] = [];
    for (const s of ctx.doc.model.services) {
      if (s.networkMode?.value === 'host')
        out.push({
          message: `Service "${s.name}" uses the host's network: it can bind any host port and is not on the Compose network.`,
          range: s.networkMode.range,
        });
      if (s.pid?.value === 'host') out.push({ message: `Service "${s.name}" shares the host's process namespace.`, range: s.pid.range });
    }
    return out;
  },
});
