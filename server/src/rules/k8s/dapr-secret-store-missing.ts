import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { dig, mayBeUnread, objectsNamed, objectsOfKind, sameNamespace } from '../../k8s/pod';
import { getIn, nodeRange, scalarString } from '../../parse/yaml';

/** The secret store every Dapr sidecar on Kubernetes has without a component. */
const BUILT_IN = 'kubernetes';

/** Dapr Components whose `auth.secretStore` names a secret store component the workspace does not define. */
export const rule = defineRule({
  id: 'k8s/dapr-secret-store-missing',
  title: 'Dapr Component names a secret store that does not exist',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: [],
  docs: `A Dapr \`Component\` resolves its \`metadata[].secretKeyRef\` values through the secret store its
\`auth.secretStore\` names: another \`Component\` whose \`spec.type\` is \`secretstores.*\` (in the same namespace), or
the built-in \`kubernetes\` store when \`auth\` is absent. When no such secret store component is defined, the sidecar
fails to load the component and the application's calls to it fail at run time. Reported on the \`secretStore\`
value. The built-in \`kubernetes\` store is always defined; a manifest YAML cannot read completely that holds the name
keeps it quiet.`,
  remediation: 'Name a secret store Component of the workspace (`spec.type: secretstores.…`), or drop `auth` to use the Kubernetes store.',
  check(ctx) {
    const out: Finding[] = [];
    if (!ctx.doc.objects.some((o) => o.kind === 'Component')) return out;
    const stores = objectsOfKind(ctx, 'Component').filter((c) => String(dig(c.value, 'spec', 'type') ?? '').startsWith('secretstores.'));
    for (const obj of ctx.doc.objects) {
      if (obj.kind !== 'Component' || !obj.apiVersion?.startsWith('dapr.io/')) continue;
      const node = getIn(obj.root, ['auth', 'secretStore']);
      const name = scalarString(node);
      if (!name || name === BUILT_IN || name.includes('{{')) continue;
      if (objectsNamed(stores, name).some((s) => sameNamespace(s.namespace, obj.namespace))) continue;
      if (mayBeUnread(ctx, [name])) continue;
      const range = nodeRange(ctx.doc.lines, node);
      if (range)
        out.push({ message: `No secret store Component "${name}" is defined in the workspace for Component "${obj.name ?? ''}".`, range });
    }
    return out;
  },
});
