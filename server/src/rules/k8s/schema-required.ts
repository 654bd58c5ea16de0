import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { schemaIssues } from '../../k8s/schema';

/** Fields the schema requires but the object lacks. */
export const rule = defineRule({
  id: 'k8s/schema-required',
  title: 'Required field missing',
  severity: 'error',
  appliesTo: ['manifest'],
  aliases: [],
  expensive: true,
  docs: `Reports fields the schema marks as required that are missing, such as a Deployment without
\`spec.selector\`, a container without \`name\`, or a Service port without \`port\`. The API server
rejects such objects. The finding points at the key whose value lacks the field (for list items, at
the item's first key). Mappings that use YAML merge keys (\`<<\`) are not checked for required fields,
nor are manifests in a folder with a \`kustomization.yaml\` at or above it, since those may be
strategic-merge patches (partial objects).`,
  remediation: 'Add the missing field.',
  check(ctx) {
    const out: Finding[] = [];
    for (const issue of schemaIssues(ctx.doc, ctx.workspace, ctx.path)) {
      if (issue.code === 'required') out.push({ message: issue.message, range: issue.range });
    }
    return out;
  },
});
