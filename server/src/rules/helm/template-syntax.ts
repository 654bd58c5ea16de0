import { defineRule } from '../../engine/rule';
import { parseTemplateCached } from '../../helm/template';

/** Malformed Go template actions: what `helm template` would stop at, found without running it. */
export const rule = defineRule({
  id: 'helm/template-syntax',
  title: 'Malformed template action',
  severity: 'error',
  appliesTo: ['helm-template'],
  aliases: [],
  docs: `Helm templates are Go templates, not YAML, so Shipshape never reports them as YAML errors. What it does
check is the template syntax: an unclosed \`{{\`, an \`if\`/\`with\`/\`range\`/\`define\` without its \`{{ end }}\`,
an \`end\` or \`else\` with nothing to close, unterminated strings and parentheses inside an action. Any of these
makes every render of the chart fail.`,
  remediation: 'Close the action with `}}`, or add or remove the `{{ end }}` that the marked block is missing.',
  check(ctx) {
    const parsed = parseTemplateCached(ctx.doc.text);
    return parsed.problems.map((p) => ({
      message: p.message,
      range: ctx.doc.lines.range(p.span.start, Math.max(p.span.end, p.span.start + 1)),
    }));
  },
});
