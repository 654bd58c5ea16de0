import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { bundledKubernetesVersion, schemaIssues } from '../../k8s/schema';

/** Values of the wrong type, outside their enum, or not in the field's format. */
export const rule = defineRule({
  id: 'k8s/schema-type',
  title: 'Value does not match the schema',
  severity: 'error',
  appliesTo: ['manifest'],
  aliases: [],
  expensive: true,
  docs: `Reports values the API server would reject because of their type or format: a number where a
string is required (\`value: 8080\` in an env var, an annotation \`prometheus.io/port: 9090\`), a string
where a number is required (\`replicas: "3"\`), a value outside the allowed set
(\`imagePullPolicy: Allways\`), a malformed quantity (\`memory: 1GB\`), or a mapping where a list belongs.

Kubernetes formats are understood: \`int-or-string\` fields accept \`port: http\` and \`maxSurge: 25%\`,
quantities accept \`cpu: 100m\`, \`memory: 1Gi\` and plain numbers, booleans accept YAML 1.1 spellings
(\`yes\`, \`on\`) as Kubernetes' YAML reader does. Values with template placeholders (\`{{ }}\`, \`\${VAR}\`)
are skipped. The message quotes the offending value, except an env var's value and the value of a key
that names a credential (\`password\`, \`API_TOKEN\`, \`client-secret\`): those are never repeated in a
message. Schemas: Kubernetes ${bundledKubernetesVersion()} built-in kinds, bundled Flux, Argo CD and
cert-manager CRDs, and CRDs defined in the workspace.`,
  remediation: 'Write the value in the type the message names (quote numbers meant as strings).',
  check(ctx) {
    const out: Finding[] = [];
    for (const issue of schemaIssues(ctx.doc, ctx.workspace, ctx.path)) {
      if (issue.code === 'type') out.push({ message: issue.message, range: issue.range });
    }
    return out;
  },
});
