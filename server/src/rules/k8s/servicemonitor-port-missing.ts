import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { dig, objectsOfKind, seqAt } from '../../k8s/pod';
import { servicesSelectedBy } from '../../k8s/servicemonitor';
import { getIn, nodeRange, scalarString } from '../../parse/yaml';

/** ServiceMonitor endpoints whose `port` is not the name of a port of any Service the monitor selects. */
export const rule = defineRule({
  id: 'k8s/servicemonitor-port-missing',
  title: 'ServiceMonitor endpoint names a port the selected Services lack',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: [],
  docs: `A Prometheus Operator \`ServiceMonitor\` endpoint's \`port\` is the *name* of a Service port. When none of the
Services the monitor selects has a port of that name (often the number was written, or the Service port is unnamed),
Prometheus gets no target for the endpoint and the metrics silently stop. Reported on the \`port\` value. Only checked
when the selector matches at least one Service of the workspace (\`k8s/servicemonitor-selects-nothing\` reports the
other case); endpoints using \`targetPort\` are not checked.`,
  remediation: 'Name the Service port (`ports[].name`) and use that name in the endpoint.',
  check(ctx) {
    const out: Finding[] = [];
    if (!ctx.doc.objects.some((o) => o.kind === 'ServiceMonitor')) return out;
    const services = objectsOfKind(ctx, 'Service');
    for (const obj of ctx.doc.objects) {
      if (obj.kind !== 'ServiceMonitor') continue;
      const matched = servicesSelectedBy(obj, services);
      if (!matched?.length) continue;
      const names = new Set<string>();
      for (const s of matched) {
        const ports = dig(s.value, 'spec', 'ports');
        if (Array.isArray(ports)) for (const p of ports) if (typeof dig(p, 'name') === 'string') names.add(dig(p, 'name') as string);
      }
      for (const ep of seqAt(obj.root, ['spec', 'endpoints'])) {
        const portNode = getIn(ep, ['port']);
        const port = scalarString(portNode);
        if (port === undefined || port.includes('{{') || names.has(port)) continue;
        const range = nodeRange(ctx.doc.lines, portNode);
        const known = [...names].sort().join(', ');
        if (range)
          out.push({
            message: `No Service selected by ServiceMonitor "${obj.name ?? ''}" has a port named "${port}"${known ? ` (named ports: ${known})` : ''}.`,
            range,
          });
      }
    }
    return out;
  },
});
