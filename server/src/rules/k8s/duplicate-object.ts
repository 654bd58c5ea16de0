import * as path from 'node:path';
import { defineRule } from '../../engine/rule';
import { objectsNamed, objectsOfKind } from '../../k8s/pod';
import type { Finding } from '../../engine/types';
import { getIn, nodeRange } from '../../parse/yaml';
import { isKustomizePatch } from '../../engine/patches';

function group(apiVersion: string | undefined): string {
  const v = apiVersion ?? '';
  return v.includes('/') ? v.slice(0, v.indexOf('/')) : '';
}

/** Two definitions of the same object: one silently replaces the other on apply. */
export const rule = defineRule({
  id: 'k8s/duplicate-object',
  title: 'Duplicate object',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: [],
  docs: `Two documents with the same API group, kind, namespace and name describe one object; whichever is applied
last wins and the other's changes are lost (kustomize refuses to build such a set). Reported within a file and
across files of one kustomize folder (a folder with a \`kustomization.yaml\`, which builds its files together). Other
folders often hold alternatives (one file per cloud or environment), so they are not compared. A file the
kustomization lists as a patch (\`patches\`, \`patchesStrategicMerge\`) changes the object it names rather than
defining it again.`,
  remediation: 'Remove or rename one of the definitions.',
  check(ctx) {
    const out: Finding[] = [];
    const key = (o: {
      apiVersion: string | undefined;
      kind: string | undefined;
      namespace: string | undefined;
      name: string | undefined;
    }) => `${group(o.apiVersion)}|${o.kind ?? ''}|${o.namespace ?? ''}|${o.name ?? ''}`;
    const seen = new Map<string, number>();
    const dir = ctx.path ? path.dirname(ctx.path) : undefined;
    const kustomized =
      dir !== undefined &&
      ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].some((n) => ctx.workspace.exists(path.join(dir, n)));
    for (const obj of ctx.doc.objects) {
      if (!obj.kind || !obj.name || obj.name.includes('{{')) continue;
      const k = key(obj);
      const range = nodeRange(ctx.doc.lines, getIn(obj.root, ['metadata', 'name']));
      if (!range) continue;
      const first = seen.get(k);
      if (first !== undefined) {
        out.push({ message: `${obj.kind} "${obj.name}" is already defined in this file (document ${first + 1}).`, range });
        continue;
      }
      seen.set(k, obj.docIndex);
      if (!dir || !kustomized) continue;
      const other = objectsNamed(objectsOfKind(ctx, obj.kind), obj.name).find(
        (o) =>
          o.uri !== ctx.uri &&
          key(o) === k &&
          !isKustomizePatch(ctx.workspace, ctx.workspace.file(o.uri)?.path) &&
          (() => {
            const f = ctx.workspace.file(o.uri);
            return f?.path !== undefined && path.dirname(f.path) === dir;
          })(),
      );
      if (other)
        out.push({
          message: `${obj.kind} "${obj.name}" is also defined in ${path.basename(ctx.workspace.file(other.uri)?.path ?? other.uri)}.`,
          range,
        });
    }
    return out;
  },
});
