import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { COMPOSE_SPEC_VERSION, composeSchemaIssues } from '../../compose/schema';
import { closest } from '../../k8s/schema/validate';
import { nodeRange } from '../../parse/yaml';

/** Facts the rename fix needs. */
interface RenameData {
  key: string;
  suggestion: string;
}

function isRenameData(d: unknown): d is RenameData {
  const o = d as Partial<RenameData> | null;
  return typeof o?.key === 'string' && typeof o.suggestion === 'string';
}

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
        data: issue.suggestion ? ({ key: issue.key, suggestion: issue.suggestion } satisfies RenameData) : undefined,
      });
    }
    return out;
  },
  fix(ctx, finding) {
    if (!isRenameData(finding.data)) return undefined;
    const { key, suggestion } = finding.data;
    const start = ctx.doc.lines.offsetAt(finding.range.start);
    const end = ctx.doc.lines.offsetAt(finding.range.end);
    const written = ctx.doc.text.slice(start, end);
    const inner = written.replace(/^(["'])(.*)\1$/, '$2');
    if (inner !== key) return undefined;
    const newText = written === inner ? suggestion : `${written[0]}${suggestion}${written[0]}`;
    return { title: `Rename "${key}" to "${suggestion}"`, edits: [{ range: finding.range, newText }] };
  },
});
