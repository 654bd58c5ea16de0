import { parseDocument } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { Finding } from '../../engine/types';
import { compileSchemaText } from '../../helm/schema';
import { nodeAtPointer } from '../../helm/yamlnav';
import { nodeRange } from '../../parse/yaml';

/** A `values.schema.json` that is not JSON or not a valid JSON Schema breaks every Helm command. */
export const rule = defineRule({
  id: 'helm/schema-invalid',
  title: 'values.schema.json is not a valid JSON Schema',
  severity: 'error',
  appliesTo: ['helm-schema'],
  aliases: [],
  docs: `Helm loads \`values.schema.json\` on every render. If the file is not JSON, or not a valid schema for the
draft its \`$schema\` names (draft-07 when it names none), \`helm install\`, \`template\` and \`lint\` all fail
before looking at the values. Shipshape checks the schema against its draft's meta-schema and marks the
offending keyword.

Shipshape checks \`pattern\` and \`patternProperties\` with a linear-time engine (RE2), so a pattern such as
\`^(a+)+$\` cannot stall the editor. A pattern that needs backtracking (lookahead, lookbehind,
backreferences) is marked with a warning and is not checked by Shipshape; Helm still applies it.`,
  remediation: 'Fix the JSON syntax or the schema keyword at the marked position.',
  check(ctx) {
    const compiled = compileSchemaText(ctx.doc.text);
    if (!compiled.problems.length) return [];
    const lines = ctx.doc.lines;
    const tree = parseDocument(ctx.doc.text, { prettyErrors: false });
    const out: Finding[] = [];
    for (const p of compiled.problems) {
      if (p.offset !== undefined) {
        out.push({ message: p.message, range: lines.range(p.offset, Math.min(ctx.doc.text.length, p.offset + 1)) });
        continue;
      }
      const { node, key } = nodeAtPointer(tree.contents, p.pointer);
      const range =
        (p.atKey ? nodeRange(lines, key) : undefined) ??
        nodeRange(lines, node) ??
        nodeRange(lines, key) ??
        nodeRange(lines, tree.contents) ??
        lines.range(0, 0);
      out.push(p.severity ? { message: p.message, range, severity: p.severity } : { message: p.message, range });
    }
    return out;
  },
});
