import { defineRule } from '../../engine/rule';
import { renameData, renameKeyFix } from '../../engine/rename-key';
import type { Finding } from '../../engine/types';
import { COMPOSE_SPEC_VERSION, composeSchemaIssues } from '../../compose/schema';
import { closest } from '../../k8s/schema/validate';
import { nodeRange } from '../../parse/yaml';

/** Keys the Compose Specification does not define, at the top level, in a service, its build, deploy or healthcheck. */
export const rule = defineRule({
  id: 'compose/unknown-key',
  title: 'Key not defined by the Compose Specification',
  severity: 'error',
  fixApplicability: 'unsafe',
  appliesTo: ['compose'],
  aliases: [],
  expensive: true,
  docs: `Reports keys the Compose Specification does not define: at the top level, in a service, and in a
service's \`build\`, \`deploy\` and \`healthcheck\`. \`docker compose\` refuses such a file ("additional properties
… not allowed"), so a typo (\`enviroment\`, \`depends-on\`) stops the whole stack. Keys starting with \`x-\` are
extensions and are allowed everywhere. The keys are those of ${COMPOSE_SPEC_VERSION}, bundled with Shipshape (no
network). Where a known key is close, the message suggests it and a quick fix renames the key; the fix is unsafe
because the renamed key then takes effect.`,
  remediation: 'Rename the key to the suggested one, move it where it belongs, or prefix it with `x-` to keep it as an extension.',
  check(ctx) {
    const out: Finding[] = [];
    for (const issue of composeSchemaIssues(ctx.doc.model.root, closest)) {
      const range = nodeRange(ctx.doc.lines, issue.node);
      if (issue.code !== 'unknown-key' || !range) continue;
      out.push({
        message: issue.message,
        range,
        data: renameData(issue.key, issue.suggestion),
      });
    }
    return out;
  },
  fix(ctx, finding) {
    return renameKeyFix(ctx.doc, finding);
  },
});
