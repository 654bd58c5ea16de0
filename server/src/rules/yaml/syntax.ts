import { defineRule } from '../../engine/rule';

/** YAML that does not parse; reported where the parser stopped, never on Helm templates. */
export const rule = defineRule({
  id: 'yaml/syntax',
  title: 'YAML syntax error',
  severity: 'error',
  appliesTo: ['manifest', 'kustomization', 'helm-chart', 'helm-values', 'compose'],
  aliases: [],
  docs: `The file is not valid YAML, so neither Kubernetes, Helm nor Docker Compose can read it. Helm templates are not plain YAML
and are never checked by this rule.`,
  remediation: 'Fix the YAML at the marked position (indentation, an unclosed quote or bracket, a tab).',
  check(ctx) {
    return ctx.doc.errors.map((e) => ({ message: e.message, range: e.range }));
  },
});
