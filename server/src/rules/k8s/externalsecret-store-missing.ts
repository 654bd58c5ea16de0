import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { mayBeUnread, objectsNamed, objectsOfKind, sameNamespace, seqAt } from '../../k8s/pod';
import { getIn, nodeRange, scalarString } from '../../parse/yaml';

/** External Secrets `ExternalSecret`s whose `secretStoreRef` names a store the workspace does not define. */
export const rule = defineRule({
  id: 'k8s/externalsecret-store-missing',
  title: 'ExternalSecret names a SecretStore that does not exist',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: [],
  docs: `An External Secrets \`ExternalSecret\` (and a \`PushSecret\`'s \`secretStoreRefs\`) reads through the store its
\`secretStoreRef\` names: a \`SecretStore\` in the same namespace (the default \`kind\`) or a \`ClusterSecretStore\`.
When the workspace defines no store of that kind and name, the operator reports \`SecretSyncedError\` and the Kubernetes
Secret is never written, so the pods that mount it do not start. Reported on the \`name\`. Only checked when the
workspace defines at least one SecretStore or ClusterSecretStore; a manifest YAML cannot read completely that holds the
name keeps it quiet.`,
  remediation: 'Fix `secretStoreRef.name` and `kind`, or add the SecretStore (or ClusterSecretStore) to the workspace.',
  check(ctx) {
    const out: Finding[] = [];
    if (!ctx.doc.objects.some((o) => o.kind === 'ExternalSecret' || o.kind === 'PushSecret')) return out;
    if (!objectsOfKind(ctx, 'SecretStore').length && !objectsOfKind(ctx, 'ClusterSecretStore').length) return out;
    for (const obj of ctx.doc.objects) {
      if (!obj.apiVersion?.startsWith('external-secrets.io/')) continue;
      const refs =
        obj.kind === 'ExternalSecret'
          ? [getIn(obj.root, ['spec', 'secretStoreRef'])]
          : obj.kind === 'PushSecret'
            ? seqAt(obj.root, ['spec', 'secretStoreRefs'])
            : [];
      for (const ref of refs) {
        if (!ref) continue;
        const kind = scalarString(getIn(ref, ['kind'])) ?? 'SecretStore';
        const nameNode = getIn(ref, ['name']);
        const name = scalarString(nameNode);
        if (!name || name.includes('{{') || (kind !== 'SecretStore' && kind !== 'ClusterSecretStore')) continue;
        const stores = objectsNamed(objectsOfKind(ctx, kind), name);
        if (kind === 'ClusterSecretStore' ? stores.length : stores.some((o) => sameNamespace(o.namespace, obj.namespace))) continue;
        if (mayBeUnread(ctx, [name])) continue;
        const range = nodeRange(ctx.doc.lines, nameNode);
        if (range) out.push({ message: `No ${kind} "${name}" is defined in the workspace for ${obj.kind} "${obj.name ?? ''}".`, range });
      }
    }
    return out;
  },
});
