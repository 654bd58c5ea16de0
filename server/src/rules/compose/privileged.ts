import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';

/** `privileged: true`: the container is root on the host. */
export const rule = defineRule({
  id: 'compose/privileged',
  title: 'Privileged Compose service',
  severity: 'warning',
  appliesTo: ['compose'],
  aliases: [],
  docs: `Reports \`privileged: true\` on a service. A privileged container gets every capability and every host
device, and can mount the host's disks: a process that escapes it owns the machine. Few images need it (Docker
in Docker, some device drivers); they can usually make do with \`cap_add\` or \`devices\`.`,
  remediation: 'Remove `privileged: true`; add only the capabilities (`cap_add`) or `devices` the service needs.',
  check(ctx) {
    const out: Finding[] = [];
    for (const s of ctx.doc.model.services) {
      if (s.privileged?.value === true)
        out.push({ message: `Service "${s.name}" runs privileged, with full access to the host.`, range: s.privileged.range });
    }
    return out;
  },
});
