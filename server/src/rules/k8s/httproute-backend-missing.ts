import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { dig, mayBeUnread, objectsNamed, objectsOfKind, seqAt } from '../../k8s/pod';
import { getIn, nodeRange, scalarString } from '../../parse/yaml';

/** The `port` numbers of a Service (plain data). */
function servicePorts(value: unknown): number[] {
  const ports = dig(value, 'spec', 'ports');
  return Array.isArray(ports) ? ports.flatMap((p) => (typeof dig(p, 'port') === 'number' ? [dig(p, 'port') as number] : [])) : [];
}

/** Gateway API HTTPRoutes whose `backendRefs` name a Service, or a Service port, the workspace lacks. */
export const rule = defineRule({
  id: 'k8s/httproute-backend-missing',
  title: 'HTTPRoute backend names a missing Service or port',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: [],
  docs: `A Gateway API \`HTTPRoute\` forwards to the Services its \`rules[].backendRefs\` name (\`kind\` defaults to
\`Service\`, \`namespace\` to the route's own), on the Service \`port\` given. When no such Service exists the route's
\`ResolvedRefs\` condition turns false and the gateway answers 500; when the Service exists but has no such \`port\`,
the same happens. Reported on the backend's \`name\` (missing Service) or \`port\` (missing port). Backends of other
kinds are not checked. Only checked when the workspace defines at least one Service; a manifest YAML cannot read
completely that holds the name keeps it quiet.`,
  remediation: 'Name a Service of the workspace and one of its `ports[].port` numbers.',
  check(ctx) {
    const out: Finding[] = [];
    if (!ctx.doc.objects.some((o) => o.kind === 'HTTPRoute')) return out;
    const services = objectsOfKind(ctx, 'Service');
    if (!services.length) return out;
    for (const obj of ctx.doc.objects) {
      if (obj.kind !== 'HTTPRoute' || !obj.apiVersion?.startsWith('gateway.networking.k8s.io/')) continue;
      for (const r of seqAt(obj.root, ['spec', 'rules'])) {
        for (const ref of seqAt(r, ['backendRefs'])) {
          const kind = scalarString(getIn(ref, ['kind'])) ?? 'Service';
          const group = scalarString(getIn(ref, ['group'])) ?? '';
          const nameNode = getIn(ref, ['name']);
          const name = scalarString(nameNode);
          if (kind !== 'Service' || group !== '' || !name || name.includes('{{')) continue;
          const ns = scalarString(getIn(ref, ['namespace'])) ?? obj.namespace;
          const same = objectsNamed(services, name).filter((s) => ns === undefined || s.namespace === undefined || s.namespace === ns);
          if (!same.length) {
            if (mayBeUnread(ctx, [name])) continue;
            const range = nodeRange(ctx.doc.lines, nameNode);
            if (range) out.push({ message: `No Service "${name}" is defined in the workspace for HTTPRoute "${obj.name ?? ''}".`, range });
            continue;
          }
          const portNode = getIn(ref, ['port']);
          const port = Number(scalarString(portNode));
          if (!portNode || !Number.isInteger(port)) continue;
          if (same.some((s) => servicePorts(s.value).includes(port))) continue;
          const range = nodeRange(ctx.doc.lines, portNode);
          if (range) out.push({ message: `Service "${name}" has no port ${port}.`, range });
        }
      }
    }
    return out;
  },
});
