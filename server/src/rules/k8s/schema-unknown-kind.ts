import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { resolveSchema } from '../../k8s/schema';
import { keyRange, nodeRange, getIn } from '../../parse/yaml';

/** A kind that its API group and version do not have, close to one they do (a typo). */
export const rule = defineRule({
  id: 'k8s/schema-unknown-kind',
  title: 'Unknown kind in a known API group',
  severity: 'warning',
  appliesTo: ['manifest'],
  aliases: [],
  docs: `Reports a \`kind\` that the object's API group and version do not define but that is a small edit
away from one they do (\`kind: Deploymnet\` in \`apps/v1\`): \`kubectl apply\` fails with "no matches for
kind". Kinds of groups Shipshape has no schema for, and kinds a CustomResourceDefinition in the
workspace defines, are left alone.`,
  remediation: 'Correct the kind to the suggested one.',
  check(ctx) {
    const out: Finding[] = [];
    for (const obj of ctx.doc.objects) {
      if (!obj.apiVersion || !obj.kind) continue;
      const res = resolveSchema(obj.apiVersion, obj.kind, ctx.workspace);
      if (res.status !== 'unknown-kind') continue;
      const range = nodeRange(ctx.doc.lines, getIn(obj.root, ['kind'])) ?? keyRange(ctx.doc.lines, obj.root, 'kind');
      if (!range) continue;
      out.push({ message: `${obj.apiVersion} has no kind "${obj.kind}"; did you mean "${res.suggestion}"?`, range });
    }
    return out;
  },
});
