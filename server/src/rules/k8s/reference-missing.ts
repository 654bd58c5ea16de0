import type { Node } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import type { IndexedObject } from '../../engine/workspace';
import { dig, mayBeUnread, objectsNamed, objectsOfKind, type LookupContext, sameNamespace, seqAt, workloads } from '../../k8s/pod';
import { findPair, getIn, nodeRange, scalarString } from '../../parse/yaml';

type RefKind = 'ConfigMap' | 'Secret' | 'ServiceAccount';

/** Names a kind of object goes by in the workspace, including generators of Secrets. */
function defined(ctx: LookupContext, kind: RefKind, name: string, ns: string | undefined): boolean {
  const hit = (list: readonly IndexedObject[]) => objectsNamed(list, name).some((o) => sameNamespace(o.namespace, ns));
  if (hit(objectsOfKind(ctx, kind))) return true;
  if (kind !== 'Secret') return false;
  if (hit(objectsOfKind(ctx, 'SealedSecret'))) return true;
  return objectsOfKind(ctx, 'ExternalSecret').some(
    (o) => ((dig(o.value, 'spec', 'target', 'name') as string | undefined) ?? o.name) === name && sameNamespace(o.namespace, ns),
  );
}

/** References from a pod spec to ConfigMaps, Secrets and ServiceAccounts the workspace does not define. */
export const rule = defineRule({
  id: 'k8s/reference-missing',
  title: 'Referenced ConfigMap, Secret or ServiceAccount not in the workspace',
  severity: 'info',
  appliesTo: ['manifest'],
  aliases: ['kube-linter:non-existent-service-account'],
  docs: `Pods that reference a ConfigMap, Secret (\`configMapKeyRef\`, \`secretKeyRef\`, \`envFrom\`, volumes, image pull
secrets) or a \`serviceAccountName\` fail to start (\`CreateContainerConfigError\`) when the object is missing.
Reported as info, since such objects often live only in the cluster; references marked \`optional: true\`,
SealedSecrets and ExternalSecrets count as defined. Only checked when the workspace defines at least one
ConfigMap, Secret or ServiceAccount respectively, so clusters managed elsewhere stay quiet. A manifest of the workspace that YAML cannot read completely (a template with \`replicas: {{replicas}}\`) may
hold what is missing: when its text has the referenced name, nothing is reported.`,
  remediation: 'Add the object to the workspace, fix the name, or mark the reference `optional: true`.',
  check(ctx) {
    const out: Finding[] = [];
    // The workspace's ConfigMaps, Secrets and ServiceAccounts are looked up only for a document with pods.
    const pods = workloads(ctx.doc);
    if (!pods.length) return out;
    const any: Record<RefKind, boolean> = {
      ConfigMap: objectsOfKind(ctx, 'ConfigMap').length > 0,
      Secret:
        objectsOfKind(ctx, 'Secret').length + objectsOfKind(ctx, 'SealedSecret').length + objectsOfKind(ctx, 'ExternalSecret').length > 0,
      ServiceAccount: objectsOfKind(ctx, 'ServiceAccount').length > 0,
    };
    for (const w of pods) {
      const ns = w.obj.namespace;
      const refs: { kind: RefKind; node: Node | undefined; holder: Node | undefined }[] = [];
      const sa = findPair(w.pod, 'serviceAccountName') ?? findPair(w.pod, 'serviceAccount');
      if (sa?.value) refs.push({ kind: 'ServiceAccount', node: sa.value, holder: undefined });
      for (const field of ['containers', 'initContainers']) {
        for (const c of seqAt(w.pod, [field])) {
          for (const e of seqAt(c, ['env'])) {
            const cm = getIn(e, ['valueFrom', 'configMapKeyRef']);
            const sec = getIn(e, ['valueFrom', 'secretKeyRef']);
            if (cm) refs.push({ kind: 'ConfigMap', node: getIn(cm, ['name']), holder: cm });
            if (sec) refs.push({ kind: 'Secret', node: getIn(sec, ['name']), holder: sec });
          }
          for (const e of seqAt(c, ['envFrom'])) {
            const cm = getIn(e, ['configMapRef']);
            const sec = getIn(e, ['secretRef']);
            if (cm) refs.push({ kind: 'ConfigMap', node: getIn(cm, ['name']), holder: cm });
            if (sec) refs.push({ kind: 'Secret', node: getIn(sec, ['name']), holder: sec });
          }
        }
      }
      for (const v of seqAt(w.pod, ['volumes'])) {
        const cm = getIn(v, ['configMap']);
        const sec = getIn(v, ['secret']);
        if (cm) refs.push({ kind: 'ConfigMap', node: getIn(cm, ['name']), holder: cm });
        if (sec) refs.push({ kind: 'Secret', node: getIn(sec, ['secretName']), holder: sec });
        for (const src of seqAt(v, ['projected', 'sources'])) {
          const pcm = getIn(src, ['configMap']);
          const psec = getIn(src, ['secret']);
          if (pcm) refs.push({ kind: 'ConfigMap', node: getIn(pcm, ['name']), holder: pcm });
          if (psec) refs.push({ kind: 'Secret', node: getIn(psec, ['name']), holder: psec });
        }
      }
      for (const s of seqAt(w.pod, ['imagePullSecrets'])) refs.push({ kind: 'Secret', node: getIn(s, ['name']), holder: s });
      for (const ref of refs) {
        const name = scalarString(ref.node);
        if (!name || name === 'default' || !any[ref.kind] || /\{\{|\$\(|\$\{/.test(name)) continue;
        if (ref.holder && dig(ref.holder.toJSON(), 'optional') === true) continue;
        if (defined(ctx, ref.kind, name, ns) || mayBeUnread(ctx, [name])) continue;
        const range = nodeRange(ctx.doc.lines, ref.node);
        if (range)
          out.push({
            message: `${ref.kind} "${name}" is not defined in the workspace; the pod fails to start if the cluster lacks it.`,
            range,
          });
      }
    }
    return out;
  },
});
