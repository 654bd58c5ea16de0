import { defineRule } from '../../engine/rule';
import { renameData, renameKeyFix } from '../../engine/rename-key';
import type { Finding } from '../../engine/types';
import { bundledKubernetesVersion, schemaIssues } from '../../k8s/schema';

/** Fields the schema of the object's kind does not define: typos, wrong nesting, removed fields. */
export const rule = defineRule({
  id: 'k8s/schema-unknown-field',
  title: 'Field not defined by the schema',
  severity: 'error',
  fixApplicability: 'unsafe',
  appliesTo: ['manifest'],
  aliases: [],
  expensive: true,
  docs: `Reports keys the schema of the object's kind does not define, like \`kubectl apply\` with strict field
validation and \`kubeconform -strict\` do: a typo (\`imagePullPolicey\`), a field at the wrong level
(\`resources\` under \`spec\` instead of the container) or a field of another API version. The API server
rejects or silently drops such fields, so the setting you wrote never takes effect.

Built-in kinds are checked against schemas of Kubernetes ${bundledKubernetesVersion()} bundled with Shipshape (no
network); Flux, Argo CD and cert-manager resources against bundled CRD schemas, Dapr Components
against a compact hand-written schema; other custom resources
against the CustomResourceDefinitions found in the workspace. Custom resources with no known CRD are
not checked. Where a known field is close to the key, the message suggests it and a quick fix renames
the key.`,
  remediation: 'Rename the key to the suggested field, move it to the level where it belongs, or delete it.',
  check(ctx) {
    const out: Finding[] = [];
    for (const issue of schemaIssues(ctx.doc, ctx.workspace, ctx.path)) {
      if (issue.code !== 'unknown-field') continue;
      out.push({
        message: issue.message,
        range: issue.range,
        data: renameData(issue.key!, issue.suggestion),
      });
    }
    return out;
  },
  fix(ctx, finding) {
    return renameKeyFix(ctx.doc, finding);
  },
});
