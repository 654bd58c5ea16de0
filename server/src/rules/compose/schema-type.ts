import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { COMPOSE_SPEC_VERSION, composeSchemaIssues } from '../../compose/schema';
import { closest } from '../../k8s/schema/validate';
import { nodeRange } from '../../parse/yaml';
import { mappingRange } from '../../compose/model';
import { isMap } from 'yaml';

/** A Compose value of the wrong shape: a mapping where a list belongs, a list where a string belongs. */
export const rule = defineRule({
  id: 'compose/schema-type',
  title: 'Compose value of the wrong type',
  severity: 'error',
  appliesTo: ['compose'],
  aliases: [],
  expensive: true,
  docs: `Reports a value whose YAML shape the Compose Specification does not allow for its key: \`ports\` written
as a mapping, \`image\` as a list, \`healthcheck\` as a string, \`privileged\` as a number. \`docker compose\`
refuses such a file. Keys accepting several forms (\`environment\` as a list or a mapping, \`command\` as a string
or a list, \`build\` as a path or a mapping) accept each of them. The shapes are those of ${COMPOSE_SPEC_VERSION}.`,
  remediation: 'Write the value in one of the forms the message names.',
  check(ctx) {
    const out: Finding[] = [];
    for (const issue of composeSchemaIssues(ctx.doc.model.root, closest)) {
      const range = isMap(issue.node) && !issue.node.flow ? mappingRange(ctx.doc.lines, issue.node) : nodeRange(ctx.doc.lines, issue.node);
      if (issue.code === 'type' && range) out.push({ message: issue.message, range });
    }
    return out;
  },
});
