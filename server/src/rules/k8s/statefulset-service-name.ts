import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { dig, objectsNamed, objectsOfKind, sameNamespace } from '../../k8s/pod';
import { getIn, keyRange, nodeRange, scalarString } from '../../parse/yaml';

/** StatefulSets need a headless Service for their pods' stable DNS names. */
export const rule = defineRule({
  id: 'k8s/statefulset-service-name',
  title: 'StatefulSet without a headless Service',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: ['kube-score:statefulset-has-servicename'],
  docs: `A StatefulSet's pods get stable DNS names (\`web-0.web.shop.svc\`) through the headless Service its \`serviceName\`
names. Without \`serviceName\` they get none; when the Service of that name in the workspace (same namespace, or unset)
has a cluster IP, the names do not resolve to the pods either. Reported on the \`spec\` key when \`serviceName\` is
missing, on its value when the Service is not headless (\`clusterIP: None\`). A Service that is not in the workspace is
not reported.`,
  remediation: 'Set `serviceName` to a Service with `clusterIP: None` that selects the pods.',
  check(ctx) {
    const out: Finding[] = [];
    for (const obj of ctx.doc.objects) {
      if (obj.kind !== 'StatefulSet') continue;
      const node = getIn(obj.root, ['spec', 'serviceName']);
      const name = scalarString(node);
      if (!name) {
        const range = keyRange(ctx.doc.lines, obj.root, 'spec');
        if (range) out.push({ message: `StatefulSet "${obj.name ?? ''}" has no serviceName.`, range });
        continue;
      }
      const services = objectsNamed(objectsOfKind(ctx, 'Service'), name).filter((s) => sameNamespace(s.namespace, obj.namespace));
      if (!services.length || services.some((s) => dig(s.value, 'spec', 'clusterIP') === 'None')) continue;
      const range = nodeRange(ctx.doc.lines, node);
      if (range) out.push({ message: `Service "${name}" is not headless (clusterIP: None).`, range });
    }
    return out;
  },
});
