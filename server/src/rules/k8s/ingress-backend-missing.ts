import type { Node } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { dig, mayBeUnread, objectsNamed, objectsOfKind, sameNamespace, seqAt } from '../../k8s/pod';
import { getIn, nodeRange, scalarString } from '../../parse/yaml';

/** Backends of an Ingress: the service name node and the port node (either API shape). */
function backends(root: Node): { name: Node | undefined; port: Node | undefined }[] {
  const out: { name: Node | undefined; port: Node | undefined }[] = [];
  const add = (b: Node | undefined) => {
    if (!b) return;
    const svc = getIn(b, ['service']);
    if (svc) out.push({ name: getIn(svc, ['name']), port: getIn(svc, ['port', 'number']) ?? getIn(svc, ['port', 'name']) });
    else if (getIn(b, ['serviceName'])) out.push({ name: getIn(b, ['serviceName']), port: getIn(b, ['servicePort']) });
  };
  add(getIn(root, ['spec', 'defaultBackend']));
  add(getIn(root, ['spec', 'backend']));
  for (const r of seqAt(root, ['spec', 'rules'])) for (const p of seqAt(r, ['http', 'paths'])) add(getIn(p, ['backend']));
  return out;
}

/** An Ingress that routes to a Service or port the workspace does not define. */
export const rule = defineRule({
  id: 'k8s/ingress-backend-missing',
  title: 'Ingress backend Service or port missing',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: ['kube-linter:dangling-ingress', 'kube-score:ingress-targets-service'],
  docs: `Each Ingress backend names a Service and one of its ports. A name no Service in the workspace has (same
namespace, or unset) is a warning, as the Service may be created elsewhere; a port the existing Service does not
expose (by number or name) is an error: the controller answers 503 for that path. A manifest of the workspace that YAML cannot read completely (a template with \`replicas: {{replicas}}\`) may
hold what is missing: when its text has the Service's name, nothing is reported.`,
  remediation: 'Point the backend at an existing Service and one of the ports it exposes.',
  check(ctx) {
    const out: Finding[] = [];
    // The workspace's Services are looked up only for a document that has an Ingress.
    if (!ctx.doc.objects.some((o) => o.kind === 'Ingress')) return out;
    const services = objectsOfKind(ctx, 'Service');
    for (const obj of ctx.doc.objects) {
      if (obj.kind !== 'Ingress') continue;
      for (const b of backends(obj.root)) {
        const name = scalarString(b.name);
        if (!name || name.includes('{{')) continue;
        const svc = objectsNamed(services, name).find((s) => sameNamespace(s.namespace, obj.namespace));
        if (!svc) {
          if (mayBeUnread(ctx, [name])) continue;
          const range = nodeRange(ctx.doc.lines, b.name);
          if (range) out.push({ message: `No Service "${name}" is defined in the workspace.`, range });
          continue;
        }
        const port = b.port?.toJSON() as unknown;
        if (port === undefined || (typeof port === 'string' && port.includes('{{'))) continue;
        const ports = dig(svc.value, 'spec', 'ports');
        if (!Array.isArray(ports)) continue;
        const ok = ports.some((p) => dig(p, 'port') === port || dig(p, 'name') === port || String(dig(p, 'port')) === String(port));
        if (ok) continue;
        const range = nodeRange(ctx.doc.lines, b.port);
        if (range) out.push({ message: `Service "${name}" exposes no port ${String(port)}.`, range, severity: 'error' });
      }
    }
    return out;
  },
});
