import type { Node } from 'yaml';
import { isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import type { IndexedObject } from '../../engine/workspace';
import { dig, objectsNamed, objectsOfKind, sameNamespace, seqAt, workloads } from '../../k8s/pod';
import { getIn, nodeRange, scalarString } from '../../parse/yaml';

/** The keys an object of the workspace holds (ConfigMap `data`/`binaryData`, Secret `data`/`stringData`). */
function keysOf(o: IndexedObject): Set<string> {
  const fields = o.kind === 'Secret' ? ['data', 'stringData'] : ['data', 'binaryData'];
  const out = new Set<string>();
  for (const f of fields) {
    const m = dig(o.value, f);
    if (m && typeof m === 'object' && !Array.isArray(m)) for (const k of Object.keys(m)) out.add(k);
  }
  return out;
}

/** `configMapKeyRef` and `secretKeyRef` keys the referenced object does not have. */
export const rule = defineRule({
  id: 'k8s/env-key-missing',
  title: 'Environment variable references a missing key',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: ['kube-linter:env-value-from'],
  options: {
    missingObjects: {
      type: 'boolean',
      default: false,
      description: 'Also report references to ConfigMaps and Secrets the workspace does not define (as kube-linter does).',
    },
  },
  docs: `An \`env\` entry's \`valueFrom.configMapKeyRef\` or \`secretKeyRef\` names an object and a key. When the object is
in the workspace (same namespace, or unset) but has no such key in its \`data\`, \`binaryData\` or \`stringData\`, the
container fails with \`CreateContainerConfigError\`, usually after a key was renamed. Reported on the \`key\` value;
references marked \`optional: true\` are left alone. A missing object is \`k8s/reference-missing\`'s finding; with
the \`missingObjects\` option this rule reports it too, on the \`name\` value, which is what kube-linter's
\`env-value-from\` does.`,
  remediation: 'Use a key the ConfigMap or Secret defines, or add the key to it.',
  check(ctx) {
    const out: Finding[] = [];
    const pods = workloads(ctx.doc);
    if (!pods.length) return out;
    const missingObjects = ctx.settings.option<boolean>('missingObjects');
    for (const w of pods) {
      for (const field of ['initContainers', 'containers']) {
        for (const c of seqAt(w.pod, [field])) {
          for (const e of seqAt(c, ['env'])) {
            for (const [refKey, kind] of [
              ['configMapKeyRef', 'ConfigMap'],
              ['secretKeyRef', 'Secret'],
            ] as const) {
              const ref = getIn(e, ['valueFrom', refKey]);
              if (!ref) continue;
              const opt = getIn(ref, ['optional']);
              if (isScalar(opt) && opt.value === true) continue;
              const nameNode: Node | undefined = getIn(ref, ['name']);
              const keyNode = getIn(ref, ['key']);
              const name = scalarString(nameNode);
              const key = scalarString(keyNode);
              if (!name || !key || name.includes('{{') || key.includes('{{')) continue;
              const found = objectsNamed(objectsOfKind(ctx, kind), name).filter((o) => sameNamespace(o.namespace, w.obj.namespace));
              if (!found.length) {
                const range = missingObjects ? nodeRange(ctx.doc.lines, nameNode) : undefined;
                if (range) out.push({ message: `${kind} "${name}" is not defined in the workspace.`, range });
                continue;
              }
              if (found.some((o) => o.value === undefined || keysOf(o).has(key))) continue;
              const range = nodeRange(ctx.doc.lines, keyNode);
              if (range) out.push({ message: `${kind} "${name}" has no key "${key}".`, range });
            }
          }
        }
      }
    }
    return out;
  },
});
